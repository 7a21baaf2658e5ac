package sonzaitest

import (
	"context"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The Agents tag's settings: capabilities, custom tools, profile, status
// and the post-processing model.

func (h *api) GetCapabilities(_ context.Context, req fakeserver.GetCapabilitiesRequestObject) (fakeserver.GetCapabilitiesResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetCapabilities200JSONResponse(a.capabilities()), nil
}

func (h *api) PatchCapabilities(_ context.Context, req fakeserver.PatchCapabilitiesRequestObject) (fakeserver.PatchCapabilitiesResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	a.applyCapabilities(req.Body)
	return fakeserver.PatchCapabilities200JSONResponse(a.capabilities()), nil
}

func (h *api) UpdateCapabilities(_ context.Context, req fakeserver.UpdateCapabilitiesRequestObject) (fakeserver.UpdateCapabilitiesResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	a.applyCapabilities(req.Body)
	return fakeserver.UpdateCapabilities200JSONResponse(a.capabilities()), nil
}

func (h *api) ListCustomTools(_ context.Context, req fakeserver.ListCustomToolsRequestObject) (fakeserver.ListCustomToolsResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.ListCustomTools200JSONResponse{Tools: a.customTools()}, nil
}

func (h *api) CreateCustomTool(_ context.Context, req fakeserver.CreateCustomToolRequestObject) (fakeserver.CreateCustomToolResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	switch {
	case strings.TrimSpace(b.Name) == "":
		return nil, failAt(http.StatusUnprocessableEntity, "body.name", b.Name, "a tool needs a name")
	case strings.HasPrefix(b.Name, "sonzai_"):
		return nil, failAt(http.StatusUnprocessableEntity, "body.name", b.Name, "tool names starting with sonzai_ are reserved")
	case strings.TrimSpace(b.Description) == "":
		return nil, failAt(http.StatusUnprocessableEntity, "body.description", b.Description, "a tool needs a description")
	}
	if _, t := a.tool(b.Name); t != nil {
		return nil, failAt(http.StatusConflict, "body.name", b.Name, "the agent already has a tool named %q", b.Name)
	}
	t := &customTool{name: b.Name, description: b.Description, params: b.Parameters}
	if t.params == nil {
		t.params = map[string]any{"type": "object", "properties": map[string]any{}}
	}
	a.settings.tools = append(a.settings.tools, t)
	return fakeserver.CreateCustomTool200JSONResponse(t.toGen()), nil
}

func (h *api) UpdateCustomTool(_ context.Context, req fakeserver.UpdateCustomToolRequestObject) (fakeserver.UpdateCustomToolResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	_, t := a.tool(req.ToolName)
	if t == nil {
		return nil, fail(http.StatusNotFound, "custom tool %q not found", req.ToolName)
	}
	if d := req.Body.Description; d != nil {
		if strings.TrimSpace(*d) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.description", *d, "a tool needs a description")
		}
		t.description = *d
	}
	if p := req.Body.Parameters; p != nil {
		t.params = *p
	}
	return fakeserver.UpdateCustomTool200JSONResponse{Success: true}, nil
}

func (h *api) DeleteCustomTool(_ context.Context, req fakeserver.DeleteCustomToolRequestObject) (fakeserver.DeleteCustomToolResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	i, t := a.tool(req.ToolName)
	if t == nil {
		return nil, fail(http.StatusNotFound, "custom tool %q not found", req.ToolName)
	}
	a.settings.tools = append(a.settings.tools[:i:i], a.settings.tools[i+1:]...)
	return fakeserver.DeleteCustomTool200JSONResponse{Success: true}, nil
}

func (h *api) UpdateAgentProfile(_ context.Context, req fakeserver.UpdateAgentProfileRequestObject) (fakeserver.UpdateAgentProfileResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if b.Name != nil {
		if strings.TrimSpace(*b.Name) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.name", *b.Name, "an agent needs a name")
		}
		if other := st.agentNamed(*b.Name); other != nil && other != a {
			return nil, failAt(http.StatusConflict, "body.name", *b.Name, "an agent named %q already exists with id %q", *b.Name, other.id)
		}
		a.name = *b.Name
	}
	if b.Bio != nil {
		a.bio = *b.Bio
	}
	if b.PersonalityPrompt != nil {
		a.prompt = *b.PersonalityPrompt
	}
	setList := func(dst *[]string, v *[]string) {
		if v != nil {
			*dst = append([]string(nil), (*v)...)
		}
	}
	setList(&a.speech, b.SpeechPatterns)
	setList(&a.trueInterests, b.TrueInterests)
	setList(&a.dislikes, b.TrueDislikes)
	return fakeserver.UpdateAgentProfile200JSONResponse{Success: true}, nil
}

func (h *api) SetAgentStatus(_ context.Context, req fakeserver.SetAgentStatusRequestObject) (fakeserver.SetAgentStatusResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	a.settings.inactive = !req.Body.IsActive
	return fakeserver.SetAgentStatus200JSONResponse{Success: true, AgentId: a.id, IsActive: req.Body.IsActive}, nil
}

func (h *api) UpdateAgentPostProcessingModel(_ context.Context, req fakeserver.UpdateAgentPostProcessingModelRequestObject) (fakeserver.UpdateAgentPostProcessingModelResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	s := &a.settings
	if p := req.Body.PostProcessingProvider; p != nil {
		s.ppProvider = *p
	}
	if m := req.Body.PostProcessingModel; m != nil {
		s.ppModel = *m
	}
	if (s.ppProvider == "") != (s.ppModel == "") {
		return nil, failAt(http.StatusUnprocessableEntity, "body", req.Body, "an override names both a provider and a model, or neither to clear it")
	}
	return fakeserver.UpdateAgentPostProcessingModel200JSONResponse{Success: true,
		PostProcessingProvider: s.ppProvider, PostProcessingModel: s.ppModel}, nil
}

// GetEffectivePostProcessingModel resolves the agent's override, falling
// back to the chat model itself (on the default provider).
func (h *api) GetEffectivePostProcessingModel(_ context.Context, req fakeserver.GetEffectivePostProcessingModelRequestObject) (fakeserver.GetEffectivePostProcessingModelResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	chat := req.Params.ChatModel
	if strings.TrimSpace(chat) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "query.chat_model", chat, "the chat model to resolve for is required")
	}
	out := gen.EffectivePostProcessingModelOutputBody{Provider: defaultProvider, Model: chat, Temperature: 0.2, MaxTokens: 4096}
	if a.settings.ppModel != "" {
		out.Provider, out.Model = a.settings.ppProvider, a.settings.ppModel
	}
	return fakeserver.GetEffectivePostProcessingModel200JSONResponse(out), nil
}
