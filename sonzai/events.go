package sonzai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai/internal/sse"
)

// StreamsService opens the API's event streams other than chat: live
// conversations, an evaluation run's events and simulated ML rounds. Get
// it from Client.Streams.
type StreamsService struct{ c *Client }

// Event is one Server-Sent Event of an EventStream.
type Event struct {
	// Type is the event's name ("event:" field); "" is the default type,
	// conventionally "message".
	Type string
	// ID is the event's id ("id:" field), carried over from earlier events
	// when the event sets none. A GET stream resumes after it.
	ID string
	// Data is the event's data, usually one JSON value. It is the caller's
	// to keep.
	Data json.RawMessage
}

// Decode decodes the event's JSON data into v, for example a
// *gen.EvalRunEvent.
func (e Event) Decode(v any) error {
	if err := json.Unmarshal(e.Data, v); err != nil {
		return fmt.Errorf("sonzai: decoding event %q: %w", e.ID, err)
	}
	return nil
}

// Conversations streams the project's conversations as they happen
// (streamConversations, GET /conversations/stream).
func (s *StreamsService) Conversations(ctx context.Context, params *gen.StreamConversationsParams, opts ...Option) (*EventStream, error) {
	return s.c.openEvents(ctx, "streamConversations", opts, func(server string) (*http.Request, error) {
		return gen.NewStreamConversationsRequest(server, params)
	})
}

// EvalEvents streams the events of an evaluation run (streamEvalEvents,
// GET /eval-runs/{runId}/events); decode them into gen.EvalRunEvent.
func (s *StreamsService) EvalEvents(ctx context.Context, runID string, params *gen.StreamEvalEventsParams, opts ...Option) (*EventStream, error) {
	if err := requireID("runID", runID); err != nil {
		return nil, err
	}
	return s.c.openEvents(ctx, "streamEvalEvents", opts, func(server string) (*http.Request, error) {
		return gen.NewStreamEvalEventsRequest(server, runID, params)
	})
}

// MLRounds runs simulated rounds of a built-in ML use case and streams
// their results (streamMLRounds, POST
// /builtin-agents/ml/{use_case}/simulate-rounds/stream). Being a POST, the
// stream is never sent again once the request went out: it does not
// resume.
func (s *StreamsService) MLRounds(ctx context.Context, useCase string, body gen.StreamMLRoundsJSONRequestBody, opts ...Option) (*EventStream, error) {
	if err := requireID("useCase", useCase); err != nil {
		return nil, err
	}
	return s.c.openEvents(ctx, "streamMLRounds", opts, func(server string) (*http.Request, error) {
		return gen.NewStreamMLRoundsRequest(server, useCase, body)
	})
}

// EventStream is one of the API's event streams, read as it arrives. Read
// it with Next and Event (or range over All), then check Err. It closes
// itself once the stream ends or fails; call Close (safe to call more than
// once) to stop early and release the connection.
//
// A stream opened with GET resumes by itself when its connection fails
// after the server gave events ids: it reconnects with a Last-Event-ID
// header, at most as many times in a row as WithMaxRetries allows (after
// the wait the server asked for with "retry:", or the retry backoff), and
// the events continue after the last one delivered. A stream opened with
// POST is never sent again: a failure ends it. The server closing the
// stream ends it normally.
//
// An EventStream is meant for one goroutine; Close may be called from any.
type EventStream struct {
	op  string
	ctx context.Context
	ep  *endpoint
	// reopen sends the request again, resuming after lastEventID; nil for
	// a stream that must not be re-sent.
	reopen func(lastEventID string) (*response, error)

	mu       sync.Mutex // guards resp and closed against Close from another goroutine
	resp     *response
	closed   bool
	dec      *sse.Decoder
	idle     *time.Timer
	cur      Event
	err      error
	done     bool
	lastID   string
	retry    time.Duration // the server's last "retry:" hint
	failures int           // reconnections since the last event
}

func (c *Client) openEvents(ctx context.Context, op string, opts []Option, build func(server string) (*http.Request, error)) (*EventStream, error) {
	ep, err := c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	open := func(lastEventID string) (*response, error) {
		req, err := build(ep.server)
		if err != nil {
			return nil, fmt.Errorf("sonzai: %s: building the request: %w", op, err)
		}
		if lastEventID != "" {
			req.Header.Set("Last-Event-ID", lastEventID)
		}
		return ep.send(ctx, request{op: op, req: req, stream: true})
	}
	resp, err := open("")
	if err != nil {
		return nil, err
	}
	s := &EventStream{op: op, ctx: ctx, ep: ep}
	if resp.Request.Method == http.MethodGet {
		s.reopen = open
	}
	s.attach(resp)
	return s, nil
}

// attach starts reading resp, with the idle timeout when one is set.
func (s *EventStream) attach(resp *response) {
	s.mu.Lock()
	s.resp = resp
	closed := s.closed
	s.mu.Unlock()
	if closed {
		s.releaseResp(resp, false)
	}
	var body io.Reader = resp.Body
	if limit := s.ep.idleTimeout; limit > 0 {
		s.idle = time.AfterFunc(limit, func() { resp.release(&eventIdleError{limit: limit}) })
		body = eventIdleReader{r: resp.Body, timer: s.idle, limit: limit}
	}
	s.dec = sse.NewDecoder(body, sse.Options{MaxEventSize: s.ep.maxEventSize})
}

// eventIdleError ends an event stream that sent nothing for too long.
type eventIdleError struct{ limit time.Duration }

func (e *eventIdleError) Error() string {
	return fmt.Sprintf("sonzai: event stream idle timeout: no data for %s", e.limit)
}
func (e *eventIdleError) Is(target error) bool {
	return target == ErrIdleTimeout || target == context.DeadlineExceeded
}
func (e *eventIdleError) Timeout() bool { return true }

type eventIdleReader struct {
	r     io.Reader
	timer *time.Timer
	limit time.Duration
}

func (r eventIdleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.timer.Reset(r.limit)
	}
	return n, err
}

// Next advances to the next event and reports whether there is one. It
// returns false at the end of the stream and on failure; Err tells which.
func (s *EventStream) Next() bool {
	for !s.done {
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if closed {
			// Events already buffered are not delivered after Close.
			s.finish(nil)
			return false
		}
		ev, err := s.dec.Next()
		if err == nil {
			s.cur = Event{Type: ev.Type, ID: ev.ID, Data: append(json.RawMessage(nil), ev.Data...)}
			s.lastID = ev.ID
			if ev.Retry > 0 {
				s.retry = ev.Retry
			}
			s.failures = 0
			return true
		}
		if !s.resume(err) {
			return false
		}
	}
	return false
}

// resume decides what a read error means: the end of the stream, a
// failure, or (for a GET stream whose events have ids) a reconnection. It
// reports whether reading goes on.
func (s *EventStream) resume(err error) bool {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	cause := context.Cause(s.resp.Request.Context())
	switch {
	case errors.Is(err, io.EOF):
		s.finish(nil)
		return false
	case closed:
		s.finish(nil)
		return false
	case s.ctx.Err() != nil:
		s.finish(fmt.Errorf("sonzai: %s: %w", s.op, context.Cause(s.ctx)))
		return false
	case cause != nil && !errors.Is(cause, context.Canceled):
		s.finish(fmt.Errorf("sonzai: %s: %w", s.op, cause)) // the idle timeout
		return false
	case errors.Is(err, sse.ErrEventTooLarge):
		s.finish(fmt.Errorf("sonzai: %s: %w (raise it with WithMaxEventSize)", s.op, err))
		return false
	}
	readErr := fmt.Errorf("sonzai: %s: reading the stream: %w", s.op, err)
	if s.reopen == nil || s.lastID == "" || s.failures >= s.ep.maxRetries {
		s.finish(readErr)
		return false
	}
	wait := s.retry
	if wait <= 0 {
		wait = s.ep.backoff(s.failures)
	}
	s.failures++
	if s.ep.logger != nil {
		s.ep.logger.LogAttrs(s.ctx, slog.LevelWarn, "sonzai: resuming stream",
			slog.String("op", s.op), slog.String("last_event_id", s.lastID),
			slog.Duration("wait", wait), slog.String("reason", err.Error()))
	}
	s.releaseResp(s.resp, false)
	if err := sleep(s.ctx, wait); err != nil {
		s.finish(fmt.Errorf("sonzai: %s: %w", s.op, err))
		return false
	}
	resp, err := s.reopen(s.lastID)
	if err != nil {
		s.finish(err)
		return false
	}
	s.attach(resp)
	return true
}

func (s *EventStream) finish(err error) {
	s.done = true
	s.cur = Event{}
	s.err = err
	s.releaseResp(s.resp, err == nil)
}

// releaseResp lets go of one connection: read to the end when the server
// ended the stream (so the connection is reused), cut otherwise.
func (s *EventStream) releaseResp(resp *response, complete bool) {
	if s.idle != nil {
		s.idle.Stop()
	}
	if complete {
		resp.close()
		return
	}
	resp.release(context.Canceled)
	_ = resp.Body.Close()
}

// Event returns the current event, valid until the next call to Next.
func (s *EventStream) Event() Event { return s.cur }

// Err returns the error that ended the stream, nil after a normal end.
// Cancellation and timeouts match their context errors; a stream silent
// for longer than WithIdleTimeout matches ErrIdleTimeout.
func (s *EventStream) Err() error { return s.err }

// LastEventID is the id of the last event delivered, "" when none had one.
// Pass it as a Last-Event-ID header (WithHeader) to resume the stream in
// another process.
func (s *EventStream) LastEventID() string { return s.lastID }

// Close stops the stream and releases its connection. It is safe to call
// more than once, from any goroutine, and after the stream ended.
func (s *EventStream) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	// Cancel first, so that closing never waits on a live stream; a read
	// in progress returns, and Next reports the end.
	s.resp.release(context.Canceled)
	_ = s.resp.Body.Close()
	return nil
}

// All ranges over the remaining events. A failure is yielded once, with a
// zero event, as the last pair. Breaking out of the loop closes the stream.
func (s *EventStream) All() iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		defer s.Close()
		for s.Next() {
			if !yield(s.cur, nil) {
				return
			}
		}
		if s.err != nil {
			yield(Event{}, s.err)
		}
	}
}
