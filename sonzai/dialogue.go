package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// DialogueMessage is one message of the conversation DialogueService.Reply
// answers.
type DialogueMessage struct {
	// Role is RoleUser, RoleAssistant or RoleSystem. Required.
	Role Role
	// Content is the text. Required.
	Content string
	// Time is when it was said; zero leaves it off.
	Time time.Time
}

// DialogueParams is the conversation for DialogueService.Reply. UserID
// and Messages are required.
type DialogueParams struct {
	// UserID is the party the agent talks with (a user, or another agent
	// in an NPC scene). Required.
	UserID string
	// Messages are the conversation so far, at least one.
	Messages []DialogueMessage
	// InstanceID is the agent instance that answers; empty for the
	// default instance.
	InstanceID string
	// SceneGuidance steers the scene, e.g. "You are haggling at a market".
	SceneGuidance string
	// RequestType names the kind of request, as the server defines it.
	RequestType string
	// EnrichedContext is a context you built yourself, sent as JSON in
	// place of the one the server would build.
	EnrichedContext json.RawMessage
	// ToolConfig configures the tools the agent may use, sent as JSON.
	ToolConfig json.RawMessage
}

func (p DialogueParams) toGen() (gen.AgentDialogueInputBody, error) {
	const at = "DialogueParams."
	if err := requireID(at+"UserID", p.UserID); err != nil {
		return gen.AgentDialogueInputBody{}, err
	}
	if len(p.Messages) == 0 {
		return gen.AgentDialogueInputBody{}, invalid(at+"Messages", "empty; give the conversation so far")
	}
	body := gen.AgentDialogueInputBody{UserId: p.UserID, InstanceId: p.InstanceID, SceneGuidance: p.SceneGuidance, RequestType: p.RequestType}
	for i, m := range p.Messages {
		field := fmt.Sprintf("%sMessages[%d]", at, i)
		switch m.Role {
		case RoleUser, RoleAssistant, RoleSystem:
		default:
			return body, invalid(field+".Role", fmt.Sprintf("%q is not RoleUser, RoleAssistant or RoleSystem", m.Role))
		}
		if strings.TrimSpace(m.Content) == "" {
			return body, invalid(field+".Content", "empty")
		}
		if err := sendableTime(field+".Time", m.Time); err != nil {
			return body, err
		}
		msg := gen.DialogueMsgHuma{Role: string(m.Role), Content: m.Content}
		if !m.Time.IsZero() {
			msg.Time = m.Time.Format(time.RFC3339)
		}
		body.Messages = append(body.Messages, msg)
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *any
	}{{"EnrichedContext", p.EnrichedContext, &body.EnrichedContext}, {"ToolConfig", p.ToolConfig, &body.ToolConfig}} {
		if f.raw == nil {
			continue
		}
		if !json.Valid(f.raw) {
			return body, invalid(at+f.name, "not valid JSON")
		}
		*f.dst = f.raw
	}
	return body, nil
}

// DialogueReply is the agent's answer.
type DialogueReply struct {
	// Response is what the agent says.
	Response string `json:"response"`
	// SideEffects are what answering changed (memories, mood, ...), as the
	// server sent them.
	SideEffects json.RawMessage `json:"side_effects"`
}

// Reply has an agent answer a conversation in one JSON response, without
// a session or a stream: for NPC-to-NPC talk, scripted scenes and other
// one-off exchanges. It is a POST (a generation), retried only when the
// server provably did not act on it.
func (s *DialogueService) Reply(ctx context.Context, agentID string, p DialogueParams, opts ...Option) (*DialogueReply, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[DialogueReply](ctx, s.c, opts, "agentDialogue", func(server string) (*http.Request, error) {
		return gen.NewAgentDialogueRequest(server, agentID, body)
	})
}
