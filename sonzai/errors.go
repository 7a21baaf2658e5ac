package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// sentinel is an error that is a constant, so the package's sentinels cannot
// be reassigned by anyone.
type sentinel string

func (s sentinel) Error() string { return string(s) }

// Sentinels for errors.Is. An *APIError matches the one for its status code;
// a *ValidationError matches ErrInvalidArgument.
const (
	// ErrInvalidRequest matches 400 Bad Request and 422 Unprocessable Entity.
	ErrInvalidRequest = sentinel("sonzai: invalid request")
	// ErrUnauthorized matches 401: the API key is missing, wrong or revoked.
	ErrUnauthorized = sentinel("sonzai: unauthorized")
	// ErrForbidden matches 403: the key may not do this.
	ErrForbidden = sentinel("sonzai: forbidden")
	// ErrNotFound matches 404.
	ErrNotFound = sentinel("sonzai: not found")
	// ErrConflict matches 409.
	ErrConflict = sentinel("sonzai: conflict")
	// ErrRateLimited matches 429; APIError.RetryAfter says when to try again.
	ErrRateLimited = sentinel("sonzai: rate limited")
	// ErrServer matches every 5xx status.
	ErrServer = sentinel("sonzai: server error")
	// ErrInvalidArgument matches a *ValidationError: the SDK refused the
	// input before sending anything.
	ErrInvalidArgument = sentinel("sonzai: invalid argument")
	// ErrAttemptTimeout matches a single attempt that ran past the limit set
	// with WithAttemptTimeout. It also matches context.DeadlineExceeded.
	ErrAttemptTimeout = sentinel("sonzai: attempt timed out")
)

// ErrMaybeApplied matches an *AmbiguousResultError: a retried call whose
// earlier attempt may have done what was asked.
const ErrMaybeApplied = sentinel("sonzai: an earlier attempt may have succeeded")

// AmbiguousResultError is a retried DELETE or PUT whose retry found nothing
// (404 or 410) after an earlier attempt failed in a way that does not say
// whether the server acted (a 5xx, a 408, a timeout or a connection lost
// after the request was sent). The earlier attempt may well have deleted
// the resource, or (a PUT such as Inventory.UpdateItem, which gives the item
// a new id) applied the change. It unwraps to the last attempt's *APIError, so
// errors.Is(err, ErrNotFound) still holds, and it matches ErrMaybeApplied.
type AmbiguousResultError struct {
	// Err is the last attempt's error, the 404 or 410 *APIError.
	Err error
	// Earlier is the failure of the earlier attempt that may have succeeded.
	Earlier error
}

// Error says that an earlier attempt may have succeeded, and how each ended.
func (e *AmbiguousResultError) Error() string {
	return e.Err.Error() + " (after a retry: an earlier attempt may have succeeded; it ended with: " + e.Earlier.Error() + ")"
}

// Unwrap returns the last attempt's error.
func (e *AmbiguousResultError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrMaybeApplied) hold.
func (e *AmbiguousResultError) Is(target error) bool { return target == ErrMaybeApplied }

// APIError is a response with a non-2xx status. The server describes
// failures as RFC 9457 problem details; their fields are copied here. When
// the body is not problem JSON (a proxy's HTML 502, say), Body holds a short,
// readable excerpt of it instead.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Operation is the contract's operationId of the call, e.g. "submitTurn".
	Operation string
	// Method and Path identify the request (the path is percent-encoded and
	// carries no query string).
	Method, Path string

	// Type, Title, Detail and Instance are the problem details' fields.
	Type, Title, Detail, Instance string
	// Errors lists the invalid parts of the request, when the server says.
	Errors []ProblemDetail

	// RequestID is the server's request identifier header, if it sent one.
	RequestID string
	// RetryAfter is the server's Retry-After hint, zero when absent.
	RetryAfter time.Duration
	// Body is an excerpt of a body that was not problem JSON.
	Body string
}

// ProblemDetail is one invalid part of a request, as the server reports it.
type ProblemDetail struct {
	// Location is where in the request, e.g. "body.messages[0].role".
	Location string `json:"location,omitempty"`
	// Message says what is wrong there.
	Message string `json:"message,omitempty"`
	// Value is the offending value as the server saw it.
	Value any `json:"value,omitempty"`
}

// maxErrorText bounds what Error prints of the server's text (detail,
// title, body excerpt), so that a hostile or broken server cannot flood a
// log line; the fields themselves keep it whole.
const maxErrorText = 640

// sameSentence reports whether two messages say the same, but for case and
// a final period.
func sameSentence(a, b string) bool {
	return strings.EqualFold(strings.TrimRight(a, ". "), strings.TrimRight(b, ". "))
}

// Error reports the status, the operation and the server's explanation, on
// one line of at most about 1 KiB: the server's text is cut, and control
// and bidirectional-formatting characters in it are replaced by spaces. The
// fields of the APIError keep the text as the server sent it. A detail that
// only repeats the first of Errors is said once.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("sonzai: ")
	if e.Operation != "" {
		b.WriteString(sanitize(e.Operation, 64))
		b.WriteString(" (")
		b.WriteString(sanitize(e.Method, 16))
		b.WriteByte(' ')
		b.WriteString(sanitize(e.Path, 160))
		b.WriteString("): ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteByte(' ')
		b.WriteString(text)
	}
	switch {
	case e.Detail != "" && !(len(e.Errors) > 0 && sameSentence(e.Detail, e.Errors[0].Message)):
		// A detail that only repeats the first error's message is left
		// out: the error, with its location, says it.
		b.WriteString(": ")
		b.WriteString(sanitize(strings.TrimRight(e.Detail, ". "), maxErrorText))
	case e.Title != "" && e.Title != http.StatusText(e.StatusCode):
		b.WriteString(": ")
		b.WriteString(sanitize(e.Title, maxErrorText))
	case e.Body != "":
		b.WriteString(": ")
		b.WriteString(sanitize(e.Body, maxErrorText))
	}
	for i, d := range e.Errors {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-i)
			break
		}
		b.WriteString("; ")
		if d.Location != "" {
			b.WriteString(sanitize(d.Location, 48))
			b.WriteString(": ")
		}
		b.WriteString(sanitize(d.Message, 64))
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(sanitize(e.RequestID, 64))
		b.WriteByte(']')
	}
	return b.String()
}

// minScrubbedKey is the shortest API key scrubbed from server text. Real
// keys are far longer; replacing a one-letter test key everywhere would
// garble every message.
const minScrubbedKey = 8

// scrub removes the client's own API key from everything the server sent
// back, should it echo the Authorization header (a misconfigured proxy, a
// debugging endpoint): the key must not reach errors, logs or %v output.
func (e *APIError) scrub(key string) {
	if len(key) < minScrubbedKey {
		return
	}
	clean := func(s string) string { return scrubText(s, key) }
	e.Type, e.Title, e.Detail, e.Instance = clean(e.Type), clean(e.Title), clean(e.Detail), clean(e.Instance)
	e.Body, e.RequestID = clean(e.Body), clean(e.RequestID)
	if len(e.Errors) > 0 {
		errs := make([]ProblemDetail, len(e.Errors))
		for i, d := range e.Errors {
			d.Location, d.Message = clean(d.Location), clean(d.Message)
			switch v := d.Value.(type) {
			case string:
				d.Value = clean(v)
			case nil, bool, float64:
			default:
				if raw, err := json.Marshal(v); err != nil || strings.Contains(string(raw), key) {
					d.Value = "[redacted]"
				}
			}
			errs[i] = d
		}
		e.Errors = errs
	}
}

// Is makes errors.Is(err, ErrNotFound) and the other status sentinels work.
func (e *APIError) Is(target error) bool {
	s, ok := target.(sentinel)
	return ok && s == statusSentinel(e.StatusCode)
}

func statusSentinel(status int) sentinel {
	switch {
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return ErrInvalidRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500:
		return ErrServer
	}
	return ""
}

// ValidationError is input the SDK refused before sending any request.
type ValidationError struct {
	// Field names the offending input, e.g. "TurnParams.Messages[2].ToolCallID".
	Field string
	// Problem says what is wrong and what to do about it.
	Problem string
}

// Error names the field and the problem.
func (e *ValidationError) Error() string {
	return "sonzai: invalid " + e.Field + ": " + e.Problem
}

// Is makes errors.Is(err, ErrInvalidArgument) work.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidArgument }

func invalid(field, problem string) error { return &ValidationError{Field: field, Problem: problem} }

// attemptTimeoutError is one attempt cut short by WithAttemptTimeout while
// the caller's context was still alive.
type attemptTimeoutError struct{ limit time.Duration }

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("sonzai: attempt timed out after %s", e.limit)
}

func (e *attemptTimeoutError) Is(target error) bool {
	return target == ErrAttemptTimeout || target == context.DeadlineExceeded
}

// Timeout reports true, like net.Error timeouts.
func (e *attemptTimeoutError) Timeout() bool { return true }

// scrubText replaces every occurrence of the API key in server text.
func scrubText(s, key string) string {
	if len(key) < minScrubbedKey {
		return s
	}
	return strings.ReplaceAll(s, key, "[redacted]")
}

// jobFailed builds the error for a job that reached its failed state.
// reason points at the final state's error text, which is scrubbed of the
// API key in place, so neither the error nor its Final state can show the
// key if the server echoed it.
func (c *Client) jobFailed(job, id string, reason *string, final any) *JobFailedError {
	*reason = scrubText(*reason, c.ep.apiKey.value())
	return &JobFailedError{Job: job, ID: id, Reason: *reason, Final: final}
}

// JobFailedError is background work (a turn's extraction, an asynchronous
// session end or chat) that reached its failed state. It carries the final
// state as the server reported it.
type JobFailedError struct {
	// Job names the kind of work: "turn extraction", "session end", "async
	// chat", "agent fork", "user import", "priming" or "document ingestion".
	Job string
	// ID is the extraction or processing id that was polled.
	ID string
	// Reason is the server's explanation, possibly empty.
	Reason string
	// Final is the last state read: *TurnStatus, *SessionEndStatus,
	// *AsyncChatResult, *ForkStatus, *ImportJob or *KnowledgeDocument.
	Final any
}

// Error names the job and the server's reason, bounded and on one line
// like APIError's; Reason keeps the server's text whole.
func (e *JobFailedError) Error() string {
	msg := "sonzai: " + e.Job + " " + sanitize(e.ID, 128) + " failed"
	if e.Reason != "" {
		msg += ": " + sanitize(e.Reason, maxErrorText)
	}
	return msg
}

// sanitize makes server-supplied text safe to print in one line of an
// error: control and bidirectional-formatting characters become spaces
// (runs of them one space), invalid UTF-8 becomes U+FFFD, and text longer
// than limit bytes is cut at a character boundary and marked with "…".
func sanitize(text string, limit int) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(text, "\uFFFD") {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if b.Len()+utf8.RuneLen(r) > limit {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scrub removes the client's API key from an error frame that echoes it.
func (e *ChatStreamError) scrub(key string) {
	if len(key) < minScrubbedKey {
		return
	}
	e.Message = strings.ReplaceAll(e.Message, key, "[redacted]")
	if strings.Contains(string(e.Raw), key) {
		e.Raw = json.RawMessage(strings.ReplaceAll(string(e.Raw), key, "[redacted]"))
	}
}
