package sonzai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/internal/sse"
)

// ErrIdleTimeout matches a chat stream that sent nothing for longer than
// WithIdleTimeout allows.
const ErrIdleTimeout = sentinel("sonzai: chat stream idle timeout")

// ErrStreamTruncated matches a chat stream whose connection ended before
// the server's [DONE] marker: the answer may be incomplete.
const ErrStreamTruncated = sentinel("sonzai: chat stream ended before [DONE]")

// ChatStream is a chat answer arriving as events. Read it with Next and
// Event (or range over All), then check Err. It closes itself once the
// stream ends or fails; call Close (safe to call more than once) to stop
// early and release the connection.
//
// The server's [DONE] marker ends the stream: Next delivers it as a
// ChatDone event and returns false after it. The server then has 200 ms to
// end the body (so the connection can be reused) before the SDK drops the
// connection; anything it sends after [DONE] is discarded, never delivered
// and never reported by Err.
//
// A ChatStream is meant for one goroutine; Close may be called from any,
// also while Next is waiting, and returns without waiting for the server.
type ChatStream struct {
	op        string
	ctx       context.Context
	resp      *response
	dec       *sse.Decoder
	frames    frameDecoder
	sessionID string
	key       secret // scrubbed from error frames that echo it

	// Owned by the goroutine that calls Next.
	cur      ChatEvent
	err      error
	sawDone  bool
	finished bool

	// Shared with Close, which may run on any goroutine.
	closeOnce sync.Once
	closed    atomic.Bool // Close was called
	idle      *idleWatch  // nil without WithIdleTimeout
}

// doneGrace is how long the SDK waits, after [DONE], for the server to end
// the body so its connection can be reused. A server that holds the body
// open longer gets its connection dropped; the stream has ended either way.
const doneGrace = 200 * time.Millisecond

// idleWatch is the idle timeout. It runs only while a Read waits for the
// server: the time the caller spends between two calls to Next is not the
// server's silence, and bytes that arrived meanwhile are read at once.
type idleWatch struct {
	limit  time.Duration
	cancel context.CancelCauseFunc
	timer  *time.Timer

	mu      sync.Mutex
	reading bool      // a Read is waiting for the server
	since   time.Time // when that Read started
}

func newIdleWatch(limit time.Duration, cancel context.CancelCauseFunc) *idleWatch {
	w := &idleWatch{limit: limit, cancel: cancel}
	w.timer = time.AfterFunc(limit, w.fire)
	w.timer.Stop()
	return w
}

// fire cancels the stream only if a Read has really been waiting for the
// whole limit: a timer that fired as a Read returned, and ran late, finds
// no Read or a younger one, and does nothing.
func (w *idleWatch) fire() {
	w.mu.Lock()
	expired := w.reading && time.Since(w.since) >= w.limit
	w.mu.Unlock()
	if expired {
		w.cancel(&idleTimeoutError{limit: w.limit})
	}
}

func (w *idleWatch) stop() { w.timer.Stop() }

// idleReader runs the idle watch around every Read of the body.
type idleReader struct {
	r io.Reader
	w *idleWatch
}

func (ir idleReader) Read(p []byte) (int, error) {
	ir.w.mu.Lock()
	ir.w.reading, ir.w.since = true, time.Now()
	ir.w.mu.Unlock()
	ir.w.timer.Reset(ir.w.limit)
	n, err := ir.r.Read(p)
	ir.w.mu.Lock()
	ir.w.reading = false
	ir.w.mu.Unlock()
	ir.w.timer.Stop()
	return n, err
}

type idleTimeoutError struct{ limit time.Duration }

func (e *idleTimeoutError) Error() string {
	return fmt.Sprintf("sonzai: chat stream idle timeout: no data for %s", e.limit)
}
func (e *idleTimeoutError) Is(target error) bool {
	return target == ErrIdleTimeout || target == context.DeadlineExceeded
}
func (e *idleTimeoutError) Timeout() bool { return true }

func newChatStream(ctx context.Context, op string, resp *response, ep *endpoint) *ChatStream {
	s := &ChatStream{op: op, ctx: ctx, resp: resp, sessionID: resp.Header.Get("X-Session-ID"), key: ep.apiKey}
	var body io.Reader = resp.Body
	if ep.idleTimeout > 0 {
		s.idle = newIdleWatch(ep.idleTimeout, resp.release)
		body = idleReader{r: resp.Body, w: s.idle}
	}
	s.dec = sse.NewDecoder(body, sse.Options{MaxEventSize: ep.maxEventSize})
	return s
}

// SessionID is the session the chat runs in, from the X-Session-ID header
// (the server creates one when the request named none).
func (s *ChatStream) SessionID() string { return s.sessionID }

// Next advances to the next event and reports whether there is one. It
// returns false at the end of the stream and on failure; Err tells which.
// The [DONE] marker is the last event: the connection is released as it is
// delivered, and the next call returns false.
func (s *ChatStream) Next() bool {
	if s.finished {
		s.cur = ChatEvent{}
		return false
	}
	ev, err := s.dec.Next()
	if err == nil {
		s.cur, err = s.frames.decode(ev.Type, ev.Data, s.dec.Detach())
		if err == nil {
			if s.cur.Kind == ChatDone {
				// The answer is complete: whatever the server sends
				// next, or however long it keeps the connection, is not
				// part of it.
				s.sawDone, s.finished = true, true
				s.release(true)
			}
			return true
		}
	}
	s.fail(err)
	return false
}

// fail ends the stream with err translated for the caller: a normal end
// after [DONE] is no error, a cut-off stream is ErrStreamTruncated, and a
// read cut by the context or a timeout reports that cause.
func (s *ChatStream) fail(err error) {
	s.finished = true
	s.cur = ChatEvent{}
	switch {
	case errors.Is(err, io.EOF) && s.sawDone:
		err = nil
	case s.closed.Load():
		// Close cut the read, whatever error that produced.
		err = fmt.Errorf("sonzai: %s: stream closed by Close: %w", s.op, context.Canceled)
	case errors.Is(err, io.EOF):
		err = fmt.Errorf("sonzai: %s: %w", s.op, ErrStreamTruncated)
	case s.ctx.Err() != nil:
		err = fmt.Errorf("sonzai: %s: %w", s.op, context.Cause(s.ctx))
	default:
		var chatErr *ChatStreamError
		if errors.As(err, &chatErr) {
			chatErr.scrub(s.key.value())
			break
		}
		if cause := context.Cause(s.resp.Request.Context()); cause != nil && !errors.Is(cause, context.Canceled) {
			err = cause // the idle timeout cut the read
		}
		if errors.Is(err, sse.ErrEventTooLarge) {
			err = fmt.Errorf("sonzai: %s: %w (raise it with WithMaxEventSize)", s.op, err)
		} else if !strings.HasPrefix(err.Error(), "sonzai: ") {
			err = fmt.Errorf("sonzai: %s: reading the stream: %w", s.op, err)
		}
	}
	s.err = err
	s.release(err == nil)
}

// Event returns the current event, valid until the next call to Next.
func (s *ChatStream) Event() ChatEvent { return s.cur }

// Err returns the error that ended the stream, nil after a normal end. An
// error frame from the server is a *ChatStreamError; a connection that ended
// before [DONE] matches ErrStreamTruncated; cancellation and timeouts match
// their context errors.
func (s *ChatStream) Err() error { return s.err }

// Close stops the stream and releases its connection. It is safe to call
// more than once, after the stream ended by itself, and from another
// goroutine while Next waits: that Next then returns false, and Err matches
// context.Canceled. Close does not wait for the server.
func (s *ChatStream) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	// Cancel before anything else, so that a Next waiting on the server,
	// or a drain after [DONE], returns at once.
	s.resp.release(context.Canceled)
	s.release(false)
	return nil
}

func (s *ChatStream) release(complete bool) {
	s.closeOnce.Do(func() {
		if s.idle != nil {
			s.idle.stop()
		}
		if complete {
			// The server ends the body right after [DONE]: reading to EOF
			// lets the connection be reused. A server that holds the body
			// open anyway gets doneGrace, then the connection is dropped.
			// The timer holds only resp: a stopped timer can stay queued
			// (and its func reachable) until it would have fired, and it
			// must not keep the stream's buffers and last frame alive.
			resp := s.resp
			t := time.AfterFunc(doneGrace, func() { resp.release(context.Canceled) })
			s.resp.close()
			t.Stop()
			return
		}
		// Stopping early: cancel first, so closing never waits on a live stream.
		s.resp.release(context.Canceled)
		_ = s.resp.Body.Close()
	})
}

// All ranges over the remaining events. A failure is yielded once, with a
// zero event, as the last pair. Breaking out of the loop closes the stream.
func (s *ChatStream) All() iter.Seq2[ChatEvent, error] {
	return func(yield func(ChatEvent, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.cur, nil) {
				return
			}
		}
		if s.err != nil {
			yield(ChatEvent{}, s.err)
		}
	}
}

// ChatResult is a whole chat answer, gathered by Collect.
type ChatResult struct {
	// Text is the answer's text: its messages in order, separated by a
	// blank line ("\n\n"), as AsyncChatResult.Response joins them.
	Text string
	// Messages are the agent's messages, one entry per agentic message.
	Messages []string
	// ToolCalls are the tool calls the deltas carried, in order.
	ToolCalls []ToolCall
	// FinishReason, Usage, ContinuationToken and ExternalToolCalls come from the terminal frame.
	FinishReason      string
	Usage             *ChatUsage
	ContinuationToken string
	ExternalToolCalls json.RawMessage
	// SideEffects are the payloads of side_effects frames and of the terminal frame.
	SideEffects []json.RawMessage
	// Phases lists the phases reported, in order.
	Phases []string
	// EnrichedContext is the context the answer was built on, when reported.
	EnrichedContext json.RawMessage
	// SessionID is the chat's session (X-Session-ID).
	SessionID string
	// Unknown holds frames this SDK version does not know.
	Unknown []json.RawMessage
}

// Collect reads the rest of the stream and gathers it. When the stream
// fails (an error frame, a cut connection, cancellation), Collect returns
// what arrived before the failure together with the error.
func (s *ChatStream) Collect() (*ChatResult, error) {
	defer s.Close()
	r := &ChatResult{SessionID: s.sessionID}
	var msg strings.Builder
	endMessage := func() {
		if msg.Len() > 0 {
			r.Messages = append(r.Messages, msg.String())
			msg.Reset()
		}
	}
	for s.Next() {
		ev := s.cur
		switch ev.Kind {
		case ChatDelta:
			msg.WriteString(ev.Content)
			r.ToolCalls = append(r.ToolCalls, ev.ToolCalls...)
		case ChatFinish:
			// A terminal frame may repeat the whole answer or add a last piece.
			if ev.Content != "" && !repeatsAnswer(ev.Content, r.Messages, msg.String()) {
				msg.WriteString(ev.Content)
			}
			r.FinishReason, r.Usage, r.ContinuationToken, r.ExternalToolCalls = ev.FinishReason, ev.Usage, ev.ContinuationToken, ev.ExternalToolCalls
			if ev.SideEffects != nil {
				r.SideEffects = append(r.SideEffects, ev.SideEffects)
			}
		case ChatMessageBoundary:
			endMessage()
		case ChatSideEffects:
			if ev.SideEffects != nil {
				r.SideEffects = append(r.SideEffects, ev.SideEffects)
			}
		case ChatPhase:
			r.Phases = append(r.Phases, ev.Phase)
		case ChatContextReady:
			r.EnrichedContext = ev.EnrichedContext
		case ChatUnknown:
			r.Unknown = append(r.Unknown, ev.Raw)
		}
	}
	endMessage()
	r.Text = strings.Join(r.Messages, messageSeparator)
	return r, s.err
}

// messageSeparator joins an answer's messages into ChatResult.Text: a blank
// line, as the server joins them in an asynchronous chat's Response, so
// that both read the same when printed.
const messageSeparator = "\n\n"

// repeatsAnswer reports whether a terminal frame's content is the whole
// answer again (done, and current, the message in progress), joined or not.
func repeatsAnswer(content string, done []string, current string) bool {
	all := append(done[:len(done):len(done)], current)
	return content == strings.Join(all, messageSeparator) || content == strings.Join(all, "")
}
