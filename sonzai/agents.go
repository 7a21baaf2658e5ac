package sonzai

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// Agent is an agent's full profile, as stored.
type Agent struct {
	// AgentID is the agent's UUID.
	AgentID string `json:"agent_id"`
	// Name is the agent's name; it can stand in for AgentID in every call.
	Name string `json:"name"`
	// TenantID is the tenant that owns the agent.
	TenantID string `json:"tenant_id"`
	// ProjectID is the project the agent belongs to.
	ProjectID string `json:"project_id"`
	// OwnerUserID is the account that created the agent.
	OwnerUserID string `json:"owner_user_id"`
	// OwnerDisplayName is that account's display name.
	OwnerDisplayName string `json:"owner_display_name"`
	// OwnerEmail is that account's e-mail address.
	OwnerEmail string `json:"owner_email"`
	// InstanceCount is how many instances the agent has.
	InstanceCount int64 `json:"instance_count"`
	// IsActive is false for a disabled agent.
	IsActive bool `json:"is_active"`
	// ProactiveMode says how freely the agent reaches out on its own
	// ("full", "scheduled_only" or "off").
	ProactiveMode string `json:"proactive_mode"`
	// MCPEnabled lists the MCP servers the agent may use.
	MCPEnabled []string `json:"mcp_enabled"`
	// Gender is the agent's gender, free text.
	Gender string `json:"gender"`
	// Bio is the agent's biography.
	Bio string `json:"bio"`
	// AvatarURL is where the agent's picture lives.
	AvatarURL string `json:"avatar_url"`
	// PersonalityPrompt is the agent's identity and instructions.
	PersonalityPrompt string `json:"personality_prompt"`
	// SpeechPatterns describe how the agent talks.
	SpeechPatterns []string `json:"speech_patterns"`
	// TrueInterests are what the agent genuinely likes.
	TrueInterests []string `json:"true_interests"`
	// TrueDislikes are what the agent genuinely dislikes.
	TrueDislikes []string `json:"true_dislikes"`
	// PrimaryTraits are the agent's defining traits.
	PrimaryTraits []string `json:"primary_traits"`
	// Big5 is the agent's Big Five assessment; nil when the server sent none.
	Big5 *Big5Assessment `json:"big5"`
	// Dimensions are the ten Big Five aspects; nil when absent.
	Dimensions *PersonalityDimensions `json:"dimensions"`
	// Preferences are the agent's conversational preferences; nil when absent.
	Preferences *InteractionPreferences `json:"preferences"`
	// Behaviors are the agent's behavioral tendencies; nil when absent.
	Behaviors *BehaviorTraits `json:"behaviors"`
	// LastSeenAt is the agent's latest activity; zero when never seen.
	LastSeenAt time.Time `json:"last_seen_at"`
	// CreatedAt is when the agent was created.
	CreatedAt time.Time `json:"created_at"`
}

// AgentSummary is an agent as it appears in a list.
type AgentSummary struct {
	// AgentID is the agent's UUID.
	AgentID string `json:"agent_id"`
	// Name is the agent's name.
	Name string `json:"name"`
	// TenantID is the tenant that owns the agent.
	TenantID string `json:"tenant_id"`
	// ProjectID is the project the agent belongs to.
	ProjectID string `json:"project_id"`
	// OwnerUserID is the account that created the agent.
	OwnerUserID string `json:"owner_user_id"`
	// OwnerDisplayName is that account's display name.
	OwnerDisplayName string `json:"owner_display_name"`
	// OwnerEmail is that account's e-mail address.
	OwnerEmail string `json:"owner_email"`
	// InstanceCount is how many instances the agent has.
	InstanceCount int64 `json:"instance_count"`
	// IsActive is false for a disabled agent.
	IsActive bool `json:"is_active"`
	// ProactiveMode says how freely the agent reaches out on its own.
	ProactiveMode string `json:"proactive_mode"`
	// MCPEnabled lists the MCP servers the agent may use.
	MCPEnabled []string `json:"mcp_enabled"`
	// LastSeenAt is the agent's latest activity; zero when never seen.
	LastSeenAt time.Time `json:"last_seen_at"`
	// CreatedAt is when the agent was created.
	CreatedAt time.Time `json:"created_at"`
}

// AgentPage is one page of a list of agents.
type AgentPage struct {
	// Items are the agents on this page.
	Items []AgentSummary `json:"items"`
	// HasMore is true when another page follows.
	HasMore bool `json:"has_more"`
	// NextCursor is what to pass as AgentListParams.Cursor for the next page.
	NextCursor string `json:"next_cursor"`
	// TotalCount is the number of matching agents, computed only when
	// AgentListParams.IncludeCount was set.
	TotalCount int64 `json:"total_count"`
}

// AgentDeleteResult says what deleting an agent removed.
type AgentDeleteResult struct {
	// Success is true when every store was cleaned up.
	Success bool `json:"success"`
	// Status is the server's summary of the deletion.
	Status string `json:"status"`
	// Deleted counts the removed records, per store.
	Deleted map[string]int64 `json:"deleted"`
	// Errors lists the stores that could not be cleaned up, and why.
	Errors []string `json:"errors"`
}

// Big5Assessment is an agent's Big Five personality assessment.
type Big5Assessment struct {
	// Openness is openness to experience.
	Openness Big5Trait `json:"openness"`
	// Conscientiousness is conscientiousness.
	Conscientiousness Big5Trait `json:"conscientiousness"`
	// Extraversion is extraversion.
	Extraversion Big5Trait `json:"extraversion"`
	// Agreeableness is agreeableness.
	Agreeableness Big5Trait `json:"agreeableness"`
	// Neuroticism is neuroticism.
	Neuroticism Big5Trait `json:"neuroticism"`
}

// Big5Trait is one Big Five trait: a score and how sure the model is.
type Big5Trait struct {
	// Score is the trait's strength.
	Score float64 `json:"score"`
	// Confidence is how sure the model is of Score.
	Confidence float64 `json:"confidence"`
	// Level is a label for Score, e.g. "high".
	Level string `json:"level"`
	// Facets are the trait's facets that stand out.
	Facets []string `json:"facets"`
}

// Big5Scores are the Big Five scores to create an agent with, each
// typically between 0 and 1.
type Big5Scores struct {
	// Openness is openness to experience.
	Openness float64 `json:"openness"`
	// Conscientiousness is diligence and orderliness.
	Conscientiousness float64 `json:"conscientiousness"`
	// Extraversion is sociability and energy.
	Extraversion float64 `json:"extraversion"`
	// Agreeableness is warmth and cooperation.
	Agreeableness float64 `json:"agreeableness"`
	// Neuroticism is emotional instability.
	Neuroticism float64 `json:"neuroticism"`
}

// PersonalityDimensions are the ten aspects of the Big Five, two per trait.
type PersonalityDimensions struct {
	// Intellect is the openness aspect of ideas and reasoning.
	Intellect float64 `json:"intellect"`
	// Aesthetic is the openness aspect of art and experience.
	Aesthetic float64 `json:"aesthetic"`
	// Industriousness is the conscientiousness aspect of drive.
	Industriousness float64 `json:"industriousness"`
	// Orderliness is the conscientiousness aspect of structure.
	Orderliness float64 `json:"orderliness"`
	// Enthusiasm is the extraversion aspect of sociable joy.
	Enthusiasm float64 `json:"enthusiasm"`
	// Assertiveness is the extraversion aspect of taking the lead.
	Assertiveness float64 `json:"assertiveness"`
	// Compassion is the agreeableness aspect of caring.
	Compassion float64 `json:"compassion"`
	// Politeness is the agreeableness aspect of courtesy.
	Politeness float64 `json:"politeness"`
	// Withdrawal is the neuroticism aspect of anxiety and retreat.
	Withdrawal float64 `json:"withdrawal"`
	// Volatility is the neuroticism aspect of quick mood swings.
	Volatility float64 `json:"volatility"`
}

// InteractionPreferences describe how an agent likes to converse.
type InteractionPreferences struct {
	// ConversationPace is how fast the agent moves a conversation along.
	ConversationPace string `json:"conversation_pace"`
	// Formality is how formal the agent's language is.
	Formality string `json:"formality"`
	// HumorStyle is the kind of humor the agent uses.
	HumorStyle string `json:"humor_style"`
	// EmotionalExpression is how openly the agent shows feelings.
	EmotionalExpression string `json:"emotional_expression"`
}

// BehaviorTraits describe an agent's conversational habits.
type BehaviorTraits struct {
	// ResponseLength is how long the agent's answers tend to be.
	ResponseLength string `json:"response_length"`
	// QuestionFrequency is how often the agent asks questions.
	QuestionFrequency string `json:"question_frequency"`
	// EmpathyStyle is how the agent shows empathy.
	EmpathyStyle string `json:"empathy_style"`
	// ConflictApproach is how the agent handles disagreement.
	ConflictApproach string `json:"conflict_approach"`
}

// ProactiveMode says how freely an agent reaches out on its own.
type ProactiveMode string

// The proactive modes.
const (
	ProactiveFull          ProactiveMode = "full"
	ProactiveScheduledOnly ProactiveMode = "scheduled_only"
	ProactiveOff           ProactiveMode = "off"
)

// AgentCapabilities are the agent's optional abilities. When set on
// AgentCreateParams, every flag is sent: false turns an ability off.
type AgentCapabilities struct {
	// ImageGeneration lets the agent generate images.
	ImageGeneration bool `json:"image_generation"`
	// Inventory lets the agent keep an inventory.
	Inventory bool `json:"inventory"`
}

// AgentToolCapabilities are the built-in tools the agent may use. When set
// on AgentCreateParams, every flag is sent: false turns a tool off.
type AgentToolCapabilities struct {
	// WebSearch lets the agent search the web.
	WebSearch bool `json:"web_search"`
	// RememberName lets the agent store the user's name.
	RememberName bool `json:"remember_name"`
	// ImageGeneration lets the agent generate images.
	ImageGeneration bool `json:"image_generation"`
	// Inventory lets the agent manage an inventory.
	Inventory bool `json:"inventory"`
	// KnowledgeBase lets the agent read the knowledge base.
	KnowledgeBase bool `json:"knowledge_base"`
	// KnowledgeBaseWrite lets the agent add to the knowledge base.
	KnowledgeBaseWrite bool `json:"knowledge_base_write"`
	// KnowledgeBaseScopeMode is which knowledge bases are searched: one of
	// "project_only", "org_only", "cascade" or "union"; empty leaves it to
	// the server.
	KnowledgeBaseScopeMode string `json:"knowledge_base_scope_mode"`
	// MemoryMode is "sync" or "async" memory writes; empty leaves it to the
	// server.
	MemoryMode string `json:"memory_mode"`
	// SharedMemory lets the agent's instances share memories.
	SharedMemory bool `json:"shared_memory"`
	// Skills lets the agent use skills.
	Skills bool `json:"skills"`
	// AutoLearnSkills lets the agent learn new skills on its own.
	AutoLearnSkills bool `json:"auto_learn_skills"`
	// Wisdom lets the agent draw on accumulated wisdom.
	Wisdom bool `json:"wisdom"`
	// Composio lets the agent call Composio integrations.
	Composio bool `json:"composio"`
	// CatalogBooking lets the agent book items from a catalog.
	CatalogBooking bool `json:"catalog_booking"`
	// CatalogGrounding lets the agent ground answers in a catalog.
	CatalogGrounding bool `json:"catalog_grounding"`
	// MCPEnabled lists the MCP servers the agent may use.
	MCPEnabled []string `json:"mcp_enabled"`
}

// InitialGoal is a goal to create an agent with.
type InitialGoal struct {
	// Type is the kind of goal.
	Type string `json:"type"`
	// Title names the goal. Required.
	Title string `json:"title"`
	// Description explains the goal.
	Description string `json:"description"`
	// Priority ranks the goal against the others.
	Priority int64 `json:"priority"`
	// RelatedTraits are the personality traits the goal expresses.
	RelatedTraits []string `json:"related_traits"`
}

// SeedMemory is a fact the agent starts out remembering.
type SeedMemory struct {
	// Content is the fact. Required.
	Content string `json:"content"`
	// FactType is the kind of fact.
	FactType string `json:"fact_type"`
	// Importance weighs the fact in recall.
	Importance float64 `json:"importance"`
	// Entities are the people, places and things the fact mentions.
	Entities []string `json:"entities"`
}

// LoreContext is the world an agent's backstory is generated in.
type LoreContext struct {
	// WorldDescription describes the world. Required.
	WorldDescription string `json:"world_description"`
	// OriginPromptInstructions steer the generated origin story.
	OriginPromptInstructions string `json:"origin_prompt_instructions"`
	// EntityTerminology maps generic terms to the world's own words.
	EntityTerminology map[string]string `json:"entity_terminology"`
}

// AgentCreateParams creates an agent, or updates the agent with the same
// AgentID or Name. Empty fields are not sent, so on an update they keep
// their stored values. The json tags document the wire names; the SDK
// converts the struct itself.
type AgentCreateParams struct {
	// Name is the agent's name. Required.
	Name string `json:"name"`
	// AgentID is an id to create the agent with, or of the agent to update.
	AgentID string `json:"agent_id"`
	// ProjectID is the project to create the agent in; by default the API
	// key's own.
	ProjectID string `json:"project_id"`
	// UserID and UserDisplayName name the user the agent is created for.
	UserID          string `json:"user_id"`
	UserDisplayName string `json:"user_display_name"`
	// Language is the agent's language.
	Language string `json:"language"`
	// Gender, Bio and AvatarURL describe the agent.
	Gender    string `json:"gender"`
	Bio       string `json:"bio"`
	AvatarURL string `json:"avatar_url"`
	// PersonalityPrompt is the agent's identity and instructions.
	PersonalityPrompt string `json:"personality_prompt"`
	// SpeechPatterns, TrueInterests, TrueDislikes and PrimaryTraits
	// describe the agent's character.
	SpeechPatterns []string `json:"speech_patterns"`
	TrueInterests  []string `json:"true_interests"`
	TrueDislikes   []string `json:"true_dislikes"`
	PrimaryTraits  []string `json:"primary_traits"`
	// Big5, Dimensions, Preferences and Behaviors set the personality model.
	Big5        *Big5Scores             `json:"big5"`
	Dimensions  *PersonalityDimensions  `json:"dimensions"`
	Preferences *InteractionPreferences `json:"preferences"`
	Behaviors   *BehaviorTraits         `json:"behaviors"`
	// Capabilities and ToolCapabilities switch abilities and tools on and off.
	Capabilities     *AgentCapabilities     `json:"capabilities"`
	ToolCapabilities *AgentToolCapabilities `json:"tool_capabilities"`
	// InitialGoals are goals the agent starts with.
	InitialGoals []InitialGoal `json:"initial_goals"`
	// SeedMemories are facts the agent starts out remembering.
	SeedMemories []SeedMemory `json:"seed_memories"`
	// LoreGenerationContext is the world the generated backstory is set in.
	LoreGenerationContext *LoreContext `json:"lore_generation_context"`
	// GenerateAvatar, GenerateOriginStory and GeneratePersonalizedMemories
	// ask the server to generate those at creation.
	GenerateAvatar               bool `json:"generate_avatar"`
	GenerateOriginStory          bool `json:"generate_origin_story"`
	GeneratePersonalizedMemories bool `json:"generate_personalized_memories"`
	// ProactiveMode says how freely the agent reaches out on its own.
	ProactiveMode ProactiveMode `json:"proactiveMode"`
}

// Create creates an agent, or updates the one with the same AgentID or
// Name, and returns it as stored.
func (s *AgentsService) Create(ctx context.Context, p AgentCreateParams, opts ...Option) (*Agent, error) {
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Agent](ctx, s.c, opts, "createAgent", func(server string) (*http.Request, error) {
		return gen.NewCreateAgentRequest(server, body)
	})
}

func (p AgentCreateParams) toGen() (gen.CreateAgentBody, error) {
	const at = "AgentCreateParams."
	if p.Name == "" {
		return gen.CreateAgentBody{}, invalid(at+"Name", "empty; an agent needs a name")
	}
	switch p.ProactiveMode {
	case "", ProactiveFull, ProactiveScheduledOnly, ProactiveOff:
	default:
		return gen.CreateAgentBody{}, invalid(at+"ProactiveMode", fmt.Sprintf("%q is not one of full, scheduled_only, off", p.ProactiveMode))
	}
	body := gen.CreateAgentBody{
		Name:                         p.Name,
		AgentId:                      p.AgentID,
		ProjectId:                    p.ProjectID,
		UserId:                       p.UserID,
		UserDisplayName:              p.UserDisplayName,
		Language:                     p.Language,
		Gender:                       p.Gender,
		Bio:                          p.Bio,
		AvatarUrl:                    p.AvatarURL,
		PersonalityPrompt:            p.PersonalityPrompt,
		SpeechPatterns:               nonEmpty(p.SpeechPatterns),
		TrueInterests:                nonEmpty(p.TrueInterests),
		TrueDislikes:                 nonEmpty(p.TrueDislikes),
		PrimaryTraits:                nonEmpty(p.PrimaryTraits),
		GenerateAvatar:               optional(p.GenerateAvatar),
		GenerateOriginStory:          optional(p.GenerateOriginStory),
		GeneratePersonalizedMemories: optional(p.GeneratePersonalizedMemories),
		ProactiveMode:                gen.CreateAgentBodyProactiveMode(p.ProactiveMode),
	}
	// Scores JSON cannot carry (NaN, infinities) are the caller's bad
	// input, refused before anything is built or sent.
	if err := encodable(at+"Big5", p.Big5); err != nil {
		return gen.CreateAgentBody{}, err
	}
	if err := encodable(at+"Dimensions", p.Dimensions); err != nil {
		return gen.CreateAgentBody{}, err
	}
	if b := p.Big5; b != nil {
		body.Big5 = gen.CreateAgentBodyBig5Struct{
			Openness: b.Openness, Conscientiousness: b.Conscientiousness, Extraversion: b.Extraversion,
			Agreeableness: b.Agreeableness, Neuroticism: b.Neuroticism,
		}
	}
	if d := p.Dimensions; d != nil {
		body.Dimensions = gen.CreateAgentBodyDimensionsStruct{
			Intellect: d.Intellect, Aesthetic: d.Aesthetic, Industriousness: d.Industriousness,
			Orderliness: d.Orderliness, Enthusiasm: d.Enthusiasm, Assertiveness: d.Assertiveness,
			Compassion: d.Compassion, Politeness: d.Politeness, Withdrawal: d.Withdrawal, Volatility: d.Volatility,
		}
	}
	if pr := p.Preferences; pr != nil {
		body.Preferences = gen.CreateAgentBodyPreferencesStruct{
			ConversationPace: pr.ConversationPace, Formality: pr.Formality,
			HumorStyle: pr.HumorStyle, EmotionalExpression: pr.EmotionalExpression,
		}
	}
	if b := p.Behaviors; b != nil {
		body.Behaviors = gen.CreateAgentBodyBehaviorsStruct{
			ResponseLength: b.ResponseLength, QuestionFrequency: b.QuestionFrequency,
			EmpathyStyle: b.EmpathyStyle, ConflictApproach: b.ConflictApproach,
		}
	}
	if p.Capabilities != nil {
		c := *p.Capabilities
		body.Capabilities = gen.CreateAgentBodyCapabilitiesStruct{ImageGeneration: c.ImageGeneration, Inventory: &c.Inventory}
	}
	if p.ToolCapabilities != nil {
		tc, err := p.ToolCapabilities.toGen(at + "ToolCapabilities.")
		if err != nil {
			return gen.CreateAgentBody{}, err
		}
		body.ToolCapabilities = tc
	}
	if len(p.InitialGoals) > 0 {
		goals := make([]gen.CreateAgentGoal, len(p.InitialGoals))
		for i, g := range p.InitialGoals {
			if g.Title == "" {
				return gen.CreateAgentBody{}, invalid(at+"InitialGoals["+strconv.Itoa(i)+"].Title", "empty")
			}
			goals[i] = gen.CreateAgentGoal{
				Type: g.Type, Title: g.Title, Description: g.Description, Priority: g.Priority,
				RelatedTraits: nonEmpty(g.RelatedTraits),
			}
		}
		body.InitialGoals = goals
	}
	if len(p.SeedMemories) > 0 {
		mems := make([]gen.CreateAgentSeedMemory, len(p.SeedMemories))
		for i, m := range p.SeedMemories {
			if m.Content == "" {
				return gen.CreateAgentBody{}, invalid(at+"SeedMemories["+strconv.Itoa(i)+"].Content", "empty")
			}
			if err := checkFinite(at+"SeedMemories["+strconv.Itoa(i)+"].Importance", &m.Importance); err != nil {
				return gen.CreateAgentBody{}, err
			}
			mems[i] = gen.CreateAgentSeedMemory{
				Content: m.Content, FactType: m.FactType, Importance: m.Importance,
				Entities: nonEmpty(m.Entities),
			}
		}
		body.SeedMemories = mems
	}
	if l := p.LoreGenerationContext; l != nil {
		if l.WorldDescription == "" {
			return gen.CreateAgentBody{}, invalid(at+"LoreGenerationContext.WorldDescription", "empty")
		}
		body.LoreGenerationContext = gen.CreateAgentLoreContext{
			WorldDescription:         l.WorldDescription,
			OriginPromptInstructions: l.OriginPromptInstructions,
		}
		if len(l.EntityTerminology) > 0 {
			body.LoreGenerationContext.EntityTerminology = l.EntityTerminology
		}
	}
	return body, nil
}

func (t AgentToolCapabilities) toGen(at string) (gen.CreateAgentBodyToolCapabilitiesStruct, error) {
	out := gen.CreateAgentBodyToolCapabilitiesStruct{
		WebSearch:          t.WebSearch,
		RememberName:       t.RememberName,
		ImageGeneration:    t.ImageGeneration,
		Inventory:          &t.Inventory,
		KnowledgeBase:      &t.KnowledgeBase,
		KnowledgeBaseWrite: &t.KnowledgeBaseWrite,
		SharedMemory:       &t.SharedMemory,
		Skills:             &t.Skills,
		AutoLearnSkills:    &t.AutoLearnSkills,
		Wisdom:             &t.Wisdom,
		Composio:           &t.Composio,
		CatalogBooking:     &t.CatalogBooking,
		CatalogGrounding:   &t.CatalogGrounding,
		McpEnabled:         nonEmpty(t.MCPEnabled),
	}
	switch m := gen.CreateAgentBodyToolCapabilitiesStructKnowledgeBaseScopeMode(t.KnowledgeBaseScopeMode); m {
	case "", gen.CreateAgentBodyToolCapabilitiesStructKnowledgeBaseScopeModeProjectOnly,
		gen.CreateAgentBodyToolCapabilitiesStructKnowledgeBaseScopeModeOrgOnly,
		gen.CreateAgentBodyToolCapabilitiesStructKnowledgeBaseScopeModeCascade,
		gen.CreateAgentBodyToolCapabilitiesStructKnowledgeBaseScopeModeUnion:
		out.KnowledgeBaseScopeMode = m
	default:
		return out, invalid(at+"KnowledgeBaseScopeMode", fmt.Sprintf("%q is not one of project_only, org_only, cascade, union", t.KnowledgeBaseScopeMode))
	}
	switch m := gen.CreateAgentBodyToolCapabilitiesStructMemoryMode(t.MemoryMode); m {
	case "", gen.CreateAgentBodyToolCapabilitiesStructMemoryModeSync, gen.CreateAgentBodyToolCapabilitiesStructMemoryModeAsync:
		out.MemoryMode = m
	default:
		return out, invalid(at+"MemoryMode", fmt.Sprintf("%q is not one of sync, async", t.MemoryMode))
	}
	return out, nil
}

// Get reads one agent's profile. agentID is the agent's UUID or its name.
func (s *AgentsService) Get(ctx context.Context, agentID string, opts ...Option) (*Agent, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[Agent](ctx, s.c, opts, "getAgent", func(server string) (*http.Request, error) {
		return gen.NewGetAgentRequest(server, agentID)
	})
}

// Delete deletes an agent and the data kept for it, and reports what was
// removed, store by store.
func (s *AgentsService) Delete(ctx context.Context, agentID string, opts ...Option) (*AgentDeleteResult, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[AgentDeleteResult](ctx, s.c, opts, "deleteAgent", func(server string) (*http.Request, error) {
		return gen.NewDeleteAgentRequest(server, agentID)
	})
}

// AgentListParams filters and pages a list of agents.
type AgentListParams struct {
	// PageSize is how many agents a page holds, at most 100; zero lets the
	// server choose.
	PageSize int
	// Cursor is the NextCursor of the previous page; empty for the first.
	Cursor string
	// Search keeps only agents whose name matches this text.
	Search string
	// ProjectID is the project to list; by default the API key's own.
	ProjectID string
	// IncludeCount asks the server to compute AgentPage.TotalCount.
	IncludeCount bool
}

// maxAgentPages bounds List, so a server that never stops paging cannot
// keep a caller looping forever.
const maxAgentPages = 10_000

func (p AgentListParams) validate() error {
	if p.PageSize < 0 || p.PageSize > 100 {
		return invalid("AgentListParams.PageSize", fmt.Sprintf("%d is outside 1..100 (0 lets the server choose)", p.PageSize))
	}
	return nil
}

// ListPage reads one page of agents. Pass the page's NextCursor as Cursor
// to read the next one, while HasMore is true; List does that for you.
func (s *AgentsService) ListPage(ctx context.Context, p AgentListParams, opts ...Option) (*AgentPage, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	return s.listPage(ctx, ep, p)
}

func (s *AgentsService) listPage(ctx context.Context, ep *endpoint, p AgentListParams) (*AgentPage, error) {
	params := &gen.ListAgentsParams{
		PageSize:  optional(int64(p.PageSize)),
		Cursor:    optional(p.Cursor),
		Search:    optional(p.Search),
		ProjectId: optional(p.ProjectID),
	}
	if p.IncludeCount {
		params.IncludeCount = optional("true")
	}
	req, err := gen.NewListAgentsRequest(ep.server, params)
	out := new(AgentPage)
	if _, err := ep.doJSON(ctx, "listAgents", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// List returns every agent matching p, following the pages' cursors. It is
// lazy: nothing is sent until the loop starts, and each page is one request,
// sent when the previous page's agents have all been yielded, so breaking
// out of the loop stops the fetching. p.Cursor, when set, is where the walk
// starts.
//
// An error (a failed request, a server that repeats a cursor, or more than
// 10,000 pages) is yielded once, with a zero AgentSummary, and ends the
// iteration:
//
//	for agent, err := range client.Agents.List(ctx, sonzai.AgentListParams{PageSize: 100}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(agent.Name)
//	}
func (s *AgentsService) List(ctx context.Context, p AgentListParams, opts ...Option) iter.Seq2[AgentSummary, error] {
	return func(yield func(AgentSummary, error) bool) {
		if err := p.validate(); err != nil {
			yield(AgentSummary{}, err)
			return
		}
		ep, err := s.c.endpointFor(opts)
		if err != nil {
			yield(AgentSummary{}, err)
			return
		}
		walkPages("listAgents", p.Cursor, maxAgentPages, func(cursor string) (cursorPage[AgentSummary], error) {
			p.Cursor = cursor
			page, err := s.listPage(ctx, ep, p)
			if err != nil {
				return cursorPage[AgentSummary]{}, err
			}
			return cursorPage[AgentSummary]{items: page.Items, next: page.NextCursor, more: page.HasMore}, nil
		}, yield)
	}
}

// optionalItems maps an empty slice to "absent".
// nonEmpty is v, or nil when v is empty, so that an empty list is left
// out of a request like an unset one.
func nonEmpty[T any](v []T) []T {
	if len(v) == 0 {
		return nil
	}
	return v
}
