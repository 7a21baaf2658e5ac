package sonzai

import (
	"context"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// AsyncChatStatus is where an asynchronous chat is.
type AsyncChatStatus string

// The asynchronous chat statuses, in order.
const (
	AsyncChatQueued   AsyncChatStatus = "queued"
	AsyncChatRunning  AsyncChatStatus = "running"
	AsyncChatComplete AsyncChatStatus = "complete"
	AsyncChatFailed   AsyncChatStatus = "failed"
)

// AsyncChat is a queued chat request.
type AsyncChat struct {
	// ProcessingID identifies the request; see ChatService.WaitAsync.
	ProcessingID string `json:"processing_id"`
	// Status is "queued" once the request is accepted.
	Status AsyncChatStatus `json:"status"`
}

// AsyncChatResult is the state of an asynchronous chat.
type AsyncChatResult struct {
	// Status is where the chat is: queued, running, complete or failed.
	Status AsyncChatStatus `json:"status"`
	// Phase is the latest stage: planning, tool_call, composing, verifying or complete.
	Phase string `json:"phase"`
	// Tool is the tool being run when Phase is tool_call.
	Tool string `json:"tool"`
	// Response is the answer so far; final once Status is complete.
	Response string `json:"response"`
	// SideEffects is what the chat changed, once complete.
	SideEffects any `json:"side_effects"`
	// Error says why the chat failed.
	Error string `json:"error"`
	// CreatedAt is when the chat was queued; UpdatedAt when its state last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (r *AsyncChatResult) pollState() string { return string(r.Status) }

// Async queues a chat request and returns at once with its processing id.
// Use it for answers that may take longer than a connection stays open.
// Like Stream, the request is never sent twice (except on 429 or a
// connection that failed before it was written).
func (s *ChatService) Async(ctx context.Context, agentID string, p ChatParams, opts ...Option) (*AsyncChat, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	req, err := gen.NewAsyncChatRequest(ep.server, agentID, body)
	out := new(AsyncChat)
	if _, err := ep.doJSON(ctx, "asyncChat", req, err, out); err != nil {
		return nil, err
	}
	if out.ProcessingID == "" {
		return nil, &APIError{StatusCode: 200, Operation: "asyncChat", Method: "POST", Detail: "the server accepted the chat but sent no processing_id"}
	}
	return out, nil
}

// AsyncResult reads the state of an asynchronous chat once.
func (s *ChatService) AsyncResult(ctx context.Context, agentID, processingID string, opts ...Option) (*AsyncChatResult, error) {
	r, _, err := s.asyncResult(ctx, agentID, processingID, opts)
	return r, err
}

func (s *ChatService) asyncResult(ctx context.Context, agentID, processingID string, opts []Option) (*AsyncChatResult, *response, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, nil, err
	}
	if err := requireID("processingID", processingID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewAsyncChatResultRequest(ep.server, agentID, processingID)
	out := new(AsyncChatResult)
	resp, err := ep.doJSON(ctx, "asyncChatResult", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitAsync polls an asynchronous chat until it is complete, from any
// process. A failed chat is a *JobFailedError carrying the final
// *AsyncChatResult; running out of time is a *PollTimeoutError carrying the
// last one (with the partial Response).
func (s *ChatService) WaitAsync(ctx context.Context, agentID, processingID string, opts ...PollOption) (*AsyncChatResult, error) {
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*AsyncChatResult], error) {
		r, resp, err := s.asyncResult(ctx, agentID, processingID, nil)
		if err != nil {
			return pollStep[*AsyncChatResult]{}, err
		}
		switch r.Status {
		case AsyncChatComplete:
			return pollStep[*AsyncChatResult]{State: r, Done: true}, nil
		case AsyncChatFailed:
			return pollStep[*AsyncChatResult]{State: r, Done: true}, s.c.jobFailed("async chat", processingID, &r.Error, r)
		}
		return pollStep[*AsyncChatResult]{State: r, RetryAfter: retryAfterOf(resp)}, nil
	})
}
