package sonzaitest

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// maxBody bounds a request body.
const maxBody = 4 << 20

// maxUploadBody bounds the body of a document upload (kbUploadDocument),
// the one operation whose body is a file. The server caps files at 50 MB;
// the fake accepts up to 1 GiB so that streaming a large file through the
// SDK can be tested and measured (the upload benchmark sends 256 MiB). The
// fake never holds an upload in memory: it counts and hashes the bytes as
// they arrive.
const maxUploadBody = 1 << 30

// problem is an RFC 9457 problem, with the fields the contract's Problem
// schema declares.
type problem struct {
	Title  string          `json:"title"`
	Status int             `json:"status"`
	Detail string          `json:"detail,omitempty"`
	Errors []problemDetail `json:"errors,omitempty"`
}

type problemDetail struct {
	Location string `json:"location"`
	Message  string `json:"message"`
	Value    any    `json:"value,omitempty"`
}

// problemError is how handlers fail: the error handlers write it as a
// problem response.
type problemError struct{ p problem }

func (e *problemError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.p.Status, e.p.Title, e.p.Detail)
}

func fail(status int, format string, args ...any) error {
	return &problemError{p: problem{Title: http.StatusText(status), Status: status, Detail: fmt.Sprintf(format, args...)}}
}

// failAt is fail with one problem detail naming the offending field. The
// message goes in that detail only: the problem's own detail summarizes,
// as the server's do, so that a client printing both does not say the same
// thing twice.
func failAt(status int, loc string, value any, format string, args ...any) error {
	summary := "the request does not match the API contract"
	if status == http.StatusConflict {
		summary = "the request conflicts with the current state"
	}
	return &problemError{p: problem{
		Title: http.StatusText(status), Status: status, Detail: summary,
		Errors: []problemDetail{{Location: loc, Message: fmt.Sprintf(format, args...), Value: value}},
	}}
}

func writeProblem(w http.ResponseWriter, p problem) {
	_ = writeBody(w, p.Status, "application/problem+json", p)
}

// writeBody answers with status and v encoded as JSON. It encodes before
// writing the header, so an encoding failure can still become a 500.
func writeBody(w http.ResponseWriter, status int, contentType string, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

func simpleProblem(status int, detail string) problem {
	return problem{Title: http.StatusText(status), Status: status, Detail: detail}
}

// ctxKey carries per-request facts from the middleware to the handlers.
type ctxKey int

const (
	keyFault ctxKey = iota // *Fault applied to this request, if any
)

func faultFrom(ctx context.Context) *Fault {
	f, _ := ctx.Value(keyFault).(*Fault)
	return f
}

// buildHandler assembles the API: authentication, routing, request
// counting, faults and contract validation in front of the operations.
// The operations the fake implements with state (the ones sonzai/ wraps)
// run through the generated strict server in gen/fakeserver, which
// dispatches to the handlers in api*.go; every other operation of the
// contract answers with a body synthesized from its schema (synth.go).
//
// Requests are routed by kin-openapi over the contract, not by
// http.ServeMux: eight pairs of the contract's paths are ambiguous to a
// ServeMux (users/import/{jobId} and users/{userId}/conversations, say),
// which panics when both are registered. The generated handlers are
// collected by a handlerTable posing as the ServeMux they register on, and
// called directly with the path values kin-openapi matched.
func (s *Server) buildHandler() http.Handler {
	strict := fakeserver.NewStrictHandlerWithOptions(&api{s: s, st: s.st}, nil, fakeserver.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			s.answerError(w, r, failAt(http.StatusBadRequest, "body", nil, "%v", err))
		},
		ResponseErrorHandlerFunc: s.answerError,
	})
	table := handlerTable{}
	fakeserver.HandlerWithOptions(strict, fakeserver.StdHTTPServerOptions{
		BaseRouter: table,
		ErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			s.answerError(w, r, fail(http.StatusBadRequest, "%v", err))
		},
	})
	maps.Copy(table, generationHandlers(s))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		start := time.Now()
		op := s.serve(tw, r, table)
		s.cfg.logger.LogAttrs(r.Context(), slog.LevelDebug, "sonzaitest: request",
			slog.String("op", op), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", tw.status), slog.Bool("reset", tw.reset), slog.Duration("elapsed", time.Since(start)))
	})
}

// handlerTable collects the generated handlers by their ServeMux pattern,
// "METHOD /path/{param}", which is the contract's method and path template.
type handlerTable map[string]http.HandlerFunc

// HandleFunc records h under pattern; nothing is routed by it.
func (t handlerTable) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	t[pattern] = h
}

// ServeHTTP is never called: serve looks handlers up itself.
func (t handlerTable) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	writeProblem(w, simpleProblem(http.StatusNotFound, "no handler"))
}

// serve runs one request and returns its operationId ("" when none matched).
func (s *Server) serve(w *trackingWriter, r *http.Request, table handlerTable) string {
	if r.URL.Path != apiPrefix && !strings.HasPrefix(r.URL.Path, apiPrefix+"/") {
		writeProblem(w, simpleProblem(http.StatusNotFound, "the API is served under "+apiPrefix))
		return ""
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sonzai"`)
		writeProblem(w, simpleProblem(http.StatusUnauthorized, "missing or invalid API key; send Authorization: Bearer <key>"))
		return ""
	}
	route, params, err := s.val.route(r)
	switch {
	case errors.Is(err, errMethodNotAllowed):
		writeProblem(w, simpleProblem(http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path))
		return ""
	case err != nil:
		writeProblem(w, simpleProblem(http.StatusNotFound, "no operation at "+r.Method+" "+r.URL.Path))
		return ""
	}
	op := route.Operation.OperationID
	limit := int64(maxBody)
	if s.val.uploads[op] {
		limit = maxUploadBody
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	s.count(op)

	ctx := r.Context()
	if f := s.takeFault(op); f != nil {
		if !s.pause(ctx, f.Latency) {
			if ctx.Err() == nil { // the fake is closing; the client is still there
				writeProblem(w, simpleProblem(http.StatusServiceUnavailable, "the fake is shutting down"))
			}
			return op
		}
		if f.Status != 0 {
			if f.RetryAfter != "" {
				w.Header().Set("Retry-After", f.RetryAfter)
			}
			writeProblem(w, simpleProblem(f.Status, "injected by sonzaitest"))
			return op
		}
		if f.ResetAfter > 0 {
			if !s.val.streams[op] {
				w.resetConn()
				return op
			}
			w.resetAfter = int64(f.ResetAfter)
		}
		ctx = context.WithValue(ctx, keyFault, f)
	}

	if p := s.val.check(r, route, params); p != nil {
		writeProblem(w, *p)
		return op
	}
	r = r.WithContext(ctx)
	h := table[route.Method+" "+route.Path]
	if h == nil {
		s.synthesize(w, r, route)
		return op
	}
	// The generated handlers read path parameters with r.PathValue, as if a
	// ServeMux had matched them.
	for name, value := range params {
		r.SetPathValue(name, value)
	}
	h(w, r)
	return op
}

func (s *Server) authorized(r *http.Request) bool {
	scheme, key, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	key = strings.TrimSpace(key)
	return key != "" && subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.apiKey)) == 1
}

// answerError writes a handler's failure as a problem, unless the response
// has already started (a stream the client abandoned, a reset connection):
// then there is nobody to tell.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, err error) {
	if tw, ok := w.(*trackingWriter); ok && (tw.wrote || tw.reset) {
		s.cfg.logger.LogAttrs(r.Context(), slog.LevelDebug, "sonzaitest: response cut short", slog.String("error", err.Error()))
		return
	}
	var pe *problemError
	if errors.As(err, &pe) {
		writeProblem(w, pe.p)
		return
	}
	writeProblem(w, simpleProblem(http.StatusInternalServerError, err.Error()))
}

// constError is an error that can be a constant, so that sentinel errors
// need no package-level variable. Its values are comparable: errors.Is
// matches them by ==.
type constError string

func (e constError) Error() string { return string(e) }

// errConnReset is what writes return once the connection was reset on
// purpose.
const errConnReset = constError("sonzaitest: connection reset by an injected fault")

// trackingWriter remembers the status, counts body bytes, and carries out
// ResetAfter faults.
type trackingWriter struct {
	http.ResponseWriter
	status     int
	wrote      bool
	written    int64
	resetAfter int64 // > 0: reset once this many body bytes are written
	reset      bool
}

func (w *trackingWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(p []byte) (int, error) {
	if w.reset {
		return 0, errConnReset
	}
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.resetAfter > 0 && w.written+int64(len(p)) >= w.resetAfter {
		n, _ := w.ResponseWriter.Write(p[:w.resetAfter-w.written])
		w.written += int64(n)
		w.resetConn()
		return n, errConnReset
	}
	n, err := w.ResponseWriter.Write(p)
	w.written += int64(n)
	return n, err
}

// Flush makes the generated SSE response flush each frame through this
// wrapper.
func (w *trackingWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// Unwrap lets http.ResponseController reach the connection underneath.
func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// resetConn pushes out what was written (and gives the client a moment to
// read it, since a reset can discard data the client has not read yet),
// then closes the TCP connection with SO_LINGER 0, so the client sees a
// reset. When the connection cannot be taken over (a wrapper that does not
// allow it), the response is aborted instead.
func (w *trackingWriter) resetConn() {
	w.reset = true
	rc := http.NewResponseController(w.ResponseWriter)
	if w.wrote {
		_ = rc.Flush()
		time.Sleep(20 * time.Millisecond)
	}
	conn, _, err := rc.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
