package sonzai

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// SessionsService opens sessions (Pattern 1) and polls work that outlives a
// single call. Get it from Client.Sessions.
type SessionsService struct{ c *Client }

// StartParams opens a session.
type StartParams struct {
	// UserID is the user the agent talks to. Required.
	UserID string
	// SessionID identifies the session; when empty the SDK generates one.
	SessionID string
	// UserDisplayName is how the agent should call the user.
	UserDisplayName string
	// InstanceID selects an agent instance, when the agent has several.
	InstanceID string
	// Tools are the tools the agent may call during the session.
	Tools []Tool
	// Provider and Model are the session's default LLM for extraction. Set
	// both or neither; Turn and End use them unless they set their own pair.
	Provider, Model string
}

// Tool is a tool the agent may call: a name, a description for the model,
// and its arguments as a JSON Schema object.
type Tool struct {
	// Name is how the model calls the tool. Required.
	Name string
	// Description tells the model what the tool does.
	Description string
	// Parameters is the JSON Schema of the tool's arguments.
	Parameters map[string]any
}

// Session is a handle on one conversation between an agent and a user. It
// carries the agent, user and session ids and the provider/model defaults,
// so calls don't repeat them, and it counts the messages it sends and the
// time since it started, for End. A Session is safe for concurrent use.
type Session struct {
	c                                            *Client
	agentID, userID, id, instanceID, displayName string
	provider, model                              string
	started                                      time.Time
	sent                                         atomic.Int64
}

// Start opens a session and returns its handle.
func (s *SessionsService) Start(ctx context.Context, agentID string, p StartParams, opts ...Option) (*Session, error) {
	if p.SessionID == "" {
		p.SessionID = newSessionID()
	}
	sess, err := s.Resume(agentID, p)
	if err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	body := gen.StartSessionInputBody{
		UserId:          p.UserID,
		SessionId:       p.SessionID,
		UserDisplayName: p.UserDisplayName,
		InstanceId:      p.InstanceID,
		Provider:        p.Provider,
		Model:           p.Model,
	}
	if len(p.Tools) > 0 {
		body.ToolDefinitions = toolsToGen(p.Tools)
	}
	req, err := gen.NewStartSessionRequest(ep.server, agentID, body)
	var out struct {
		Success bool `json:"success"`
	}
	if _, err := ep.doJSON(ctx, "startSession", req, err, &out); err != nil {
		return nil, err
	}
	sess.started = time.Now()
	return sess, nil
}

// Resume returns a handle on a session that is already open (started by
// another process, say). It does no I/O. SessionID is required here.
func (s *SessionsService) Resume(agentID string, p StartParams) (*Session, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := requireID("StartParams.UserID", p.UserID); err != nil {
		return nil, err
	}
	if err := requireID("StartParams.SessionID", p.SessionID); err != nil {
		return nil, err
	}
	if err := modelPair("StartParams.", p.Provider, p.Model); err != nil {
		return nil, err
	}
	for i, t := range p.Tools {
		if t.Name == "" {
			return nil, invalid("StartParams.Tools["+strconv.Itoa(i)+"].Name", "empty")
		}
		if err := encodable("StartParams.Tools["+strconv.Itoa(i)+"].Parameters", t.Parameters); err != nil {
			return nil, err
		}
	}
	return &Session{
		c: s.c, agentID: agentID, userID: p.UserID, id: p.SessionID,
		instanceID: p.InstanceID, displayName: p.UserDisplayName,
		provider: p.Provider, model: p.Model, started: time.Now(),
	}, nil
}

// ID is the session's identifier.
func (s *Session) ID() string { return s.id }

// AgentID is the agent the session is with.
func (s *Session) AgentID() string { return s.agentID }

// UserID is the user the session is with.
func (s *Session) UserID() string { return s.userID }

// ContextParams shapes the enriched context.
type ContextParams struct {
	// Query is the current topic; memories are recalled for it.
	Query string
	// Language is the conversation's language.
	Language string
	// Timezone is the user's IANA time zone.
	Timezone string
}

// Context fetches the enriched context for the next LLM call.
func (s *Session) Context(ctx context.Context, p ContextParams, opts ...Option) (*EnrichedContext, error) {
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewGetContextRequest(ep.server, s.agentID, &gen.GetContextParams{
		UserId:     s.userID,
		SessionId:  &s.id,
		InstanceId: optional(s.instanceID),
		Query:      optional(p.Query),
		Language:   optional(p.Language),
		Timezone:   optional(p.Timezone),
	})
	out := new(EnrichedContext)
	if _, err := ep.doJSON(ctx, "getContext", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// TurnParams reports one turn.
type TurnParams struct {
	// Messages are the turn's messages, tool calls and results included. Required.
	Messages []Message
	// FetchNextContext, when set, asks for the next enriched context in
	// the same answer (TurnResult.NextContext), saving a call.
	FetchNextContext *ContextParams
	// Provider and Model override the session's defaults for this turn.
	// Set both or neither: the session's pair is used when neither is set.
	Provider, Model string
	// UserTimezone is the user's IANA time zone.
	UserTimezone string
}

// ExtractionState is where a turn's background extraction is.
type ExtractionState string

// The extraction states, in order.
const (
	ExtractionQueued  ExtractionState = "queued"
	ExtractionRunning ExtractionState = "running"
	ExtractionDone    ExtractionState = "done"
	ExtractionFailed  ExtractionState = "failed"
)

// TurnResult is the answer to a turn.
type TurnResult struct {
	// Success is true on every answer; failures are errors.
	Success bool `json:"success"`
	// Mood is the agent's mood after the turn; nil when it did not change.
	Mood *TurnMood `json:"mood"`
	// ExtractionID identifies the background extraction; see WaitTurn.
	ExtractionID string `json:"extraction_id"`
	// ExtractionStatus is the extraction's state when the turn was answered.
	ExtractionStatus ExtractionState `json:"extraction_status"`
	// NextContext is the next enriched context, when FetchNextContext was set.
	NextContext *EnrichedContext `json:"next_context"`
}

// TurnMood is the mood after a turn, on four axes.
type TurnMood struct {
	// Valence is how pleasant the mood is, from negative to positive.
	Valence float64 `json:"valence"`
	// Arousal is how energetic it is.
	Arousal float64 `json:"arousal"`
	// Tension is how strained it is.
	Tension float64 `json:"tension"`
	// Affiliation is how warm the agent feels towards the user.
	Affiliation float64 `json:"affiliation"`
	// Reason says why the mood moved, when the server says.
	Reason string `json:"reason"`
	// TriggerType names the kind of event that moved it.
	TriggerType string `json:"trigger_type"`
}

// TurnStatus is where a turn's background extraction is.
type TurnStatus struct {
	// ExtractionID is the extraction this status is about.
	ExtractionID string `json:"extraction_id"`
	// State is where the extraction is: queued, running, done or failed.
	State ExtractionState `json:"state"`
	// Error says why the extraction failed.
	Error string `json:"error"`
}

// decodeBody decodes a submitTurn answer, as json.Unmarshal would but in
// one pass. Through json.Unmarshal, next_context, nearly all of the body,
// is scanned three more times than it is decoded: encoding/json validates
// the whole body, scans the context again to find its end and hands it to
// EnrichedContext.UnmarshalJSON, whose own json.Unmarshal validates it once
// more. That made Turn ~1.5x slower than a plain net/http client. Here the
// context is decoded straight into its wire struct, and Raw is found with
// memberValue, a walk much cheaper than encoding/json's scanner. Anything
// unusual (a decoding error, even a mistyped layer) takes the exact path.
func (r *TurnResult) decodeBody(body []byte) error {
	var w struct {
		Success          bool            `json:"success"`
		Mood             *TurnMood       `json:"mood"`
		ExtractionID     string          `json:"extraction_id"`
		ExtractionStatus ExtractionState `json:"extraction_status"`
		NextContext      *wireContext    `json:"next_context"`
	}
	if json.Unmarshal(body, &w) != nil {
		return json.Unmarshal(body, r)
	}
	*r = TurnResult{Success: w.Success, Mood: w.Mood, ExtractionID: w.ExtractionID, ExtractionStatus: w.ExtractionStatus}
	if w.NextContext != nil {
		raw, matches := memberValue(body, "next_context")
		if matches != 1 {
			// A repeated key: encoding/json merges the repeats into one
			// wireContext but keeps only the last as Raw; the exact path
			// decodes the last one alone, as a plain Unmarshal would.
			return json.Unmarshal(body, r)
		}
		r.NextContext = new(EnrichedContext)
		r.NextContext.fromWire(w.NextContext, raw) // body is ours: Raw may alias it
	}
	return nil
}

func (t *TurnStatus) pollState() string { return string(t.State) }

// Turn reports one turn. The mood comes back at once; deeper extraction
// runs in the background (see WaitTurn).
func (s *Session) Turn(ctx context.Context, p TurnParams, opts ...Option) (*TurnResult, error) {
	if err := validateMessages("TurnParams.Messages", p.Messages, false); err != nil {
		return nil, err
	}
	if err := modelPair("TurnParams.", p.Provider, p.Model); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	provider, model := pickModel(p.Provider, p.Model, s.provider, s.model)
	body := gen.TurnRequestBody{
		UserId:          s.userID,
		Messages:        turnMessagesToGen(p.Messages),
		UserDisplayName: s.displayName,
		UserTimezone:    p.UserTimezone,
		InstanceId:      s.instanceID,
		Provider:        provider,
		Model:           model,
	}
	if f := p.FetchNextContext; f != nil {
		body.FetchNextContext = gen.TurnFetchNextContext{Query: f.Query, Language: f.Language, Timezone: f.Timezone}
	}
	req, err := gen.NewSubmitTurnRequest(ep.server, s.agentID, s.id, body)
	out := new(TurnResult)
	if _, err := ep.doJSON(ctx, "submitTurn", req, err, out); err != nil {
		return nil, err
	}
	s.sent.Add(int64(len(p.Messages)))
	return out, nil
}

// TurnStatus reads the state of a turn's background extraction once.
func (s *Session) TurnStatus(ctx context.Context, extractionID string, opts ...Option) (*TurnStatus, error) {
	return s.c.Sessions.TurnStatus(ctx, s.agentID, extractionID, opts...)
}

// WaitTurn polls a turn's extraction until it is done. A failed extraction
// is a *JobFailedError carrying the final *TurnStatus.
func (s *Session) WaitTurn(ctx context.Context, extractionID string, opts ...PollOption) (*TurnStatus, error) {
	return s.c.Sessions.WaitTurn(ctx, s.agentID, extractionID, opts...)
}

// TurnStatus reads the state of a turn's background extraction once. It
// needs no session handle, so another process can check on a turn.
func (s *SessionsService) TurnStatus(ctx context.Context, agentID, extractionID string, opts ...Option) (*TurnStatus, error) {
	st, _, err := s.turnStatus(ctx, agentID, extractionID, opts)
	return st, err
}

func (s *SessionsService) turnStatus(ctx context.Context, agentID, extractionID string, opts []Option) (*TurnStatus, *response, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, nil, err
	}
	if err := requireID("extractionID", extractionID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewGetTurnStatusRequest(ep.server, agentID, extractionID)
	out := new(TurnStatus)
	resp, err := ep.doJSON(ctx, "getTurnStatus", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitTurn polls a turn's extraction until it is done, from any process.
// A failed extraction is a *JobFailedError carrying the final *TurnStatus;
// running out of time is a *PollTimeoutError carrying the last one.
func (s *SessionsService) WaitTurn(ctx context.Context, agentID, extractionID string, opts ...PollOption) (*TurnStatus, error) {
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*TurnStatus], error) {
		st, resp, err := s.turnStatus(ctx, agentID, extractionID, nil)
		if err != nil {
			return pollStep[*TurnStatus]{}, err
		}
		switch st.State {
		case ExtractionDone:
			return pollStep[*TurnStatus]{State: st, Done: true}, nil
		case ExtractionFailed:
			return pollStep[*TurnStatus]{State: st, Done: true}, s.c.jobFailed("turn extraction", extractionID, &st.Error, st)
		}
		return pollStep[*TurnStatus]{State: st, RetryAfter: retryAfterOf(resp)}, nil
	})
}

// SetTools replaces the tools the agent may call in this session.
func (s *Session) SetTools(ctx context.Context, tools []Tool, opts ...Option) error {
	for i, t := range tools {
		if t.Name == "" {
			return invalid("tools["+strconv.Itoa(i)+"].Name", "empty")
		}
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return err
	}
	body := make(gen.SetSessionToolsJSONRequestBody, len(tools))
	for i, t := range tools {
		body[i] = toolToGen(t)
	}
	req, err := gen.NewSetSessionToolsRequest(ep.server, s.agentID, s.id, body)
	_, err = ep.doJSON(ctx, "setSessionTools", req, err, nil)
	return err
}

func toolToGen(t Tool) gen.SessionToolDef {
	return gen.SessionToolDef{Name: t.Name, Description: t.Description, Parameters: t.Parameters}
}

func toolsToGen(tools []Tool) []gen.SessionToolDef {
	out := make([]gen.SessionToolDef, len(tools))
	for i, t := range tools {
		out[i] = toolToGen(t)
	}
	return out
}

func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+).
	return "sess_" + hex.EncodeToString(b[:])
}

func retryAfterOf(resp *response) time.Duration {
	if resp == nil {
		return 0
	}
	return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
}
