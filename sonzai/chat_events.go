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
	// Kind says which kind of frame this is, and so which fields are set.
	Kind ChatEventKind
	// Type is the frame's "type" field, or the SSE event name.
	Type string

	// Content is a delta's text (or the terminal frame's, when it has one).
	Content string
	// Role is the speaker, when a delta says.
	Role string
	// ToolCalls are the tool calls a delta carries. A call the server
	// streams in pieces arrives as several entries; Raw has the frame.
	ToolCalls []ToolCall
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
	// terminal frame when the server includes them. Usage is nil when the
	// frame has none.
	Usage             *ChatUsage
	ContinuationToken string
	ExternalToolCalls json.RawMessage

	// Raw is the frame's data, exactly as received.
	Raw json.RawMessage
}

// ChatUsage is the token count of a chat answer.
type ChatUsage struct {
	// PromptTokens is the size of the prompt the answer was built on.
	PromptTokens int64 `json:"prompt_tokens"`
	// CompletionTokens is the size of the answer.
	CompletionTokens int64 `json:"completion_tokens"`
	// TotalTokens is both together.
	TotalTokens int64 `json:"total_tokens"`
}

// ChatStreamError is an error frame sent in the middle of a chat stream.
type ChatStreamError struct {
	// Message is the server's explanation.
	Message string
	// Raw is the error frame's JSON.
	Raw json.RawMessage
}

// Error reports the server's message on one line of at most about 700
// bytes, control and bidirectional-formatting characters replaced, as
// APIError.Error does; Message keeps it whole.
func (e *ChatStreamError) Error() string {
	return "sonzai: chat stream error: " + sanitize(e.Message, maxErrorText)
}

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
	BuildDurationMs int64  `json:"build_duration_ms"`
	UsedFastPath    bool   `json:"used_fast_path"`
	EnrichedContext rawIn  `json:"enriched_context"`
	Data            rawIn  `json:"data"`
	SideEffects     rawIn  `json:"side_effects"`
	MessageIndex    int64  `json:"message_index"`
	Phase           string `json:"phase"`
	Tool            string `json:"tool"`
	Error           *struct {
		Message string `json:"message"`
	} `json:"error"`
	Usage             rawIn  `json:"usage"`
	ContinuationToken string `json:"continuation_token"`
	ExternalToolCalls rawIn  `json:"external_tool_calls"`
}

// rawIn is a json.RawMessage field that shares memory with in, the frame
// being decoded (ChatEvent.Raw), instead of copying itself out of it. A
// context_ready frame is almost all enriched_context: without this, an
// 8 MiB frame was held twice. encoding/json hands UnmarshalJSON a slice of
// the input being decoded; whether b is one of in is checked, safely, by
// comparing the address of its first byte with that of the byte of in
// where it would start; when it is not, b is copied as usual.
type rawIn struct {
	in  []byte
	val json.RawMessage
}

func (r *rawIn) UnmarshalJSON(b []byte) error {
	if off := cap(r.in) - cap(b); len(b) > 0 && off >= 0 && off+len(b) <= len(r.in) && &r.in[off] == &b[0] {
		r.val = json.RawMessage(r.in[off : off+len(b) : off+len(b)])
		return nil
	}
	r.val = append(json.RawMessage(nil), b...)
	return nil
}

// doneMarker is the data of the frame that ends a chat stream.
const doneMarker = "[DONE]"

// decodeFrame turns one SSE event into a ChatEvent. data is only valid
// during the call, so everything kept is copied. An error frame comes back
// as a *ChatStreamError; malformed JSON as a plain error.
func decodeFrame(sseType string, data []byte) (ChatEvent, error) {
	var d frameDecoder
	return d.decode(sseType, data, false)
}

// frameDecoder is decodeFrame for a whole stream: it keeps the wire struct
// and its choices array from one frame to the next, which saves two of the
// dozen allocations a small delta costs (json.Unmarshal needs a pointer, so
// a wire struct on the stack would escape to the heap every frame).
type frameDecoder struct{ w wireChunk }

// decode is decodeFrame; owned says data is the caller's to keep (a big
// frame the SSE decoder detached), so Raw needs no copy of it.
func (d *frameDecoder) decode(sseType string, data []byte, owned bool) (ChatEvent, error) {
	if string(bytes.TrimSpace(data)) == doneMarker {
		return ChatEvent{Kind: ChatDone, Type: sseType, Raw: json.RawMessage(doneMarker)}, nil
	}
	raw := json.RawMessage(data)
	if !owned {
		raw = bytes.Clone(data)
	}
	// Zero the kept choices: json.Unmarshal decodes into existing elements,
	// and would reuse the memory of their RawMessages, which earlier events
	// still hold. A frame with unusually many choices does not pin them.
	choices := d.w.Choices[:cap(d.w.Choices)]
	if cap(choices) > 8 {
		choices = nil
	}
	clear(choices)
	d.w = wireChunk{
		Choices:         choices[:0],
		EnrichedContext: rawIn{in: raw}, Data: rawIn{in: raw}, SideEffects: rawIn{in: raw},
		Usage: rawIn{in: raw}, ExternalToolCalls: rawIn{in: raw},
	}
	// Once decoded, the wire struct lets go of the frame, which only the
	// event it returns may keep alive.
	defer func() {
		w := &d.w
		w.EnrichedContext, w.Data, w.SideEffects, w.Usage, w.ExternalToolCalls = rawIn{}, rawIn{}, rawIn{}, rawIn{}, rawIn{}
	}()
	w := &d.w
	if err := json.Unmarshal(raw, w); err != nil {
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
		ev.EnrichedContext = nonNull(w.EnrichedContext.val)
	case "side_effects":
		ev.Kind = ChatSideEffects
		ev.SideEffects = nonNull(w.Data.val)
		if ev.SideEffects == nil {
			ev.SideEffects = nonNull(w.SideEffects.val)
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
		ev.Content, ev.Role, ev.ToolCalls, ev.Index = c.Delta.Content, c.Delta.Role, decodeToolCalls(c.Delta.ToolCalls), c.Index
		ev.Kind = ChatDelta
		if c.FinishReason != "" {
			ev.Kind = ChatFinish
			ev.FinishReason = c.FinishReason
			ev.SideEffects = nonNull(w.SideEffects.val)
			ev.Usage = decodeUsage(w.Usage.val)
			ev.ContinuationToken = w.ContinuationToken
			ev.ExternalToolCalls = nonNull(w.ExternalToolCalls.val)
		}
	default:
		ev.Kind = ChatUnknown
	}
	return ev, nil
}

// decodeToolCalls reads a delta's tool calls; a shape this version does
// not know leaves them nil (the frame is still in ChatEvent.Raw) rather
// than failing the stream.
func decodeToolCalls(raw json.RawMessage) []ToolCall {
	if isNull(raw) {
		return nil
	}
	var wire []struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		Function struct {
			Name      string `json:"name"`
			Arguments string `json:"arguments"`
		} `json:"function"`
	}
	if json.Unmarshal(raw, &wire) != nil || len(wire) == 0 {
		return nil
	}
	calls := make([]ToolCall, len(wire))
	for i, w := range wire {
		calls[i] = ToolCall{ID: w.ID, Type: w.Type, Name: w.Function.Name, Arguments: w.Function.Arguments}
	}
	return calls
}

// decodeUsage reads a terminal frame's usage; nil when absent or of a
// shape this version does not know (the frame is still in ChatEvent.Raw).
func decodeUsage(raw json.RawMessage) *ChatUsage {
	if isNull(raw) {
		return nil
	}
	u := new(ChatUsage)
	if json.Unmarshal(raw, u) != nil {
		return nil
	}
	return u
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
