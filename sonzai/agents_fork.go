package sonzai

import (
	"context"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// AgentForkParams names the copy AgentsService.Fork makes. Every field is
// optional.
type AgentForkParams struct {
	// Name is the new agent's name; empty lets the server choose one.
	Name string `json:"name"`
}

// AgentFork is a fork the server has started: the new agent's id, to pass
// to ForkStatus and WaitFork (from this process or another).
type AgentFork struct {
	// AgentID is the new agent's UUID; it is usable once the fork is
	// complete.
	AgentID string `json:"agent_id"`
	// Name is the new agent's name.
	Name string `json:"name"`
	// SourceAgentID is the agent that is copied.
	SourceAgentID string `json:"source_agent_id"`
	// Status is where the fork is; ForkForking at first.
	Status ForkState `json:"status"`
}

// ForkState is where a fork is.
type ForkState string

// The fork states, in order.
const (
	ForkForking  ForkState = "forking"
	ForkComplete ForkState = "complete"
	ForkFailed   ForkState = "failed"
)

// ForkStatus is the state of a fork, read with AgentsService.ForkStatus.
type ForkStatus struct {
	// Status is where the fork is: forking, complete or failed.
	Status ForkState `json:"status"`
	// SourceAgentID is the agent being copied.
	SourceAgentID string `json:"source_agent_id"`
	// TablesCopied of TablesTotal is the copy's progress.
	TablesCopied int64 `json:"tables_copied"`
	TablesTotal  int64 `json:"tables_total"`
	// ErrorMessage says why a failed fork failed.
	ErrorMessage string `json:"error_message"`
	// StartedAt and CompletedAt are when the copy started and ended; zero
	// until then.
	StartedAt   time.Time `json:"started_at"`
	CompletedAt time.Time `json:"completed_at"`
}

func (s *ForkStatus) pollState() string { return string(s.Status) }

// Fork starts a deep copy of an agent (its profile, instances and what it
// has learned) under a new id, and returns at once with that id; the copy
// runs in the background. Wait for it with WaitFork. Like every POST, Fork
// is retried only when the server provably did not act on the first
// attempt (the request was not completely written, or a 429), so a retry
// cannot start a second copy; after any other failure, look for the copy
// (Agents.List) before forking again.
func (s *AgentsService) Fork(ctx context.Context, agentID string, p AgentForkParams, opts ...Option) (*AgentFork, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[AgentFork](ctx, s.c, opts, "forkAgent", func(server string) (*http.Request, error) {
		return gen.NewForkAgentRequest(server, agentID, gen.ForkAgentInputBody{Name: p.Name})
	})
	if err != nil {
		return nil, err
	}
	if out.AgentID == "" {
		return nil, &APIError{StatusCode: 200, Operation: "forkAgent", Method: http.MethodPost, Detail: "the server started a fork but sent no agent_id"}
	}
	return out, nil
}

// ForkStatus reads the state of a fork once. forkAgentID is the new
// agent's id (AgentFork.AgentID), not the source's.
func (s *AgentsService) ForkStatus(ctx context.Context, forkAgentID string, opts ...Option) (*ForkStatus, error) {
	st, _, err := s.forkStatus(ctx, forkAgentID, opts)
	return st, err
}

func (s *AgentsService) forkStatus(ctx context.Context, forkAgentID string, opts []Option) (*ForkStatus, *response, error) {
	if err := requireID("forkAgentID", forkAgentID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewGetForkStatusRequest(ep.server, forkAgentID)
	out := new(ForkStatus)
	resp, err := ep.doJSON(ctx, "getForkStatus", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitFork polls a fork until it is complete, from any process: only the
// new agent's id is needed. A failed fork is a *JobFailedError carrying the
// final *ForkStatus; running out of time (ctx's deadline) is a
// *PollTimeoutError carrying the last one. A fork's length depends on how
// much the source agent has stored.
func (s *AgentsService) WaitFork(ctx context.Context, forkAgentID string, opts ...PollOption) (*ForkStatus, error) {
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*ForkStatus], error) {
		st, resp, err := s.forkStatus(ctx, forkAgentID, nil)
		if err != nil {
			return pollStep[*ForkStatus]{}, err
		}
		switch st.Status {
		case ForkComplete:
			return pollStep[*ForkStatus]{State: st, Done: true}, nil
		case ForkFailed:
			return pollStep[*ForkStatus]{State: st, Done: true}, s.c.jobFailed("agent fork", forkAgentID, &st.ErrorMessage, st)
		}
		return pollStep[*ForkStatus]{State: st, RetryAfter: retryAfterOf(resp)}, nil
	})
}
