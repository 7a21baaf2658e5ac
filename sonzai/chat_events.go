package sonzai

import (
	"bytes"
	"encoding/json"
	"time"
)

// ChatEventKind tells chat stream events apart.
type ChatEventKind string

// The kinds of event a chat stream delivers.
const (
	// ChatDelta is the next piece of the answer: Content, and Role and
	// ToolCalls when the server sends them.
	ChatDelta ChatEventKind = "delta"
	// ChatContextReady reports the context the answer is built on:
	// BuildDuration, UsedFastPath and EnrichedContext.
	ChatContextReady ChatEventKind = "context_ready"
	// ChatSideEffects reports what the turn changed, in SideEffects.
	ChatSideEffects ChatEventKind = "side_effects"
	// ChatMessageBoundary starts the agent's next message (MessageIndex).
	ChatMessageBoundary ChatEventKind = "message_boundary"
	// ChatPhase reports the agent's stage (Phase) and the tool it runs (Tool).
	ChatPhase ChatEventKind = "phase"
	// ChatFinish is the terminal frame: FinishReason, and Content, Usage,
	// ContinuationToken, ExternalToolCalls and SideEffects when sent.
	ChatFinish ChatEventKind = "finish"
	// ChatDone is the [DONE] marker: the stream ended normally.
	ChatDone ChatEventKind = "done"
	// ChatUnknown is a frame this SDK version does not know. Its JSON is
	// in Raw; it is delivered rather than dropped.
	ChatUnknown ChatEventKind = "unknown"
)

// ChatEvent is one event of a chat stream. Which fields are set depends on
// Kind; Raw always holds the frame's JSON, so nothing the server sent is
// lost, including fields this SDK has no name for.
type ChatEvent struct {
	Kind ChatEventKind
	// Type is the frame's "type" field, or the SSE event name.
	Type string

	// Content is a delta's text (or the terminal frame's, when it has one).
	Content string
	// Role is the speaker, when a delta says.
	Role string
	// ToolCalls are a delta's tool calls, kept as the server sent them.
	ToolCalls json.RawMessage
	// Index is the choice's index.
	Index int64
	// FinishReason ends the answer, on the terminal frame (e.g. "stop").
	FinishReason string

	// BuildDuration is how long building the context took (context_ready).
	BuildDuration time.Duration
	// UsedFastPath reports a continuation token saved a rebuild (context_ready).
	UsedFastPath bool
	// EnrichedContext is the context the answer is built on (context_ready).
	EnrichedContext json.RawMessage

	// SideEffects is what the turn changed (side_effects and terminal frames).
	SideEffects json.RawMessage
	// MessageIndex is the agentic message that starts (message_boundary).
	MessageIndex int64
	// Phase is the agent's stage: planning, tool_call, composing, verifying or complete.
	Phase string
	// Tool is the tool being run when Phase is tool_call.
	Tool string

	// Usage, ContinuationToken and ExternalToolCalls are read from the
	// terminal frame when the server includes them.
	Usage             json.RawMessage
	ContinuationToken string
	ExternalToolCalls json.RawMessage

	// Raw is the frame's data, exactly as received.
	Raw json.RawMessage
}

// ChatStreamError is an error frame sent in the middle of a chat stream.
type ChatStreamError struct {
	// Message is the server's explanation.
	Message string
	// Raw is the error frame's JSON.
	Raw json.RawMessage
}

// Error reports the server's message.
func (e *ChatStreamError) Error() string { return "sonzai: chat stream error: " + e.Message }

// wireChunk is a frame's JSON: the contract's ChatSSEChunk, plus the
// delta and terminal fields the server is known to add.
type wireChunk struct {
	Type    string `json:"type"`
	Choices []struct {
		Delta struct {
			Content   string          `json:"content"`
			Role      string          `json:"role"`
			ToolCalls json.RawMessage `json:"tool_calls"`
		} `json:"delta"`
		Index        int64  `json:"index"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	BuildDurationMs int64           `json:"build_duration_ms"`
	UsedFastPath    bool            `json:"used_fast_path"`
	EnrichedContext json.RawMessage `json:"enriched_context"`
	Data            json.RawMessage `json:"data"`
	SideEffects     json.RawMessage `json:"side_effects"`
	MessageIndex    int64           `json:"message_index"`
	Phase           string          `json:"phase"`
	Tool            string          `json:"tool"`
	Error           *struct {
		Message string `json:"message"`
	} `json:"error"`
	Usage             json.RawMessage `json:"usage"`
	ContinuationToken string          `json:"continuation_token"`
	ExternalToolCalls json.RawMessage `json:"external_tool_calls"`
}

var doneMarker = []byte("[DONE]")

// decodeFrame turns one SSE event into a ChatEvent. data is only valid
// during the call, so everything kept is copied. An error frame comes back
// as a *ChatStreamError; malformed JSON as a plain error.
func decodeFrame(sseType string, data []byte) (ChatEvent, error) {
	if bytes.Equal(bytes.TrimSpace(data), doneMarker) {
		return ChatEvent{Kind: ChatDone, Type: sseType, Raw: json.RawMessage(doneMarker)}, nil
	}
	raw := json.RawMessage(bytes.Clone(data))
	var w wireChunk
	if err := json.Unmarshal(raw, &w); err != nil {
		return ChatEvent{}, &malformedFrameError{err: err, excerpt: excerpt("", data)}
	}
	if w.Error != nil || sseType == "error" {
		msg := "unknown error"
		if w.Error != nil && w.Error.Message != "" {
			msg = w.Error.Message
		}
		return ChatEvent{}, &ChatStreamError{Message: msg, Raw: raw}
	}
	ev := ChatEvent{Type: w.Type, Raw: raw}
	if ev.Type == "" && sseType != "message" {
		ev.Type = sseType
	}
	switch ev.Type {
	case "context_ready":
		ev.Kind = ChatContextReady
		ev.BuildDuration = time.Duration(w.BuildDurationMs) * time.Millisecond
		ev.UsedFastPath = w.UsedFastPath
		ev.EnrichedContext = nonNull(w.EnrichedContext)
	case "side_effects":
		ev.Kind = ChatSideEffects
		ev.SideEffects = nonNull(w.Data)
		if ev.SideEffects == nil {
			ev.SideEffects = nonNull(w.SideEffects)
		}
	case "message_boundary":
		ev.Kind = ChatMessageBoundary
		ev.MessageIndex = w.MessageIndex
	case "phase":
		ev.Kind = ChatPhase
		ev.Phase, ev.Tool = w.Phase, w.Tool
	case "":
		if len(w.Choices) == 0 {
			ev.Kind = ChatUnknown
			break
		}
		c := w.Choices[0]
		ev.Content, ev.Role, ev.ToolCalls, ev.Index = c.Delta.Content, c.Delta.Role, nonNull(c.Delta.ToolCalls), c.Index
		ev.Kind = ChatDelta
		if c.FinishReason != "" {
			ev.Kind = ChatFinish
			ev.FinishReason = c.FinishReason
			ev.SideEffects = nonNull(w.SideEffects)
			ev.Usage = nonNull(w.Usage)
			ev.ContinuationToken = w.ContinuationToken
			ev.ExternalToolCalls = nonNull(w.ExternalToolCalls)
		}
	default:
		ev.Kind = ChatUnknown
	}
	return ev, nil
}

// nonNull maps an absent or JSON-null field to nil.
func nonNull(raw json.RawMessage) json.RawMessage {
	if isNull(raw) {
		return nil
	}
	return raw
}

// malformedFrameError is a frame whose data is not JSON (nor [DONE]).
type malformedFrameError struct {
	err     error
	excerpt string
}

func (e *malformedFrameError) Error() string {
	return "sonzai: chat stream: a frame is not JSON (" + e.err.Error() + "): " + e.excerpt
}

func (e *malformedFrameError) Unwrap() error { return e.err }
