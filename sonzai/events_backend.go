package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// BackendEventType is the kind of event EventsService.Trigger reports. The
// contract leaves the set open; the constants are the kinds it names.
type BackendEventType string

// Backend event types.
const (
	BackendEventSessionEnd  BackendEventType = "session_end"
	BackendEventAchievement BackendEventType = "achievement"
	BackendEventMilestone   BackendEventType = "milestone"
)

// EventTriggerParams describes an event for EventsService.Trigger.
// UserID and EventType are required.
type EventTriggerParams struct {
	// UserID is the user the event happened to. Required.
	UserID string
	// EventType is what kind of event it is. Required.
	EventType BackendEventType
	// Description says what happened, in words.
	Description string
	// InstanceID is the agent instance to tell; empty for the default
	// instance.
	InstanceID string
	// Language is the language the agent writes its diary entry in, e.g.
	// "ja"; empty means the server's default (English).
	Language string
	// Messages are recent messages of the conversation, for context; only
	// their roles and texts are sent.
	Messages []Message
	// Metadata are the event's details, e.g. {"achievement_id": "..."}.
	Metadata map[string]string
}

func (p EventTriggerParams) toGen() (gen.TriggerEventInputBody, error) {
	const at = "EventTriggerParams."
	if err := requireID(at+"UserID", p.UserID); err != nil {
		return gen.TriggerEventInputBody{}, err
	}
	if strings.TrimSpace(string(p.EventType)) == "" {
		return gen.TriggerEventInputBody{}, invalid(at+"EventType", "empty; say what kind of event it is, e.g. BackendEventAchievement")
	}
	body := gen.TriggerEventInputBody{
		UserId: p.UserID, EventType: string(p.EventType), EventDescription: p.Description, InstanceId: p.InstanceID,
		Language: p.Language, Metadata: p.Metadata,
	}
	if p.Messages != nil {
		msgs := make([]map[string]string, len(p.Messages))
		for i, m := range p.Messages {
			if m.Role == "" {
				return gen.TriggerEventInputBody{}, invalid(fmt.Sprintf("%sMessages[%d].Role", at, i), "empty; say who wrote the message")
			}
			msgs[i] = map[string]string{"role": string(m.Role), "content": m.Content}
		}
		body.Messages = msgs
	}
	return body, nil
}

// EventAccepted is the answer to EventsService.Trigger.
type EventAccepted struct {
	// Accepted is true when the event was queued for processing.
	Accepted bool `json:"accepted"`
	// EventID identifies the event.
	EventID string `json:"event_id"`
}

// Trigger tells an agent about something that happened in your backend
// (a finished session, an achievement, a milestone). The agent processes
// it in the background: it writes a diary entry about it (DiaryService
// reads it) and fires its hooks. It is a POST, retried only when the
// server provably did not act on it, so the SDK never reports an event
// twice.
func (s *EventsService) Trigger(ctx context.Context, agentID string, p EventTriggerParams, opts ...Option) (*EventAccepted, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[EventAccepted](ctx, s.c, opts, "triggerBackendEvent", func(server string) (*http.Request, error) {
		return gen.NewTriggerBackendEventRequest(server, agentID, body)
	})
}
