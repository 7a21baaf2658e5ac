package sonzaitest

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// api implements the generated strict server interface over the state.
type api struct {
	s  *Server
	st *state
}

var _ fakeserver.StrictServerInterface = (*api)(nil)

func (h *api) CreateAgent(_ context.Context, req fakeserver.CreateAgentRequestObject) (fakeserver.CreateAgentResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	b := req.Body
	if strings.TrimSpace(b.Name) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.name", b.Name, "an agent needs a name")
	}
	id := b.AgentId
	if id == "." || id == ".." || strings.ContainsAny(id, "/?#") {
		return nil, failAt(http.StatusUnprocessableEntity, "body.agent_id", id, "an agent id cannot be %q or contain '/', '?' or '#'", id)
	}
	var a *agent
	if id != "" {
		a = st.agents[id]
		if other := st.agentNamed(b.Name); a == nil && other != nil {
			return nil, failAt(http.StatusConflict, "body.name", b.Name, "an agent named %q already exists with id %q", b.Name, other.id)
		}
	} else {
		a = st.agentNamed(b.Name)
	}
	if a == nil {
		if id == "" {
			id = fmt.Sprintf("00000000-0000-4000-8000-%012d", st.agentSeq+1)
		}
		a = newAgent(id, now)
		st.addAgent(a)
	}
	st.updateAgent(a, b, now)
	return fakeserver.CreateAgent200JSONResponse(a.toGen()), nil
}

func (st *state) agentNamed(name string) *agent {
	for _, a := range st.sortedAgents() {
		if a.name == name {
			return a
		}
	}
	return nil
}

// newAgent is an agent with a neutral personality, to be filled from a
// create request.
func newAgent(id string, now time.Time) *agent {
	return &agent{
		id: id, projectID: fakeProject, ownerID: fakeOwner, mode: "full", temperature: 0.7,
		created: now, lastSeen: now,
		big5: big5From(gen.CreateAgentBodyBig5Struct{Openness: 0.5, Conscientiousness: 0.5, Extraversion: 0.5,
			Agreeableness: 0.5, Neuroticism: 0.5}, 0.3),
		dims: gen.PersonalityDimensions{Intellect: 0.5, Aesthetic: 0.5, Industriousness: 0.5, Orderliness: 0.5,
			Enthusiasm: 0.5, Assertiveness: 0.5, Compassion: 0.5, Politeness: 0.5, Withdrawal: 0.5, Volatility: 0.5},
		prefs: gen.InteractionPreferences{ConversationPace: "moderate", Formality: "neutral",
			HumorStyle: "light", EmotionalExpression: "balanced"},
		behaviors: gen.BehavioralTraits{ResponseLength: "medium", QuestionFrequency: "sometimes",
			EmpathyStyle: "supportive", ConflictApproach: "calm"},
		moods: map[string]*mood{"": {valence: 0.2, arousal: 0.2, tension: 0.1, affiliation: 0.3,
			bValence: 0.2, bArousal: 0.2, bTension: 0.1, bAffiliation: 0.3, created: now, updated: now}},
	}
}

// updateAgent applies the fields a create request sets. The body's
// optional strings, lists and objects are values: empty means "not sent".
func (st *state) updateAgent(a *agent, b *gen.CreateAgentBody, now time.Time) {
	a.name = b.Name
	setIf := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	setList := func(dst *[]string, v []string) {
		if v != nil {
			*dst = append([]string(nil), v...)
		}
	}
	setIf(&a.projectID, b.ProjectId)
	setIf(&a.ownerID, b.UserId)
	setIf(&a.owner, b.UserDisplayName)
	setIf(&a.gender, b.Gender)
	setIf(&a.bio, b.Bio)
	setIf(&a.avatarURL, b.AvatarUrl)
	setIf(&a.prompt, b.PersonalityPrompt)
	setList(&a.speech, b.SpeechPatterns)
	setList(&a.trueInterests, b.TrueInterests)
	setList(&a.dislikes, b.TrueDislikes)
	setList(&a.traits, b.PrimaryTraits)
	if b.Big5 != (gen.CreateAgentBodyBig5Struct{}) {
		a.big5 = big5From(b.Big5, 0.6)
	}
	if b.Dimensions != (gen.CreateAgentBodyDimensionsStruct{}) {
		a.dims = gen.PersonalityDimensions(b.Dimensions)
	}
	if b.Preferences != (gen.CreateAgentBodyPreferencesStruct{}) {
		a.prefs = gen.InteractionPreferences(b.Preferences)
	}
	if b.Behaviors != (gen.CreateAgentBodyBehaviorsStruct{}) {
		a.behaviors = gen.BehavioralTraits(b.Behaviors)
	}
	if b.ProactiveMode != "" {
		a.mode = string(b.ProactiveMode)
	}
	if b.ToolCapabilities.McpEnabled != nil {
		a.mcp = append([]string(nil), b.ToolCapabilities.McpEnabled...)
	}
	for _, g := range b.InitialGoals {
		a.goals = append(a.goals, gen.Goal{
			GoalId: st.nextID("goal"), AgentId: a.id, Type: g.Type, Title: g.Title, Description: g.Description,
			Priority: g.Priority, Status: "active", RelatedTraits: g.RelatedTraits, CreatedAt: now, UpdatedAt: now,
		})
	}
	for _, m := range b.SeedMemories {
		factType := m.FactType
		if factType == "" {
			factType = "seed"
		}
		a.addFact(st, "", "", newFact{text: m.Content, recall: "I remember that " + m.Content + ".",
			factType: factType, sourceType: "seed", importance: m.Importance, entities: m.Entities}, now)
	}
}

func (h *api) GetAgent(_ context.Context, req fakeserver.GetAgentRequestObject) (fakeserver.GetAgentResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetAgent200JSONResponse(a.toGen()), nil
}

func (h *api) DeleteAgent(_ context.Context, req fakeserver.DeleteAgentRequestObject) (fakeserver.DeleteAgentResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	sessions := 0
	for key, s := range st.sessions {
		if s.agentID == a.id {
			delete(st.sessions, key)
			sessions++
		}
	}
	delete(st.agents, a.id)
	deleted := map[string]int64{
		"agents":        1,
		"sessions":      int64(sessions),
		"facts":         int64(len(a.facts)),
		"memory_nodes":  int64(len(a.nodes)),
		"interests":     int64(len(a.interests)),
		"habits":        int64(len(a.habits)),
		"goals":         int64(len(a.goals)),
		"notifications": int64(len(a.notes)),
		"moods":         int64(len(a.moods)),
		"relationships": int64(len(a.rels)),
	}
	return fakeserver.DeleteAgent200JSONResponse{Success: true, Status: "deleted", Deleted: deleted, Errors: []string{}}, nil
}

// Agent pages use an opaque cursor: the creation sequence number of the
// last agent of the previous page, base64-encoded.
func encodeCursor(seq int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.Itoa(seq)))
}

func decodeCursor(c string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "after:"))
	if err != nil || !strings.HasPrefix(string(raw), "after:") {
		return 0, false
	}
	return n, true
}

func (h *api) ListAgents(_ context.Context, req fakeserver.ListAgentsRequestObject) (fakeserver.ListAgentsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	p := req.Params
	size := int(deref(p.PageSize))
	if size <= 0 {
		size = 20
	}
	after := 0
	if c := deref(p.Cursor); c != "" {
		n, ok := decodeCursor(c)
		if !ok {
			return nil, failAt(http.StatusBadRequest, "query.cursor", c, "not a cursor this server issued")
		}
		after = n
	}
	search := strings.ToLower(deref(p.Search))
	var matching []*agent
	for _, a := range st.sortedAgents() {
		if search != "" && !strings.Contains(strings.ToLower(a.name), search) {
			continue
		}
		if p.ProjectId != nil && *p.ProjectId != a.projectID {
			continue
		}
		matching = append(matching, a)
	}
	items := []gen.AgentIndex{}
	hasMore := false
	for _, a := range matching {
		if a.seq <= after {
			continue
		}
		if len(items) == size {
			hasMore = true
			break
		}
		items = append(items, a.summary())
	}
	page := fakeserver.ListAgents200JSONResponse{Items: items, HasMore: hasMore, TotalCount: int64(len(matching))}
	if hasMore {
		last := st.agents[items[len(items)-1].AgentId]
		page.NextCursor = encodeCursor(last.seq)
	}
	return page, nil
}

func (h *api) GetAgentModels(_ context.Context, req fakeserver.GetAgentModelsRequestObject) (fakeserver.GetAgentModelsResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	if _, err := h.st.agentRef(req.AgentId); err != nil {
		return nil, err
	}
	return fakeserver.GetAgentModels200JSONResponse{
		DefaultProvider: defaultProvider,
		DefaultModel:    defaultModel,
		Providers: []gen.AgentModelsModelEntry{
			{Provider: "gemini", ProviderName: "Google Gemini", DefaultModel: defaultModel},
			{Provider: "openai", ProviderName: "OpenAI", DefaultModel: "gpt-5-mini"},
			{Provider: "zhipu", ProviderName: "Zhipu AI", DefaultModel: "glm-4.6"},
		},
	}, nil
}
