package sonzai

import (
	"fmt"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// Role says who wrote a message.
type Role string

// The roles a message can have.
const (
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
	RoleSystem    Role = "system"
	RoleTool      Role = "tool"
)

// Message is one message of a conversation, accepted by Session.Turn,
// Session.End and AgentsService.Process. Tool use follows the
// OpenAI/Anthropic shape: an assistant message carries ToolCalls, and each
// tool result is a RoleTool message whose ToolCallID names the call.
// Build messages with UserMessage, AssistantMessage, SystemMessage,
// ToolCallMessage and ToolResultMessage.
type Message struct {
	// Role says who wrote the message. Required.
	Role Role
	// Content is the text (for a tool message, the tool's output).
	Content string
	// ToolCalls are the tools an assistant message asks to run.
	ToolCalls []ToolCall
	// ToolCallID is, on a tool message, the id of the call it answers.
	ToolCallID string
	// Author names who wrote the message. Only Session.End sends it; the
	// turn and process endpoints have no such field and reject it.
	Author string
}

// ToolCall is the assistant's request to run one function.
type ToolCall struct {
	// ID identifies the call; the tool result repeats it.
	ID string
	// Type is the kind of tool; empty means "function".
	Type string
	// Name is the function's name.
	Name string
	// Arguments is the function's arguments as a JSON document.
	Arguments string
}

// UserMessage is a message from the user.
func UserMessage(text string) Message { return Message{Role: RoleUser, Content: text} }

// AssistantMessage is a reply from the assistant.
func AssistantMessage(text string) Message { return Message{Role: RoleAssistant, Content: text} }

// SystemMessage is a system instruction.
func SystemMessage(text string) Message { return Message{Role: RoleSystem, Content: text} }

// ToolCallMessage is an assistant message that asks to run tools.
func ToolCallMessage(calls ...ToolCall) Message {
	return Message{Role: RoleAssistant, ToolCalls: calls}
}

// FunctionCall is a ToolCall of type "function"; argumentsJSON is the
// arguments as a JSON document, e.g. `{"limit":1}`.
func FunctionCall(id, name, argumentsJSON string) ToolCall {
	return ToolCall{ID: id, Type: "function", Name: name, Arguments: argumentsJSON}
}

// ToolResultMessage is the output of the tool call with the given id.
func ToolResultMessage(toolCallID, content string) Message {
	return Message{Role: RoleTool, ToolCallID: toolCallID, Content: content}
}

// validateMessages checks what the server would reject, or silently
// misread, before anything is sent. field names the list, e.g.
// "TurnParams.Messages".
func validateMessages(field string, msgs []Message, allowAuthor bool) error {
	if len(msgs) == 0 {
		return invalid(field, "no messages; a turn or transcript needs at least one")
	}
	for i, m := range msgs {
		at := fmt.Sprintf("%s[%d]", field, i)
		switch m.Role {
		case RoleUser, RoleSystem:
			if m.Content == "" {
				return invalid(at+".Content", "empty "+string(m.Role)+" message")
			}
		case RoleAssistant:
			if m.Content == "" && len(m.ToolCalls) == 0 {
				return invalid(at, "an assistant message needs Content or ToolCalls")
			}
		case RoleTool:
			if m.ToolCallID == "" {
				return invalid(at+".ToolCallID", "a tool message must name the tool call it answers (use ToolResultMessage)")
			}
		case "":
			return invalid(at+".Role", "missing; use UserMessage, AssistantMessage, ToolResultMessage, ...")
		default:
			return invalid(at+".Role", fmt.Sprintf("%q is not one of user, assistant, system, tool", m.Role))
		}
		if m.Role != RoleTool && m.ToolCallID != "" {
			return invalid(at+".ToolCallID", "only tool messages answer a tool call")
		}
		if m.Role != RoleAssistant && len(m.ToolCalls) > 0 {
			return invalid(at+".ToolCalls", "only assistant messages make tool calls")
		}
		if m.Author != "" && !allowAuthor {
			return invalid(at+".Author", "only Session.End sends an author; the turn and process endpoints have no such field")
		}
		for j, tc := range m.ToolCalls {
			if tc.ID == "" {
				return invalid(fmt.Sprintf("%s.ToolCalls[%d].ID", at, j), "missing; the tool result must be able to name it")
			}
			if tc.Name == "" {
				return invalid(fmt.Sprintf("%s.ToolCalls[%d].Name", at, j), "missing function name")
			}
		}
	}
	return nil
}

// toolCallsToGen converts tool calls with mk, which builds the generated
// tool-call type of one body (the turn, process and session-end bodies each
// have their own, alike in all but name).
func toolCallsToGen[T any](calls []ToolCall, mk func(id, typ, name, arguments string) T) []T {
	if len(calls) == 0 {
		return nil
	}
	out := make([]T, len(calls))
	for i, c := range calls {
		typ := c.Type
		if typ == "" {
			typ = "function"
		}
		out[i] = mk(c.ID, typ, c.Name, c.Arguments)
	}
	return out
}

// turnMessagesToGen converts messages for the turn body.
func turnMessagesToGen(msgs []Message) []gen.TurnMessage {
	out := make([]gen.TurnMessage, len(msgs))
	for i, m := range msgs {
		out[i] = gen.TurnMessage{
			Role:    gen.TurnMessageRole(m.Role),
			Content: m.Content,
			ToolCalls: toolCallsToGen(m.ToolCalls, func(id, typ, name, args string) gen.TurnToolCall {
				return gen.TurnToolCall{Id: id, Type: typ, Function: gen.TurnToolCallFunction{Name: name, Arguments: args}}
			}),
			ToolCallId: m.ToolCallID,
		}
	}
	return out
}

// processMessagesToGen converts messages for the process body.
func processMessagesToGen(msgs []Message) []gen.ProcessMessage {
	out := make([]gen.ProcessMessage, len(msgs))
	for i, m := range msgs {
		out[i] = gen.ProcessMessage{
			Role:    gen.ProcessMessageRole(m.Role),
			Content: m.Content,
			ToolCalls: toolCallsToGen(m.ToolCalls, func(id, typ, name, args string) gen.ProcessToolCall {
				return gen.ProcessToolCall{Id: id, Type: typ, Function: gen.ProcessToolCallFunction{Name: name, Arguments: args}}
			}),
			ToolCallId: m.ToolCallID,
		}
	}
	return out
}

// sessionMessagesToGen converts messages for the session-end body.
func sessionMessagesToGen(msgs []Message) []gen.SessionMessage {
	if len(msgs) == 0 {
		return nil
	}
	out := make([]gen.SessionMessage, len(msgs))
	for i, m := range msgs {
		out[i] = gen.SessionMessage{
			Role:    gen.SessionMessageRole(m.Role),
			Content: m.Content,
			Author:  m.Author,
			ToolCalls: toolCallsToGen(m.ToolCalls, func(id, typ, name, args string) gen.SessionToolCall {
				return gen.SessionToolCall{Id: id, Type: typ, Function: gen.SessionToolCallFunction{Name: name, Arguments: args}}
			}),
			ToolCallId: m.ToolCallID,
		}
	}
	return out
}

// optional maps the zero value to "absent", so unset fields are omitted
// from the JSON instead of being sent empty.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
