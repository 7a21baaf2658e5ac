package sonzaitest

import "github.com/sonzai-oss/sonzai-go/gen"

// agentSettings is what the fake keeps per agent for the Agents tag's
// settings operations: capability flags, custom tools, the active flag and
// the post-processing model override. The zero value is an active agent
// with every flag off and no override. The proactive mode and MCP servers
// live on the agent itself (mode, mcp), shared with getAgent.
type agentSettings struct {
	inactive   bool
	flags      map[string]bool // by wire name (webSearch, ...); absent is false
	scopeMode  string
	memoryMode string
	tools      []*customTool
	ppProvider string // the agent-scope post-processing override; "" for none
	ppModel    string
	avatars    int // avatars generated, for distinct URLs
}

type customTool struct {
	name, description string
	params            any
}

// applyCapabilities stores what a capabilities body sets; PATCH and PUT
// both change only the fields present, as the server does.
func (a *agent) applyCapabilities(b *gen.UpdateCapabilitiesInputBody) {
	s := &a.settings
	if s.flags == nil {
		s.flags = map[string]bool{}
	}
	set := func(name string, v *bool) {
		if v != nil {
			s.flags[name] = *v
		}
	}
	set("webSearch", b.WebSearch)
	set("rememberName", b.RememberName)
	set("imageGeneration", b.ImageGeneration)
	set("inventory", b.Inventory)
	set("knowledgeBase", b.KnowledgeBase)
	set("knowledgeBaseWrite", b.KnowledgeBaseWrite)
	set("sharedMemory", b.SharedMemory)
	set("skills", b.Skills)
	set("autoLearnSkills", b.AutoLearnSkills)
	set("wisdom", b.Wisdom)
	set("composio", b.Composio)
	set("catalogBooking", b.CatalogBooking)
	set("catalogGrounding", b.CatalogGrounding)
	if b.KnowledgeBaseScopeMode != nil {
		s.scopeMode = string(*b.KnowledgeBaseScopeMode)
	}
	if b.MemoryMode != nil {
		s.memoryMode = string(*b.MemoryMode)
	}
	if b.ProactiveMode != nil {
		a.mode = string(*b.ProactiveMode)
	}
	if b.McpEnabled != nil {
		a.mcp = append([]string(nil), (*b.McpEnabled)...)
	}
}

// capabilities is the agent's getCapabilities answer: every flag is sent.
func (a *agent) capabilities() gen.AgentCapabilities {
	s := &a.settings
	flag := func(name string) *bool { return ptr2(s.flags[name]) }
	scope, memory := s.scopeMode, s.memoryMode
	if scope == "" {
		scope = "cascade"
	}
	if memory == "" {
		memory = "sync"
	}
	c := gen.AgentCapabilities{
		WebSearch: flag("webSearch"), RememberName: flag("rememberName"), ImageGeneration: s.flags["imageGeneration"],
		Inventory: flag("inventory"), KnowledgeBase: flag("knowledgeBase"), KnowledgeBaseWrite: flag("knowledgeBaseWrite"),
		SharedMemory: flag("sharedMemory"), Skills: flag("skills"), AutoLearnSkills: flag("autoLearnSkills"),
		Wisdom: flag("wisdom"), Composio: flag("composio"), CatalogBooking: flag("catalogBooking"),
		CatalogGrounding: flag("catalogGrounding"), RepCopilot: ptr2(false),
		KnowledgeBaseProjectId: a.projectID, KnowledgeBaseScopeMode: scope, MemoryMode: memory,
		ProactiveMode: a.mode, McpEnabled: nonEmpty(a.mcp), CustomTools: a.customTools(),
	}
	return c
}

func (a *agent) customTools() []gen.CustomToolDefinition {
	out := make([]gen.CustomToolDefinition, len(a.settings.tools))
	for i, t := range a.settings.tools {
		out[i] = t.toGen()
	}
	return out
}

func (t *customTool) toGen() gen.CustomToolDefinition {
	return gen.CustomToolDefinition{Name: t.name, Description: t.description, Parameters: t.params}
}

func (a *agent) tool(name string) (int, *customTool) {
	for i, t := range a.settings.tools {
		if t.name == name {
			return i, t
		}
	}
	return -1, nil
}

// clone is a copy of the settings that shares nothing with s.
func (s agentSettings) clone() agentSettings {
	c := s
	c.flags = make(map[string]bool, len(s.flags))
	for k, v := range s.flags {
		c.flags[k] = v
	}
	c.tools = make([]*customTool, len(s.tools))
	for i, t := range s.tools {
		cp := *t
		c.tools[i] = &cp
	}
	return c
}
