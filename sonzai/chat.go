package sonzai

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// ChatParams is a chat request. It carries every field of the contract's
// chat body; only Messages is required.
type ChatParams struct {
	// Messages is the conversation so far, newest last. Chat messages carry
	// only a role and content (no tool calls).
	Messages []Message

	// UserID is the user the agent answers.
	UserID string
	// UserDisplayName is how the agent should call the user.
	UserDisplayName string
	// SessionID is the session to chat in; the server creates one when it
	// is empty and reports it in ChatStream.SessionID.
	SessionID string
	// InstanceID selects an agent instance, when the agent has several.
	InstanceID string
	// Provider and Model choose the LLM for the answer.
	Provider, Model string
	// Language is the conversation's language.
	Language string
	// Timezone is the user's IANA time zone.
	Timezone string
	// ContinuationToken is the previous answer's token, to reuse its context.
	ContinuationToken string
	// CompiledSystemPrompt replaces the system prompt the server would build.
	CompiledSystemPrompt string
	// InteractionRole and RequestType are passed to the server as they are.
	InteractionRole string
	RequestType     string
	// MaxTurns bounds the agent's tool-calling rounds; 0 leaves it to the server.
	MaxTurns int
	// Capabilities lists optional behaviours to enable for this answer.
	Capabilities []string
	// ToolCapabilities toggles built-in tools for this answer.
	ToolCapabilities map[string]any
	// ToolDefinitions are the caller's own tools, in the server's tool format.
	ToolDefinitions []any
	// GameContext is application state to show the agent.
	GameContext map[string]any
	// SkillLevels is application state about the user's skills.
	SkillLevels map[string]any
	// RetrievalSync asks the server to finish memory retrieval before answering.
	RetrievalSync bool
	// SkipContextBuild and SkipServerHistoryCache turn off the server's
	// context building and its cached history for this answer.
	SkipContextBuild       bool
	SkipServerHistoryCache bool
	// AIServiceCookie is passed to the server as it is.
	AIServiceCookie string
}

func (p *ChatParams) toGen() (gen.ChatRequest, error) {
	if len(p.Messages) == 0 {
		return gen.ChatRequest{}, invalid("ChatParams.Messages", "no messages; a chat needs at least one")
	}
	msgs := make([]gen.ChatMessage, len(p.Messages))
	for i, m := range p.Messages {
		at := fmt.Sprintf("ChatParams.Messages[%d]", i)
		switch {
		case m.Role == "":
			return gen.ChatRequest{}, invalid(at+".Role", "missing; use UserMessage, AssistantMessage or SystemMessage")
		case len(m.ToolCalls) > 0 || m.ToolCallID != "" || m.Author != "":
			return gen.ChatRequest{}, invalid(at, "chat messages carry only a role and content; tool calls, tool results and authors cannot be sent to chat")
		case m.Content == "":
			return gen.ChatRequest{}, invalid(at+".Content", "empty message")
		}
		msgs[i] = gen.ChatMessage{Role: string(m.Role), Content: m.Content}
	}
	if p.MaxTurns < 0 {
		return gen.ChatRequest{}, invalid("ChatParams.MaxTurns", "must not be negative")
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"ToolCapabilities", p.ToolCapabilities}, {"ToolDefinitions", p.ToolDefinitions}, {"GameContext", p.GameContext}, {"SkillLevels", p.SkillLevels}} {
		if err := encodable("ChatParams."+f.name, f.v); err != nil {
			return gen.ChatRequest{}, err
		}
	}
	body := gen.ChatRequest{
		Messages:               msgs,
		UserId:                 p.UserID,
		UserDisplayName:        p.UserDisplayName,
		SessionId:              p.SessionID,
		InstanceId:             p.InstanceID,
		Provider:               p.Provider,
		Model:                  p.Model,
		Language:               p.Language,
		Timezone:               p.Timezone,
		ContinuationToken:      p.ContinuationToken,
		CompiledSystemPrompt:   p.CompiledSystemPrompt,
		InteractionRole:        p.InteractionRole,
		RequestType:            p.RequestType,
		MaxTurns:               optional(p.MaxTurns),
		RetrievalSync:          optional(p.RetrievalSync),
		SkipContextBuild:       optional(p.SkipContextBuild),
		SkipServerHistoryCache: optional(p.SkipServerHistoryCache),
		AiServiceCookie:        p.AIServiceCookie,
		Capabilities:           p.Capabilities,
		ToolCapabilities:       p.ToolCapabilities,
		ToolDefinitions:        p.ToolDefinitions,
		GameContext:            p.GameContext,
		SkillLevels:            p.SkillLevels,
	}
	return body, nil
}

// Stream asks the agent to answer and returns its answer as a stream of
// events. An HTTP failure (a problem+json response) is returned here as an
// *APIError, before any event. The stream runs for as long as ctx allows;
// no client timeout cuts it (see WithAttemptTimeout and WithIdleTimeout).
// The request is never sent twice, except on 429 or when the connection
// failed before it was written.
func (s *ChatService) Stream(ctx context.Context, agentID string, p ChatParams, opts ...Option) (*ChatStream, error) {
	return s.stream(ctx, "chatWithAgent", gen.NewChatWithAgentRequest, agentID, p, opts)
}

// StreamPlayground is Stream against the playground endpoint.
func (s *ChatService) StreamPlayground(ctx context.Context, agentID string, p ChatParams, opts ...Option) (*ChatStream, error) {
	return s.stream(ctx, "playgroundChat", gen.NewPlaygroundChatRequest, agentID, p, opts)
}

// Chat streams the agent's answer within this session: the session's user,
// session, instance and display name fill the request unless p sets them.
// (The session's provider and model are extraction defaults and are not
// used for the answer.)
func (s *Session) Chat(ctx context.Context, p ChatParams, opts ...Option) (*ChatStream, error) {
	if p.UserID == "" {
		p.UserID = s.userID
	}
	if p.SessionID == "" {
		p.SessionID = s.id
	}
	if p.InstanceID == "" {
		p.InstanceID = s.instanceID
	}
	if p.UserDisplayName == "" {
		p.UserDisplayName = s.displayName
	}
	return s.c.Chat.Stream(ctx, s.agentID, p, opts...)
}

type chatRequestBuilder func(server string, agentID string, body gen.ChatRequest) (*http.Request, error)

func (s *ChatService) stream(ctx context.Context, op string, build chatRequestBuilder, agentID string, p ChatParams, opts []Option) (*ChatStream, error) {
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
	req, err := build(ep.server, agentID, body)
	if err != nil {
		return nil, fmt.Errorf("sonzai: %s: building the request: %w", op, err)
	}
	resp, err := ep.send(ctx, request{op: op, req: req, stream: true})
	if err != nil {
		return nil, err
	}
	return newChatStream(ctx, op, resp, ep), nil
}
