package sonzai

import (
	"context"
	"encoding/json"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// EndParams closes a session.
type EndParams struct {
	// Messages is the transcript, when ending the session should trigger
	// extraction (instead of turns or Process). Optional.
	Messages []Message
	// TotalMessages is the session's message count. Zero means: the
	// messages this handle sent with Turn, or len(Messages) if larger.
	TotalMessages int64
	// DurationSeconds is how long the session lasted. Zero means: the time
	// since Start (or Resume).
	DurationSeconds int64
	// Provider and Model override the session's defaults for this
	// extraction. Set both or neither.
	Provider, Model string
	// UserTimezone is the user's IANA time zone.
	UserTimezone string
	// Synchronous asks the server to run the end-of-session pipeline before
	// answering, whatever its settings, instead of queueing it: End then
	// returns without polling, and the memories are readable at once. It
	// costs a longer request; leave it false in production.
	Synchronous bool
}

// SessionEnd is the server's answer to ending a session.
type SessionEnd struct {
	// Success is true when the server accepted the end.
	Success bool `json:"success"`
	// Async is true when the pipeline continues after the answer.
	Async bool `json:"async"`
	// ProcessingID identifies the asynchronous pipeline; poll it with
	// SessionsService.WaitEnd.
	ProcessingID string `json:"processing_id"`
	// StatusURL is the relative URL to poll, set with ProcessingID.
	StatusURL string `json:"status_url"`
	// SessionID and AgentID echo the session and the resolved agent.
	SessionID string `json:"session_id"`
	AgentID   string `json:"agent_id"`
	// EnqueuedAt is when the pipeline was queued.
	EnqueuedAt time.Time `json:"enqueued_at"`
	// Status is the final state of an asynchronous end that End waited for.
	Status *SessionEndStatus `json:"-"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *SessionEnd) UnmarshalJSON(b []byte) error {
	type plain SessionEnd
	return json.Unmarshal(b, &struct {
		*plain
		EnqueuedAt serverTime `json:"enqueued_at"`
	}{(*plain)(v), serverTime{&v.EnqueuedAt}})
}

// SessionEndState is where an asynchronous session end is.
type SessionEndState string

// The session-end states, in order.
const (
	SessionEndPending    SessionEndState = "pending"
	SessionEndProcessing SessionEndState = "processing"
	SessionEndDone       SessionEndState = "done"
	SessionEndFailed     SessionEndState = "failed"
)

// SessionEndStatus is the state of an asynchronous session end.
type SessionEndStatus struct {
	// State is where the pipeline is: pending, processing, done or failed.
	State SessionEndState `json:"state"`
	// Error says why the pipeline failed.
	Error string `json:"error"`
	// Attempt counts the server's tries, from 1.
	Attempt int64 `json:"attempt"`
	// EnqueuedAt, StartedAt and FinishedAt are when the pipeline was
	// queued, started and ended; the last two are zero until then.
	EnqueuedAt time.Time `json:"enqueued_at"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// SessionID and AgentID echo the session and the resolved agent.
	SessionID string `json:"session_id"`
	AgentID   string `json:"agent_id"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *SessionEndStatus) UnmarshalJSON(b []byte) error {
	type plain SessionEndStatus
	return json.Unmarshal(b, &struct {
		*plain
		EnqueuedAt serverTime `json:"enqueued_at"`
		StartedAt  serverTime `json:"started_at"`
		FinishedAt serverTime `json:"finished_at"`
	}{(*plain)(v), serverTime{&v.EnqueuedAt}, serverTime{&v.StartedAt}, serverTime{&v.FinishedAt}})
}

func (s *SessionEndStatus) pollState() string { return string(s.State) }

// End closes the session. When the server continues asynchronously, End
// waits for the pipeline to finish, as WaitEnd does with its default
// schedule: it returns nil error when it is done, and a *JobFailedError
// (with the final *SessionEndStatus) when it failed. ctx bounds the wait.
// Use EndAsync and WaitEnd to return at once, or to wait on another
// schedule.
func (s *Session) End(ctx context.Context, p EndParams, opts ...Option) (*SessionEnd, error) {
	end, err := s.EndAsync(ctx, p, opts...)
	if err != nil || !end.Async || end.ProcessingID == "" {
		return end, err
	}
	st, err := s.c.Sessions.WaitEnd(ctx, end.ProcessingID)
	end.Status = st
	return end, err
}

// EndAsync closes the session and returns the server's answer without
// waiting for an asynchronous pipeline; pass SessionEnd.ProcessingID to
// SessionsService.WaitEnd, from this process or another.
func (s *Session) EndAsync(ctx context.Context, p EndParams, opts ...Option) (*SessionEnd, error) {
	if len(p.Messages) > 0 {
		if err := validateMessages("EndParams.Messages", p.Messages, true); err != nil {
			return nil, err
		}
	}
	if err := modelPair("EndParams.", p.Provider, p.Model); err != nil {
		return nil, err
	}
	if p.TotalMessages < 0 || p.DurationSeconds < 0 {
		return nil, invalid("EndParams.TotalMessages/DurationSeconds", "must not be negative")
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	total := p.TotalMessages
	if total == 0 {
		total = max(s.sent.Load(), int64(len(p.Messages)))
	}
	duration := p.DurationSeconds
	if duration == 0 {
		duration = int64(time.Since(s.started) / time.Second)
	}
	provider, model := pickModel(p.Provider, p.Model, s.provider, s.model)
	body := gen.EndSessionInputBody{
		UserId:          s.userID,
		SessionId:       s.id,
		TotalMessages:   total,
		DurationSeconds: duration,
		Messages:        sessionMessagesToGen(p.Messages),
		InstanceId:      s.instanceID,
		Provider:        provider,
		Model:           model,
		UserDisplayName: s.displayName,
		UserTimezone:    p.UserTimezone,
		Wait:            optional(p.Synchronous),
	}
	// The contract has two switches for one thing: the body's wait flag and
	// the force_sync query flag (which also overrides the server's
	// setting). Synchronous sends both.
	var params *gen.EndSessionParams
	if p.Synchronous {
		params = &gen.EndSessionParams{ForceSync: &p.Synchronous}
	}
	req, err := gen.NewEndSessionRequest(ep.server, s.agentID, params, body)
	out := new(SessionEnd)
	if _, err := ep.doJSON(ctx, "endSession", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// EndStatus reads the state of an asynchronous session end once.
func (s *SessionsService) EndStatus(ctx context.Context, processingID string, opts ...Option) (*SessionEndStatus, error) {
	st, _, err := s.endStatus(ctx, processingID, opts)
	return st, err
}

func (s *SessionsService) endStatus(ctx context.Context, processingID string, opts []Option) (*SessionEndStatus, *response, error) {
	if err := requireID("processingID", processingID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewGetSessionEndStatusRequest(ep.server, processingID)
	out := new(SessionEndStatus)
	resp, err := ep.doJSON(ctx, "getSessionEndStatus", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitEnd polls an asynchronous session end until it is done. A failed
// pipeline is a *JobFailedError carrying the final *SessionEndStatus;
// running out of time is a *PollTimeoutError carrying the last one.
func (s *SessionsService) WaitEnd(ctx context.Context, processingID string, opts ...PollOption) (*SessionEndStatus, error) {
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*SessionEndStatus], error) {
		st, resp, err := s.endStatus(ctx, processingID, nil)
		if err != nil {
			return pollStep[*SessionEndStatus]{}, err
		}
		switch st.State {
		case SessionEndDone:
			return pollStep[*SessionEndStatus]{State: st, Done: true}, nil
		case SessionEndFailed:
			return pollStep[*SessionEndStatus]{State: st, Done: true}, s.c.jobFailed("session end", processingID, &st.Error, st)
		}
		return pollStep[*SessionEndStatus]{State: st, RetryAfter: retryAfterOf(resp)}, nil
	})
}
