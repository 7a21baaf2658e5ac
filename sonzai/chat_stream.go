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
// A ChatStream is meant for one goroutine; Close may be called from any.
type ChatStream struct {
	op        string
	ctx       context.Context
	resp      *response
	dec       *sse.Decoder
	frames    frameDecoder
	sessionID string

	cur       ChatEvent
	err       error
	sawDone   bool
	finished  bool
	closeOnce sync.Once

	idle      time.Duration
	idleTimer *time.Timer
}

// idleReader resets the idle timer on every read that returns bytes.
type idleReader struct {
	r io.Reader
	s *ChatStream
}

func (ir idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 && ir.s.idleTimer != nil {
		ir.s.idleTimer.Reset(ir.s.idle)
	}
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
	s := &ChatStream{op: op, ctx: ctx, resp: resp, sessionID: resp.Header.Get("X-Session-ID"), idle: ep.idleTimeout}
	var body io.Reader = resp.Body
	if s.idle > 0 {
		limit := s.idle
		s.idleTimer = time.AfterFunc(limit, func() { resp.release(&idleTimeoutError{limit: limit}) })
		body = idleReader{r: resp.Body, s: s}
	}
	s.dec = sse.NewDecoder(body, sse.Options{MaxEventSize: ep.maxEventSize})
	return s
}

// SessionID is the session the chat runs in, from the X-Session-ID header
// (the server creates one when the request named none).
func (s *ChatStream) SessionID() string { return s.sessionID }

// Next advances to the next event and reports whether there is one. It
// returns false at the end of the stream and on failure; Err tells which.
func (s *ChatStream) Next() bool {
	if s.finished {
		return false
	}
	ev, err := s.dec.Next()
	if err == nil {
		s.cur, err = s.frames.decode(ev.Type, ev.Data, s.dec.Detach())
		if err == nil {
			if s.cur.Kind == ChatDone {
				s.sawDone = true
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
	case errors.Is(err, io.EOF):
		err = fmt.Errorf("sonzai: %s: %w", s.op, ErrStreamTruncated)
	case s.ctx.Err() != nil:
		err = fmt.Errorf("sonzai: %s: %w", s.op, context.Cause(s.ctx))
	default:
		var chatErr *ChatStreamError
		if errors.As(err, &chatErr) {
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
// more than once, and after the stream ended by itself.
func (s *ChatStream) Close() error {
	s.release(s.sawDone)
	return nil
}

func (s *ChatStream) release(complete bool) {
	s.closeOnce.Do(func() {
		if s.idleTimer != nil {
			s.idleTimer.Stop()
		}
		if complete {
			// The server ends the body right after [DONE]: reading to EOF
			// lets the connection be reused. A server that holds the body
			// open anyway gets a second, then the connection is dropped.
			// The timer holds only resp: a stopped timer can stay queued
			// (and its func reachable) until it would have fired, and it
			// must not keep the stream's buffers and last frame alive.
			resp := s.resp
			t := time.AfterFunc(time.Second, func() { resp.release(context.Canceled) })
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
