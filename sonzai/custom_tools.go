package sonzai

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// CustomTool is a tool of the agent's own, which its LLM may call: the
// application runs it and sends the result back as a tool message.
type CustomTool struct {
	// Name is the tool's name, unique within the agent.
	Name string `json:"name"`
	// Description tells the LLM what the tool does and when to call it.
	Description string `json:"description"`
	// Parameters is the JSON Schema of the tool's arguments, as stored
	// (free-form; null when the tool takes none).
	Parameters json.RawMessage `json:"parameters"`
}

// customToolList is the wire shape of listCustomTools.
type customToolList struct {
	Tools []CustomTool `json:"tools"`
}

// CustomToolCreateParams describes a tool for AgentsService.CreateCustomTool.
type CustomToolCreateParams struct {
	// Name is the tool's name. Required; names starting with "sonzai_" are
	// the platform's own.
	Name string `json:"name"`
	// Description tells the LLM what the tool does. Required.
	Description string `json:"description"`
	// Parameters is the JSON Schema of the tool's arguments; nil sends none.
	// When set it must be a JSON object.
	Parameters json.RawMessage `json:"parameters"`
}

// CustomToolUpdateParams changes a tool with AgentsService.UpdateCustomTool.
// Only what is set is sent: a nil Description or Parameters leaves it as it
// is. At least one must be set.
type CustomToolUpdateParams struct {
	// Description replaces the tool's description.
	Description *string `json:"description"`
	// Parameters replaces the JSON Schema of the tool's arguments; it must be
	// a JSON object.
	Parameters json.RawMessage `json:"parameters"`
}

// checkSchema accepts a JSON object (a JSON Schema) and nothing else.
func checkSchema(field string, raw json.RawMessage) error {
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return invalid(field, "not a JSON object; a tool's parameters are a JSON Schema object")
	}
	return nil
}

func (p CustomToolCreateParams) toGen() (gen.CreateCustomToolInputBody, error) {
	const at = "CustomToolCreateParams."
	if err := requireID(at+"Name", strings.TrimSpace(p.Name)); err != nil {
		return gen.CreateCustomToolInputBody{}, err
	}
	if strings.HasPrefix(p.Name, "sonzai_") {
		return gen.CreateCustomToolInputBody{}, invalid(at+"Name", "names starting with sonzai_ are reserved for the platform's tools")
	}
	if strings.TrimSpace(p.Description) == "" {
		return gen.CreateCustomToolInputBody{}, invalid(at+"Description", "empty; the LLM needs it to know when to call the tool")
	}
	body := gen.CreateCustomToolInputBody{Name: p.Name, Description: p.Description}
	if p.Parameters != nil {
		if err := checkSchema(at+"Parameters", p.Parameters); err != nil {
			return body, err
		}
		body.Parameters = p.Parameters
	}
	return body, nil
}

func (p CustomToolUpdateParams) toGen() (gen.UpdateCustomToolInputBody, error) {
	const at = "CustomToolUpdateParams."
	if p.Description == nil && p.Parameters == nil {
		return gen.UpdateCustomToolInputBody{}, invalid("CustomToolUpdateParams", "nothing to update; set Description or Parameters")
	}
	body := gen.UpdateCustomToolInputBody{Description: p.Description}
	if p.Description != nil && strings.TrimSpace(*p.Description) == "" {
		return body, invalid(at+"Description", "empty; the LLM needs it to know when to call the tool")
	}
	if p.Parameters != nil {
		if err := checkSchema(at+"Parameters", p.Parameters); err != nil {
			return body, err
		}
		var v any = p.Parameters
		body.Parameters = &v
	}
	return body, nil
}

// ListCustomTools lists the agent's own tools.
func (s *AgentsService) ListCustomTools(ctx context.Context, agentID string, opts ...Option) ([]CustomTool, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[customToolList](ctx, s.c, opts, "listCustomTools", func(server string) (*http.Request, error) {
		return gen.NewListCustomToolsRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Tools, nil
}

// CreateCustomTool adds a tool to the agent and returns it as stored. It
// is a POST: not retried once the request may have reached the server.
func (s *AgentsService) CreateCustomTool(ctx context.Context, agentID string, p CustomToolCreateParams, opts ...Option) (*CustomTool, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[CustomTool](ctx, s.c, opts, "createCustomTool", func(server string) (*http.Request, error) {
		return gen.NewCreateCustomToolRequest(server, agentID, body)
	})
}

// UpdateCustomTool changes the description or parameters of the tool
// named toolName. The name itself cannot change: delete the tool and
// create it again.
func (s *AgentsService) UpdateCustomTool(ctx context.Context, agentID, toolName string, p CustomToolUpdateParams, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "toolName", toolName); err != nil {
		return err
	}
	body, err := p.toGen()
	if err != nil {
		return err
	}
	var out applied
	err = callInto(ctx, s.c, opts, "updateCustomTool", func(server string) (*http.Request, error) {
		return gen.NewUpdateCustomToolRequest(server, agentID, toolName, body)
	}, &out)
	return checkApplied("updateCustomTool", err, out.Success)
}

// DeleteCustomTool removes the tool named toolName from the agent: its
// LLM can no longer call it, and its definition is gone. A DELETE is
// retried on a 5xx answer; when the retry finds the tool already gone
// (404), the first attempt may have deleted it, and DeleteCustomTool
// returns an *AmbiguousResultError.
func (s *AgentsService) DeleteCustomTool(ctx context.Context, agentID, toolName string, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "toolName", toolName); err != nil {
		return err
	}
	var out applied
	err := callInto(ctx, s.c, opts, "deleteCustomTool", func(server string) (*http.Request, error) {
		return gen.NewDeleteCustomToolRequest(server, agentID, toolName)
	}, &out)
	return checkApplied("deleteCustomTool", err, out.Success)
}
