package webhook

import (
	"encoding/json"
	"time"
)

// EventType names what a delivery is about. Registrations are per event
// type, and a type the SDK does not list yet is still delivered: compare
// with the constants, and treat other values as news.
type EventType string

// Event types Sonzai is known to deliver.
const (
	// EventWakeupReady: a scheduled wake-up is due and its message is ready.
	EventWakeupReady EventType = "on_wakeup_ready"
	// EventDiaryGenerated: the agent wrote a diary entry.
	EventDiaryGenerated EventType = "on_diary_generated"
	// EventPersonalityUpdated: the agent's personality changed.
	EventPersonalityUpdated EventType = "on_personality_updated"
	// EventRecurringEventDue: a recurring schedule fired.
	EventRecurringEventDue EventType = "on_recurring_event_due"
	// EventSessionEnd: a session ended.
	EventSessionEnd EventType = "session.end"
	// EventMemoryCreated: a memory was stored.
	EventMemoryCreated EventType = "memory.created"
)

// Event is one verified delivery.
type Event struct {
	// Type is the body's "event_type" field when it has one, and otherwise
	// the type given to the handler with WithEventType (a webhook URL is
	// registered per event type, so the URL can tell). It is "" when
	// neither says.
	Type EventType
	// Payload is the request body, exactly as signed. The API publishes no
	// schema for it: decode the fields you need.
	Payload json.RawMessage
	// SignedAt is when Sonzai signed the delivery.
	SignedAt time.Time
	// Signature is the Sonzai-Signature header the delivery came with. A
	// retry by the sender is signed anew; a replay repeats it.
	Signature string
}
