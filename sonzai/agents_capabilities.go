package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// KnowledgeBaseScopeMode says which knowledge bases an agent searches.
type KnowledgeBaseScopeMode string

// The knowledge-base scope modes.
const (
	KnowledgeBaseProjectOnly KnowledgeBaseScopeMode = "project_only"
	KnowledgeBaseOrgOnly     KnowledgeBaseScopeMode = "org_only"
	KnowledgeBaseCascade     KnowledgeBaseScopeMode = "cascade"
	KnowledgeBaseUnion       KnowledgeBaseScopeMode = "union"
)

// MemoryMode says whether an agent's memory writes happen before the
// answer (sync) or after it (async).
type MemoryMode string

// The memory modes.
const (
	MemorySync  MemoryMode = "sync"
	MemoryAsync MemoryMode = "async"
)

// Capabilities are an agent's abilities and built-in tools as stored, read
// with AgentsService.GetCapabilities. A flag the server leaves out reads
// false.
type Capabilities struct {
	// VoiceGeneration, ImageGeneration, VideoGeneration and MusicGeneration
	// say which media the agent can generate; the matching ...UnlockedAt is
	// when the ability was unlocked, zero when it was not.
	VoiceGeneration bool      `json:"voiceGeneration"`
	ImageGeneration bool      `json:"imageGeneration"`
	VideoGeneration bool      `json:"videoGeneration"`
	MusicGeneration bool      `json:"musicGeneration"`
	VoiceUnlockedAt time.Time `json:"voiceUnlockedAt"`
	ImageUnlockedAt time.Time `json:"imageUnlockedAt"`
	VideoUnlockedAt time.Time `json:"videoUnlockedAt"`
	MusicUnlockedAt time.Time `json:"musicUnlockedAt"`
	// VoiceID and VoiceTier are the agent's voice, when it has one.
	VoiceID   string `json:"voiceId"`
	VoiceTier int64  `json:"voiceTier"`
	// WebSearch lets the agent search the web.
	WebSearch bool `json:"webSearch"`
	// RememberName lets the agent store the user's name.
	RememberName bool `json:"rememberName"`
	// Inventory lets the agent keep an inventory.
	Inventory bool `json:"inventory"`
	// KnowledgeBase and KnowledgeBaseWrite let the agent read and add to the
	// knowledge base; KnowledgeBaseProjectID is the project whose base it
	// uses and KnowledgeBaseScopeMode which bases it searches.
	KnowledgeBase          bool                   `json:"knowledgeBase"`
	KnowledgeBaseWrite     bool                   `json:"knowledgeBaseWrite"`
	KnowledgeBaseProjectID string                 `json:"knowledgeBaseProjectId"`
	KnowledgeBaseScopeMode KnowledgeBaseScopeMode `json:"knowledgeBaseScopeMode"`
	// MemoryMode is sync or async memory writes.
	MemoryMode MemoryMode `json:"memoryMode"`
	// ProactiveMode says how freely the agent reaches out on its own.
	ProactiveMode ProactiveMode `json:"proactiveMode"`
	// SharedMemory lets the agent's instances share memories.
	SharedMemory bool `json:"sharedMemory"`
	// Skills and AutoLearnSkills let the agent use skills and learn new ones.
	Skills          bool `json:"skills"`
	AutoLearnSkills bool `json:"autoLearnSkills"`
	// Wisdom lets the agent draw on accumulated wisdom.
	Wisdom bool `json:"wisdom"`
	// Composio lets the agent call Composio integrations.
	Composio bool `json:"composio"`
	// CatalogBooking and CatalogGrounding let the agent book from and ground
	// its answers in a catalog.
	CatalogBooking   bool `json:"catalogBooking"`
	CatalogGrounding bool `json:"catalogGrounding"`
	// RepCopilot is set for agents that assist a human representative.
	RepCopilot bool `json:"repCopilot"`
	// MCPEnabled lists the MCP servers the agent may use.
	MCPEnabled []string `json:"mcp_enabled"`
	// CustomTools are the agent's own tools (AgentsService.CreateCustomTool).
	CustomTools []CustomTool `json:"customTools"`
	// PendingCapabilities are abilities waiting to be unlocked.
	PendingCapabilities []PendingCapability `json:"pendingCapabilities"`
}

// PendingCapability is an ability waiting to be unlocked.
type PendingCapability struct {
	// Capability names the ability.
	Capability string `json:"capability"`
	// Context says what it waits for, if the server says.
	Context string `json:"context"`
}

// CapabilitiesUpdateParams changes some of an agent's capabilities with
// AgentsService.UpdateCapabilities (a PATCH). Only what is set is sent: a
// nil flag leaves the ability as it is, a non-nil one is sent even when it
// points to false (use Ptr), an empty enum is not sent, a nil MCPEnabled is
// not sent and an empty non-nil one clears the list. At least one field
// must be set.
type CapabilitiesUpdateParams struct {
	// The flags mean what Capabilities' fields of the same names do.
	WebSearch          *bool `json:"webSearch"`
	RememberName       *bool `json:"rememberName"`
	ImageGeneration    *bool `json:"imageGeneration"`
	Inventory          *bool `json:"inventory"`
	KnowledgeBase      *bool `json:"knowledgeBase"`
	KnowledgeBaseWrite *bool `json:"knowledgeBaseWrite"`
	SharedMemory       *bool `json:"sharedMemory"`
	Skills             *bool `json:"skills"`
	AutoLearnSkills    *bool `json:"autoLearnSkills"`
	Wisdom             *bool `json:"wisdom"`
	Composio           *bool `json:"composio"`
	CatalogBooking     *bool `json:"catalogBooking"`
	CatalogGrounding   *bool `json:"catalogGrounding"`
	// KnowledgeBaseScopeMode, MemoryMode and ProactiveMode are sent when
	// not empty, and must then be one of their constants.
	KnowledgeBaseScopeMode KnowledgeBaseScopeMode `json:"knowledgeBaseScopeMode"`
	MemoryMode             MemoryMode             `json:"memoryMode"`
	ProactiveMode          ProactiveMode          `json:"proactiveMode"`
	// MCPEnabled replaces the MCP servers the agent may use.
	MCPEnabled []string `json:"mcpEnabled"`
}

// CapabilitiesReplaceParams sets all of an agent's capability flags with
// AgentsService.ReplaceCapabilities (a PUT). Every flag is sent: false
// turns an ability off, and MCPEnabled is sent even when nil (as an empty
// list: no MCP servers). Only the three modes are left to the server when
// empty.
type CapabilitiesReplaceParams struct {
	// The flags mean what Capabilities' fields of the same names do.
	WebSearch          bool `json:"webSearch"`
	RememberName       bool `json:"rememberName"`
	ImageGeneration    bool `json:"imageGeneration"`
	Inventory          bool `json:"inventory"`
	KnowledgeBase      bool `json:"knowledgeBase"`
	KnowledgeBaseWrite bool `json:"knowledgeBaseWrite"`
	SharedMemory       bool `json:"sharedMemory"`
	Skills             bool `json:"skills"`
	AutoLearnSkills    bool `json:"autoLearnSkills"`
	Wisdom             bool `json:"wisdom"`
	Composio           bool `json:"composio"`
	CatalogBooking     bool `json:"catalogBooking"`
	CatalogGrounding   bool `json:"catalogGrounding"`
	// KnowledgeBaseScopeMode, MemoryMode and ProactiveMode are sent when
	// not empty, and must then be one of their constants.
	KnowledgeBaseScopeMode KnowledgeBaseScopeMode `json:"knowledgeBaseScopeMode"`
	MemoryMode             MemoryMode             `json:"memoryMode"`
	ProactiveMode          ProactiveMode          `json:"proactiveMode"`
	// MCPEnabled is the complete list of MCP servers the agent may use.
	MCPEnabled []string `json:"mcpEnabled"`
}

// capabilityModes checks and converts the three enums both bodies share.
func capabilityModes(at string, body *gen.UpdateCapabilitiesInputBody, scope KnowledgeBaseScopeMode, memory MemoryMode, proactive ProactiveMode) error {
	switch scope {
	case "":
	case KnowledgeBaseProjectOnly, KnowledgeBaseOrgOnly, KnowledgeBaseCascade, KnowledgeBaseUnion:
		body.KnowledgeBaseScopeMode = (*gen.UpdateCapabilitiesInputBodyKnowledgeBaseScopeMode)(&scope)
	default:
		return invalid(at+"KnowledgeBaseScopeMode", fmt.Sprintf("%q is not one of project_only, org_only, cascade, union", scope))
	}
	switch memory {
	case "":
	case MemorySync, MemoryAsync:
		body.MemoryMode = (*gen.UpdateCapabilitiesInputBodyMemoryMode)(&memory)
	default:
		return invalid(at+"MemoryMode", fmt.Sprintf("%q is not one of sync, async", memory))
	}
	switch proactive {
	case "":
	case ProactiveFull, ProactiveScheduledOnly, ProactiveOff:
		body.ProactiveMode = (*gen.UpdateCapabilitiesInputBodyProactiveMode)(&proactive)
	default:
		return invalid(at+"ProactiveMode", fmt.Sprintf("%q is not one of full, scheduled_only, off", proactive))
	}
	return nil
}

func (p CapabilitiesUpdateParams) toGen() (gen.UpdateCapabilitiesInputBody, error) {
	const at = "CapabilitiesUpdateParams."
	body := gen.UpdateCapabilitiesInputBody{
		WebSearch: p.WebSearch, RememberName: p.RememberName, ImageGeneration: p.ImageGeneration,
		Inventory: p.Inventory, KnowledgeBase: p.KnowledgeBase, KnowledgeBaseWrite: p.KnowledgeBaseWrite,
		SharedMemory: p.SharedMemory, Skills: p.Skills, AutoLearnSkills: p.AutoLearnSkills, Wisdom: p.Wisdom,
		Composio: p.Composio, CatalogBooking: p.CatalogBooking, CatalogGrounding: p.CatalogGrounding,
	}
	if p.MCPEnabled != nil {
		mcp := p.MCPEnabled
		body.McpEnabled = &mcp
	}
	if err := capabilityModes(at, &body, p.KnowledgeBaseScopeMode, p.MemoryMode, p.ProactiveMode); err != nil {
		return body, err
	}
	if body == (gen.UpdateCapabilitiesInputBody{}) {
		return body, invalid("CapabilitiesUpdateParams", "nothing to update; set at least one field")
	}
	return body, nil
}

func (p CapabilitiesReplaceParams) toGen() (gen.UpdateCapabilitiesInputBody, error) {
	mcp := p.MCPEnabled
	if mcp == nil {
		mcp = []string{}
	}
	body := gen.UpdateCapabilitiesInputBody{
		WebSearch: &p.WebSearch, RememberName: &p.RememberName, ImageGeneration: &p.ImageGeneration,
		Inventory: &p.Inventory, KnowledgeBase: &p.KnowledgeBase, KnowledgeBaseWrite: &p.KnowledgeBaseWrite,
		SharedMemory: &p.SharedMemory, Skills: &p.Skills, AutoLearnSkills: &p.AutoLearnSkills, Wisdom: &p.Wisdom,
		Composio: &p.Composio, CatalogBooking: &p.CatalogBooking, CatalogGrounding: &p.CatalogGrounding,
		McpEnabled: &mcp,
	}
	err := capabilityModes("CapabilitiesReplaceParams.", &body, p.KnowledgeBaseScopeMode, p.MemoryMode, p.ProactiveMode)
	return body, err
}

// GetCapabilities reads an agent's capabilities and custom tools.
func (s *AgentsService) GetCapabilities(ctx context.Context, agentID string, opts ...Option) (*Capabilities, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[Capabilities](ctx, s.c, opts, "getCapabilities", func(server string) (*http.Request, error) {
		return gen.NewGetCapabilitiesRequest(server, agentID)
	})
}

// UpdateCapabilities changes the capabilities p sets and leaves the others
// as they are (a PATCH: not retried once the request may have reached the
// server). It returns the capabilities as stored.
func (s *AgentsService) UpdateCapabilities(ctx context.Context, agentID string, p CapabilitiesUpdateParams, opts ...Option) (*Capabilities, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Capabilities](ctx, s.c, opts, "patchCapabilities", func(server string) (*http.Request, error) {
		return gen.NewPatchCapabilitiesRequest(server, agentID, body)
	})
}

// ReplaceCapabilities sets every capability flag of the agent to p's value
// (a PUT, operation updateCapabilities): a flag left false in p is turned
// off. Being idempotent, it is retried like a GET. It returns the
// capabilities as stored. To change a few flags only, use
// UpdateCapabilities.
func (s *AgentsService) ReplaceCapabilities(ctx context.Context, agentID string, p CapabilitiesReplaceParams, opts ...Option) (*Capabilities, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Capabilities](ctx, s.c, opts, "updateCapabilities", func(server string) (*http.Request, error) {
		return gen.NewUpdateCapabilitiesRequest(server, agentID, body)
	})
}
