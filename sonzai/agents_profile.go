package sonzai

import (
	"context"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// AgentProfileUpdateParams changes an agent's profile with
// AgentsService.UpdateProfile. Only what is set is sent: a nil field leaves
// the profile's value as it is; a non-nil string is sent even when empty
// (Ptr("") clears a bio or prompt); a non-nil empty list clears it. At
// least one field must be set.
type AgentProfileUpdateParams struct {
	// Name renames the agent; it cannot be cleared.
	Name *string `json:"name"`
	// Bio replaces the agent's biography.
	Bio *string `json:"bio"`
	// PersonalityPrompt replaces the agent's identity and instructions.
	PersonalityPrompt *string `json:"personality_prompt"`
	// SpeechPatterns, TrueInterests and TrueDislikes replace those lists.
	SpeechPatterns []string `json:"speech_patterns"`
	TrueInterests  []string `json:"true_interests"`
	TrueDislikes   []string `json:"true_dislikes"`
}

func (p AgentProfileUpdateParams) toGen() (gen.UpdateAgentProfileInputBody, error) {
	body := gen.UpdateAgentProfileInputBody{Name: p.Name, Bio: p.Bio, PersonalityPrompt: p.PersonalityPrompt}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return body, invalid("AgentProfileUpdateParams.Name", "empty; an agent's name cannot be cleared")
	}
	list := func(v []string) *[]string {
		if v == nil {
			return nil
		}
		return &v
	}
	body.SpeechPatterns, body.TrueInterests, body.TrueDislikes = list(p.SpeechPatterns), list(p.TrueInterests), list(p.TrueDislikes)
	if body == (gen.UpdateAgentProfileInputBody{}) {
		return body, invalid("AgentProfileUpdateParams", "nothing to update; set at least one field")
	}
	return body, nil
}

// UpdateProfile changes the profile fields p sets and leaves the others as
// they are. It is a PATCH: not retried once the request may have reached
// the server. Read the result with Get.
func (s *AgentsService) UpdateProfile(ctx context.Context, agentID string, p AgentProfileUpdateParams, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	body, err := p.toGen()
	if err != nil {
		return err
	}
	var out applied
	err = callInto(ctx, s.c, opts, "updateAgentProfile", func(server string) (*http.Request, error) {
		return gen.NewUpdateAgentProfileRequest(server, agentID, body)
	}, &out)
	return checkApplied("updateAgentProfile", err, out.Success)
}

// AgentStatus is whether an agent is active, as SetActive stored it.
type AgentStatus struct {
	// Success is true when the status was stored.
	Success bool `json:"success"`
	// AgentID is the agent's UUID.
	AgentID string `json:"agent_id"`
	// IsActive is the agent's new status.
	IsActive bool `json:"is_active"`
}

// agentStatusBody is the wire shape of setAgentStatus's body.
type agentStatusBody struct {
	IsActive bool `json:"is_active"`
}

// SetActive activates (true) or deactivates (false) an agent; Agent.IsActive
// then reads the same. Deactivating keeps everything the agent knows.
// Setting the same status twice is harmless.
func (s *AgentsService) SetActive(ctx context.Context, agentID string, active bool, opts ...Option) (*AgentStatus, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[AgentStatus](ctx, s.c, opts, "setAgentStatus", func(server string) (*http.Request, error) {
		return gen.NewSetAgentStatusRequest(server, agentID, gen.SetAgentStatusInputBody{IsActive: active})
	})
}

// PostProcessingModelParams says which chat model
// AgentsService.GetPostProcessingModel resolves the post-processing model
// for.
type PostProcessingModelParams struct {
	// ChatModel is the model the agent chats with. Required.
	ChatModel string
}

// PostProcessingModel is the model that runs an agent's post-processing
// (extraction after a turn or session) once every override is applied.
type PostProcessingModel struct {
	// Provider and Model name the model.
	Provider string `json:"provider"`
	Model    string `json:"model"`
	// Temperature and MaxTokens are its settings.
	Temperature float64 `json:"temperature"`
	MaxTokens   int64   `json:"max_tokens"`
}

// GetPostProcessingModel resolves which model post-processes the agent's
// conversations when it chats with p.ChatModel: the agent's override
// (UpdatePostProcessingModel) when it has one, otherwise the project's,
// account's or platform's choice. Nothing is run.
func (s *AgentsService) GetPostProcessingModel(ctx context.Context, agentID string, p PostProcessingModelParams, opts ...Option) (*PostProcessingModel, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.ChatModel) == "" {
		return nil, invalid("PostProcessingModelParams.ChatModel", "empty; the resolution depends on the chat model")
	}
	return call[PostProcessingModel](ctx, s.c, opts, "getEffectivePostProcessingModel", func(server string) (*http.Request, error) {
		return gen.NewGetEffectivePostProcessingModelRequest(server, agentID, &gen.GetEffectivePostProcessingModelParams{ChatModel: p.ChatModel})
	})
}

// PostProcessingModelUpdateParams sets or clears an agent's
// post-processing model override with
// AgentsService.UpdatePostProcessingModel. Provider and Model go together:
// set both to a model to override, or both to Ptr("") to clear the
// override (the project's or account's choice applies again).
type PostProcessingModelUpdateParams struct {
	// Provider and Model name the override's model. Both required.
	Provider *string `json:"post_processing_provider"`
	Model    *string `json:"post_processing_model"`
}

// PostProcessingModelOverride is an agent's post-processing override as
// stored; empty Provider and Model mean none.
type PostProcessingModelOverride struct {
	// Success is true when the override was stored.
	Success bool `json:"success"`
	// Provider and Model are the override.
	Provider string `json:"post_processing_provider"`
	Model    string `json:"post_processing_model"`
}

func (p PostProcessingModelUpdateParams) toGen() (gen.UpdateAgentPostProcessingModelInputBody, error) {
	const at = "PostProcessingModelUpdateParams."
	if p.Provider == nil || p.Model == nil {
		return gen.UpdateAgentPostProcessingModelInputBody{}, invalid(at+"Provider/"+at+"Model", "set both: a model with its provider, or both to \"\" to clear the override")
	}
	if err := modelPair(at, *p.Provider, *p.Model); err != nil {
		return gen.UpdateAgentPostProcessingModelInputBody{}, err
	}
	return gen.UpdateAgentPostProcessingModelInputBody{PostProcessingProvider: p.Provider, PostProcessingModel: p.Model}, nil
}

// UpdatePostProcessingModel sets or clears the agent's own post-processing
// model, which comes before the project's, the account's and the
// platform's. Setting the same override twice is harmless.
func (s *AgentsService) UpdatePostProcessingModel(ctx context.Context, agentID string, p PostProcessingModelUpdateParams, opts ...Option) (*PostProcessingModelOverride, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[PostProcessingModelOverride](ctx, s.c, opts, "updateAgentPostProcessingModel", func(server string) (*http.Request, error) {
		return gen.NewUpdateAgentPostProcessingModelRequest(server, agentID, body)
	})
}
