package sonzai

import (
	"context"
	"net/http"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// AgentModels are the LLMs available for extraction, and the defaults.
type AgentModels struct {
	// DefaultProvider and DefaultModel are used when a call names neither.
	DefaultProvider string `json:"default_provider"`
	DefaultModel    string `json:"default_model"`
	// Providers are the providers to choose from.
	Providers []ModelProvider `json:"providers"`
}

// ModelProvider is one LLM provider.
type ModelProvider struct {
	// Provider is the value to pass as a Provider field, e.g. "gemini".
	Provider string `json:"provider"`
	// ProviderName is the provider's display name.
	ProviderName string `json:"provider_name"`
	// DefaultModel is the provider's default model.
	DefaultModel string `json:"default_model"`
}

// ForAgent lists the LLM providers and models an agent can use for
// extraction, with the defaults used when a call names none.
func (s *ModelsService) ForAgent(ctx context.Context, agentID string, opts ...Option) (*AgentModels, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[AgentModels](ctx, s.c, opts, "getAgentModels", func(server string) (*http.Request, error) {
		return gen.NewGetAgentModelsRequest(server, agentID)
	})
}
