package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
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

// Error reports the status, the operation and the server's explanation.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("sonzai: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(" (")
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString("): ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteByte(' ')
		b.WriteString(text)
	}
	switch {
	case e.Detail != "":
		b.WriteString(": ")
		b.WriteString(e.Detail)
	case e.Title != "" && e.Title != http.StatusText(e.StatusCode):
		b.WriteString(": ")
		b.WriteString(e.Title)
	case e.Body != "":
		b.WriteString(": ")
		b.WriteString(e.Body)
	}
	for i, d := range e.Errors {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-i)
			break
		}
		b.WriteString("; ")
		if d.Location != "" {
			b.WriteString(d.Location)
			b.WriteString(": ")
		}
		b.WriteString(d.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteByte(']')
	}
	return b.String()
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

// JobFailedError is background work (a turn's extraction, an asynchronous
// session end or chat) that reached its failed state. It carries the final
// state as the server reported it.
type JobFailedError struct {
	// Job names the kind of work: "turn extraction", "session end" or "async chat".
	Job string
	// ID is the extraction or processing id that was polled.
	ID string
	// Reason is the server's explanation, possibly empty.
	Reason string
	// Final is the last state read: *TurnStatus, *SessionEndStatus or *AsyncChatResult.
	Final any
}

// Error names the job and the server's reason.
func (e *JobFailedError) Error() string {
	msg := "sonzai: " + e.Job + " " + e.ID + " failed"
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}
