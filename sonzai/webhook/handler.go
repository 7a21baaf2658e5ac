package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
)

// DefaultMaxBodyBytes is the largest body a Handler reads unless
// WithMaxBodyBytes says otherwise.
const DefaultMaxBodyBytes = 1 << 20

// Handler is an http.Handler that receives Sonzai webhook deliveries. For
// each POST it
//
//  1. reads at most the body limit (413 Request Entity Too Large past it);
//  2. verifies the signature over the raw bytes (400 Bad Request when the
//     header is missing or malformed, 401 Unauthorized when it is expired or
//     does not match), before anything parses the body;
//  3. checks the body is JSON (400 otherwise);
//  4. with a ReplayGuard, claims the signature: an exact repeat of a
//     delivery already handled, or being handled, is answered 200 OK without
//     calling your function again (503 when the guard itself fails);
//  5. calls your function: nil answers 200 OK; an error answers 500 and
//     releases the claim, so the sender's retry is handled.
//
// Other methods get 405. Answer fast: Sonzai waits for the response, so
// queue slow work and return.
type Handler struct {
	verifier  *Verifier
	fn        func(context.Context, *Event) error
	maxBody   int64
	guard     ReplayGuard
	eventType EventType
	log       *slog.Logger
}

// HandlerOption configures a Handler.
type HandlerOption func(*Handler) error

// WithMaxBodyBytes sets the largest body the handler reads; the default is
// DefaultMaxBodyBytes. It must be positive.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(h *Handler) error {
		if n <= 0 {
			return fmt.Errorf("webhook: the body limit must be positive, got %d", n)
		}
		h.maxBody = n
		return nil
	}
}

// WithReplayGuard makes the handler handle each signed delivery once; see
// ReplayGuard. Without one, a delivery replayed within the verifier's
// tolerance is handled again.
func WithReplayGuard(g ReplayGuard) HandlerOption {
	return func(h *Handler) error {
		if g == nil {
			return errors.New("webhook: WithReplayGuard needs a guard, got nil")
		}
		h.guard = g
		return nil
	}
}

// WithEventType names the event type this handler's URL was registered
// for. Event.Type falls back to it when the body has no "event_type" field.
func WithEventType(t EventType) HandlerOption {
	return func(h *Handler) error { h.eventType = t; return nil }
}

// WithLogger makes the handler log each rejected or failed delivery, with
// the reason, at Warn level (replays at Info). It never logs secrets or
// bodies.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(h *Handler) error { h.log = l; return nil }
}

// NewHandler returns a Handler that passes each verified delivery to fn.
// fn is called with the request's context; it may be called concurrently.
func NewHandler(v *Verifier, fn func(ctx context.Context, ev *Event) error, opts ...HandlerOption) (*Handler, error) {
	if v == nil {
		return nil, errors.New("webhook: NewHandler needs a Verifier; make one with NewVerifier")
	}
	if fn == nil {
		return nil, errors.New("webhook: NewHandler needs a function to call with each event")
	}
	h := &Handler{verifier: v, fn: fn, maxBody: DefaultMaxBodyBytes}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(r, w, http.StatusMethodNotAllowed, "webhook deliveries are POST requests", nil)
		return
	}
	if r.ContentLength > h.maxBody {
		h.reject(r, w, http.StatusRequestEntityTooLarge, "body too large", nil)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.reject(r, w, http.StatusRequestEntityTooLarge, "body too large", nil)
			return
		}
		h.reject(r, w, http.StatusBadRequest, "could not read the body", err)
		return
	}

	header := r.Header.Get(SignatureHeader)
	signedAt, err := h.verifier.Verify(body, header)
	switch {
	case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrMalformedSignature):
		h.reject(r, w, http.StatusBadRequest, "bad signature header", err)
		return
	case err != nil: // expired or mismatched
		h.reject(r, w, http.StatusUnauthorized, "signature rejected", err)
		return
	}

	// Only now, verified, is the body read as JSON.
	if !json.Valid(body) {
		h.reject(r, w, http.StatusBadRequest, "body is not JSON", nil)
		return
	}
	ev := &Event{Type: h.eventType, Payload: body, SignedAt: signedAt, Signature: header}
	var typed struct {
		EventType *string `json:"event_type"`
	}
	if json.Unmarshal(body, &typed) == nil && typed.EventType != nil && *typed.EventType != "" {
		ev.Type = EventType(*typed.EventType)
	}

	ctx := r.Context()
	if h.guard != nil {
		fresh, err := h.guard.Claim(ctx, header, signedAt.Add(h.verifier.tolerance))
		if err != nil {
			h.reject(r, w, http.StatusServiceUnavailable, "replay guard unavailable", err)
			return
		}
		if !fresh {
			if h.log != nil {
				h.log.InfoContext(ctx, "webhook: repeated delivery ignored", "event_type", string(ev.Type), "signed_at", signedAt)
			}
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	if err := h.call(ctx, ev); err != nil {
		h.reject(r, w, http.StatusInternalServerError, "handler failed", err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// call runs the user's function; if it fails or panics, the claim on the
// delivery is released so that the sender's redelivery is handled.
func (h *Handler) call(ctx context.Context, ev *Event) (err error) {
	handled := false
	defer func() {
		if !handled && h.guard != nil {
			// A context that is done must not stop the release.
			if rerr := h.guard.Release(context.WithoutCancel(ctx), ev.Signature); rerr != nil && h.log != nil {
				h.log.WarnContext(ctx, "webhook: could not release a failed delivery", "error", rerr)
			}
		}
	}()
	err = h.fn(ctx, ev)
	handled = err == nil
	return err
}

func (h *Handler) reject(r *http.Request, w http.ResponseWriter, status int, msg string, err error) {
	if h.log != nil {
		attrs := []any{"status", status, "reason", msg}
		if err != nil {
			attrs = append(attrs, "error", err.Error())
		}
		h.log.WarnContext(r.Context(), "webhook: delivery rejected", attrs...)
	}
	http.Error(w, msg, status)
}
