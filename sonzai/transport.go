package sonzai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

const (
	// maxErrorBody bounds how much of an error response is read.
	maxErrorBody = 64 << 10
	// maxDrain bounds how much unread body is discarded so the connection
	// can be reused; past it the connection is closed instead.
	maxDrain = 256 << 10
)

// request is one call as the pipeline sees it: a request built by the
// generated client (no context yet), and where its answer goes.
type request struct {
	op  string        // operationId, for errors and logs
	req *http.Request // from gen.New<Op>Request
	// stream leaves the body open for the caller; otherwise the body is read
	// in full inside the attempt and decoded into out (when out is non-nil).
	stream bool
	out    any
}

// response is a successful (2xx) response. For a stream the caller must
// call close once it is done with the body; otherwise the body has already
// been read, decoded and closed, and only the status and headers remain.
type response struct {
	*http.Response
	release context.CancelCauseFunc
}

func (r *response) close() {
	drainAndClose(r.Body)
	r.release(nil)
}

// decodeError is a complete 2xx body that did not decode: retrying would
// not change it.
type decodeError struct{ err error }

func (e *decodeError) Error() string { return e.err.Error() }
func (e *decodeError) Unwrap() error { return e.err }

// send runs a request through authentication, per-attempt timeouts and
// retries. Non-2xx responses come back as *APIError; transport failures and
// context errors come back wrapped, so errors.Is works on them.
func (ep *endpoint) send(ctx context.Context, r request) (*response, error) {
	base := r.req
	if err := checkSegments(base.URL.EscapedPath()); err != nil {
		return nil, err
	}
	if err := checkHeaders(base.Header); err != nil {
		return nil, err
	}
	// The header values are built once per endpoint and shared, read-only,
	// by every request (appending to a one-element slice copies it).
	base.Header["Authorization"] = ep.authorization()
	base.Header["User-Agent"] = ep.userAgentHeader
	if r.stream {
		base.Header["Accept"] = ep.acceptStream
	} else {
		base.Header["Accept"] = ep.acceptJSON
	}
	for name, values := range ep.headers {
		base.Header[name] = values
	}
	idempotent := base.Method == http.MethodGet || base.Method == http.MethodPut ||
		base.Method == http.MethodDelete || base.Method == http.MethodHead

	// maybeApplied is the failure of an earlier attempt of a DELETE or PUT
	// that may have reached the server and acted (see AmbiguousResultError).
	// A PUT's retry can find what it names gone too: Inventory.UpdateItem
	// replaces the version id it was sent to.
	var maybeApplied error
	ambiguous := base.Method == http.MethodDelete || base.Method == http.MethodPut
	for attempt := 0; ; attempt++ {
		resp, wrote, err := ep.attempt(ctx, r, base, idempotent)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("sonzai: %s: %w", r.op, context.Cause(ctx))
		}

		// Decide whether another attempt is safe and worth it.
		var apiErr *APIError
		retry, wait := false, ep.backoff(attempt)
		if errors.As(err, &apiErr) {
			if maybeApplied != nil && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusGone) {
				return nil, &AmbiguousResultError{Err: err, Earlier: maybeApplied}
			}
			retry = retryableStatus(apiErr.StatusCode, idempotent)
			if retry && apiErr.RetryAfter > 0 {
				var ok bool
				if wait, ok = honorRetryAfter(apiErr.RetryAfter, wait, ep.maxRetryWait); !ok {
					retry = false // too long to wait: the error carries the hint
				}
			}
			// A 5xx may come from a server that acted before failing; a 429
			// or 408 says the request was not acted on.
			wrote = apiErr.StatusCode >= 500
		} else if final(err) {
			retry = false
		} else {
			// A transport failure. A POST is retried only when it provably
			// never reached the server in full: the request was not
			// completely written.
			retry = idempotent || !wrote
		}
		if retry && ambiguous && wrote && maybeApplied == nil {
			maybeApplied = err
		}
		if !retry || attempt >= ep.maxRetries {
			return nil, err
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			// Sleeping would outlive the caller's deadline: give up now
			// with the real error rather than a deadline error later.
			return nil, err
		}
		if ep.logger != nil {
			ep.logger.LogAttrs(ctx, slog.LevelWarn, "sonzai: retrying",
				slog.String("op", r.op), slog.Int("attempt", attempt+1),
				slog.Duration("wait", wait), slog.String("reason", err.Error()))
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("sonzai: %s: %w", r.op, err)
		}
	}
}

// checkSegments refuses a request path (escaped) with an empty, "." or
// ".." segment after its leading slash. No operation's path has one, so it
// comes from a path parameter that is "", "." or "..", which the request
// builders put in the path as given (path escaping leaves dots alone).
// Sent, a server or proxy that normalizes the path would apply the call to
// a different resource: Raw().DeleteAgentWithResponse(ctx, "..") would be
// DELETE /api/v1/. The wrapped methods refuse such values earlier, naming
// the field (requireID); this covers the calls made through Raw, and any
// path a wrapped method might miss.
func checkSegments(path string) error {
	for seg := range strings.SplitSeq(strings.TrimPrefix(path, "/"), "/") {
		switch seg {
		case "", ".", "..":
			return invalid("path parameter", fmt.Sprintf("%q cannot be sent as a path segment (in %s): an empty path parameter, \".\" or \"..\" would address a different resource", seg, path))
		}
	}
	return nil
}

// checkHeaders refuses a request with a header net/http will not send: a
// name that is not a token, or a value with a control character other than
// a tab (CR, LF, NUL, DEL...). Such a header comes from the caller through
// Raw (a header parameter, the content type of a ...WithBody call, a
// request editor); net/http's refusal would look like a transport failure,
// retried with backoff. The value is not repeated: it may be a secret.
func checkHeaders(h http.Header) error {
	for name, values := range h {
		if !validHeaderName(name) {
			return invalid("header "+fmt.Sprintf("%q", name), "not a valid header name")
		}
		for _, v := range values {
			if !validHeaderValue(v) {
				return invalid("header "+name, "its value has a control character (CR, LF, NUL...), which a header cannot carry")
			}
		}
	}
	return nil
}

// validHeaderValue reports whether net/http would send v as a header value:
// no control character but the tab.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// final reports whether an attempt's failure would be the same on every
// attempt: a body that did not decode, a body over WithMaxResponseBytes, a
// redirect the SDK does not follow.
func final(err error) bool {
	var de *decodeError
	var re *RedirectError
	return errors.As(err, &de) || errors.As(err, &re) || errors.Is(err, ErrResponseTooLarge)
}

// noRelease stands in for an attempt's cancel function when it needs none.
func noRelease(error) {}

// attempt sends the request once. wrote reports whether the whole request
// was written to the connection; it is tracked only for requests that are
// not idempotent, the only ones whose retry depends on it.
func (ep *endpoint) attempt(ctx context.Context, r request, base *http.Request, idempotent bool) (resp *response, wrote bool, err error) {
	// An attempt gets its own cancelable context only when something may
	// cancel it alone: its timeout, or a stream's Close and idle timeout.
	actx, release := ctx, context.CancelCauseFunc(noRelease)
	if r.stream || ep.attemptTimeout > 0 {
		actx, release = context.WithCancelCause(ctx)
	}
	var timer *time.Timer
	if ep.attemptTimeout > 0 {
		limit := ep.attemptTimeout
		timer = time.AfterFunc(limit, func() { release(&attemptTimeoutError{limit: limit}) })
	}
	// written is allocated only when it is tracked: a variable the trace
	// callback captures would escape to the heap on every call.
	var written *atomic.Bool
	wasWritten := func() bool { return written != nil && written.Load() }
	if !idempotent || base.Method == http.MethodDelete || base.Method == http.MethodPut {
		written = new(atomic.Bool)
		actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				written.Store(true)
			}
		}})
	}
	// A shallow copy is enough: the generated request belongs to this call,
	// and RoundTrippers must not modify requests, so attempts can share its
	// header map and URL (base.Clone copied both, every attempt). Each
	// attempt gets a fresh body below. When nothing would differ from the
	// base (its own context, no body to rewind, no cookie jar to write
	// headers), the base itself is sent: a request built through Raw
	// already carries the caller's context.
	req := base
	if actx != base.Context() || base.GetBody != nil || ep.client.Jar != nil {
		req = base.WithContext(actx)
	}
	if ep.client.Jar != nil {
		// http.Client adds the jar's cookies by writing to the request's
		// header map; with a shared map every retry would add them again.
		req.Header = base.Header.Clone()
	}
	if base.GetBody != nil {
		if req.Body, err = base.GetBody(); err != nil {
			release(nil)
			return nil, false, fmt.Errorf("sonzai: %s: rewinding the request body: %w", r.op, err)
		}
	}

	start := time.Now()
	hr, err := ep.client.Do(req)
	if r.stream && timer != nil {
		// Streams are limited only until their headers arrive.
		timer.Stop()
	}
	if err != nil {
		cause := context.Cause(actx)
		release(nil)
		var ue *url.Error
		if errors.As(err, &ue) {
			// net/http repeats the whole URL; its query may carry what
			// the caller keeps out of logs (a search's text): keep the path.
			if i := strings.IndexByte(ue.URL, '?'); i >= 0 {
				ue.URL = ue.URL[:i]
			}
		}
		ep.logAttempt(ctx, r, req, 0, start, err)
		var ate *attemptTimeoutError
		if errors.As(cause, &ate) && ctx.Err() == nil {
			return nil, wasWritten(), fmt.Errorf("sonzai: %s: %w", r.op, cause)
		}
		var re *RedirectError
		if errors.As(err, &re) {
			// Our CheckRedirect refused it; net/http wrapped it in a
			// *url.Error that would repeat the URL.
			return nil, true, fmt.Errorf("sonzai: %s: %w", r.op, re)
		}
		return nil, wasWritten(), fmt.Errorf("sonzai: %s: %w", r.op, err)
	}
	ep.logAttempt(ctx, r, req, hr.StatusCode, start, nil)
	if hr.StatusCode >= 200 && hr.StatusCode < 300 {
		if r.stream {
			return &response{Response: hr, release: release}, true, nil
		}
		err := readBody(hr, r.out, ep.maxResponseBytes)
		if timer != nil {
			timer.Stop()
		}
		if err != nil {
			if cause := context.Cause(actx); cause != nil && ctx.Err() == nil {
				err = cause // our attempt timeout cut the read short
			}
			release(nil)
			var de *decodeError
			if errors.As(err, &de) {
				return nil, true, fmt.Errorf("sonzai: %s: decoding the %d response: %w", r.op, hr.StatusCode, err)
			}
			if errors.Is(err, ErrResponseTooLarge) {
				return nil, true, fmt.Errorf("sonzai: %s: %w", r.op, err)
			}
			return nil, true, fmt.Errorf("sonzai: %s: reading the response: %w", r.op, err)
		}
		release(nil)
		return &response{Response: hr, release: release}, true, nil
	}
	if hr.StatusCode >= 300 && hr.StatusCode < 400 {
		// The caller's CheckRedirect stopped at a redirect we would have
		// followed: it is still not the call's answer.
		re := unfollowedRedirect(hr)
		drainAndClose(hr.Body)
		if timer != nil {
			timer.Stop()
		}
		release(nil)
		return nil, true, fmt.Errorf("sonzai: %s: %w", r.op, re)
	}
	apiErr := readAPIError(r.op, hr)
	apiErr.scrub(ep.apiKey.value())
	if timer != nil {
		timer.Stop()
	}
	release(nil)
	return nil, true, apiErr
}

func (ep *endpoint) logAttempt(ctx context.Context, r request, req *http.Request, status int, start time.Time, err error) {
	if ep.logger == nil || !ep.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("op", r.op),
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Duration("elapsed", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	} else {
		attrs = append(attrs, slog.Int("status", status))
	}
	ep.logger.LogAttrs(ctx, slog.LevelDebug, "sonzai: request", attrs...)
}

// retryableStatus says whether a status is worth retrying. A POST is
// retried only on 429, the one status that says the server did not act.
func retryableStatus(status int, idempotent bool) bool {
	if status == http.StatusTooManyRequests {
		return true
	}
	if !idempotent {
		return false
	}
	switch status {
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// drainAndClose discards what is left of a body (up to maxDrain) so the
// connection goes back to the pool, then closes it.
func drainAndClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	_ = body.Close()
}

// readBody reads a whole body, closes it and decodes it into out. A read
// failure is returned as is; a decoding failure as *decodeError. A body
// longer than limit bytes, as decoded by the transport (after gzip), is
// ErrResponseTooLarge: reading stops there and closing the unread body
// drops the connection instead of draining it.
func readBody(hr *http.Response, out any, limit int64) error {
	defer hr.Body.Close()
	tooLarge := func() error {
		return fmt.Errorf("%w: the %d response is longer than %d bytes (raise the limit with WithMaxResponseBytes)", ErrResponseTooLarge, hr.StatusCode, limit)
	}
	if hr.ContentLength > limit {
		return tooLarge()
	}
	if n := hr.ContentLength; n > 0 && out != nil {
		// The length is known and within the limit, and net/http ends the
		// body after exactly n bytes: read it into a buffer of that size,
		// without the limiting reader and the slack of the general path.
		b := make([]byte, n)
		if _, err := io.ReadFull(hr.Body, b); err != nil {
			return err
		}
		return decodeInto(b, out)
	}
	body := io.LimitReader(hr.Body, limit+1)
	if out == nil {
		n, err := io.Copy(io.Discard, body)
		if n > limit {
			return tooLarge()
		}
		return err
	}
	var buf bytes.Buffer
	if n := hr.ContentLength; n > 0 {
		buf.Grow(int(n) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(body); err != nil {
		return err
	}
	if int64(buf.Len()) > limit {
		return tooLarge()
	}
	return decodeInto(buf.Bytes(), out)
}

// decodeInto decodes a whole 2xx body into out; a failure is a
// *decodeError.
func decodeInto(b []byte, out any) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		// A nil pointer encoded by the server: no object at all, which
		// would otherwise decode into a zero result passed off as a success.
		return &decodeError{err: errNullAnswer}
	}
	var err error
	if d, ok := out.(bodyDecoder); ok {
		err = d.decodeBody(b)
	} else if u, ok := out.(json.Unmarshaler); ok {
		// A result type with its own decoder (EnrichedContext) gets the
		// body directly: json.Unmarshal would first validate all of it and
		// then scan it again to find its end, two passes over a 50 KB
		// context that the type's decoder, which validates with
		// json.Unmarshal itself, does not need.
		err = u.UnmarshalJSON(b)
	} else {
		err = json.Unmarshal(b, out)
	}
	if err != nil {
		return &decodeError{err: err}
	}
	return nil
}

// errNullAnswer is the decode error of a 2xx answer that is JSON null.
const errNullAnswer = sentinel("the answer is null, not a JSON object")

// bodyDecoder is a result type that decodes its whole body itself, faster
// than json.Unmarshal can (see TurnResult.decodeBody). The body is the
// decoder's to keep: readBody never reuses it.
type bodyDecoder interface {
	decodeBody(body []byte) error
}

// doJSON sends a request built by the generated client (reqErr is the
// builder's error) and decodes the 2xx JSON body into out.
func (ep *endpoint) doJSON(ctx context.Context, op string, req *http.Request, reqErr error, out any) (*response, error) {
	if reqErr != nil {
		return nil, fmt.Errorf("sonzai: %s: building the request: %w", op, reqErr)
	}
	return ep.send(ctx, request{op: op, req: req, out: out})
}
