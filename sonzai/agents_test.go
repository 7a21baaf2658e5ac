package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// ---- helpers shared by the agents, process, memory, personality, reads and
// notifications tests ---------------------------------------------------

// wantCall is the request a test expects.
type wantCall struct {
	method string
	// path is the escaped path, e.g. /api/v1/agents/My%20Agent%2Fv2.
	path string
	// query is the exact query; nil means no query string at all.
	query url.Values
	// body is the exact JSON body; empty means no body.
	body string
}

// checkCall reports every way r differs from want.
func checkCall(t *testing.T, r *http.Request, want wantCall) {
	t.Helper()
	if r.Method != want.method {
		t.Errorf("method = %s, want %s", r.Method, want.method)
	}
	if got := r.URL.EscapedPath(); got != want.path {
		t.Errorf("path = %s, want %s", got, want.path)
	}
	if got := r.URL.Query(); len(got) != 0 || len(want.query) != 0 {
		if !reflect.DeepEqual(got, want.query) {
			t.Errorf("query = %v, want %v", got, want.query)
		}
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization = %q", got)
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading the body: %v", err)
	}
	if want.body == "" {
		if len(raw) != 0 {
			t.Errorf("body = %s, want none", raw)
		}
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var got, exp any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Errorf("body is not JSON: %v: %s", err, raw)
		return
	}
	if err := json.Unmarshal([]byte(want.body), &exp); err != nil {
		t.Fatalf("the test's expected body is not JSON: %v", err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("body =\n  %s\nwant\n  %s", raw, compactJSON(want.body))
	}
}

func compactJSON(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// serveCall starts a server that checks every request against want and
// answers with status and the raw JSON reply. It returns the client and
// the request counter.
func serveCall(t *testing.T, want wantCall, status int, reply string, opts ...sonzai.Option) (*sonzai.Client, *counter) {
	t.Helper()
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		checkCall(t, r, want)
		writeRaw(w, status, reply)
	}), opts...)
	return c, &n
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// ts parses an RFC 3339 time for expected values.
func wireTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return v
}

// requireAllSet fails when any exported field of v (recursively, through
// pointers, slices and maps) is zero, so a decoding test proves that every
// field of the type is read from the fixture.
func requireAllSet(t *testing.T, name string, v any) {
	t.Helper()
	var walk func(path string, rv reflect.Value)
	walk = func(path string, rv reflect.Value) {
		if rv.IsZero() {
			t.Errorf("%s is zero: the fixture does not cover it, or it is not decoded", path)
			return
		}
		switch rv.Kind() {
		case reflect.Pointer:
			walk(path, rv.Elem())
		case reflect.Struct:
			if rv.Type() == reflect.TypeFor[time.Time]() {
				return
			}
			for i := range rv.NumField() {
				f := rv.Type().Field(i)
				if !f.IsExported() || f.Tag.Get("json") == "-" {
					continue
				}
				walk(path+"."+f.Name, rv.Field(i))
			}
		case reflect.Slice:
			if rv.Len() == 0 {
				t.Errorf("%s is empty", path)
				return
			}
			walk(path+"[0]", rv.Index(0))
		case reflect.Map:
			if rv.Len() == 0 {
				t.Errorf("%s is empty", path)
				return
			}
			iter := rv.MapRange()
			iter.Next()
			walk(path+"["+iter.Key().String()+"]", iter.Value())
		}
	}
	walk(name, reflect.ValueOf(v))
}

func mustSucceed(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// ---- fixtures -----------------------------------------------------------

const agentJSON = `{
	"$schema": "https://api.sonz.ai/schemas/Agent.json",
	"agent_id": "6f1c2a9e-0000-4000-8000-000000000001",
	"name": "Luna",
	"tenant_id": "tenant_1",
	"project_id": "proj_1",
	"owner_user_id": "owner_1",
	"owner_display_name": "Ada",
	"owner_email": "ada@example.com",
	"instance_count": 3,
	"is_active": true,
	"proactive_mode": "scheduled_only",
	"mcp_enabled": ["github"],
	"gender": "female",
	"bio": "A curious astronomer.",
	"avatar_url": "https://cdn.example.com/luna.png",
	"personality_prompt": "You are Luna.",
	"speech_patterns": ["uses star metaphors"],
	"true_interests": ["astronomy"],
	"true_dislikes": ["light pollution"],
	"primary_traits": ["curious"],
	"big5": {
		"openness": {"score": 0.9, "confidence": 0.8, "level": "high", "facets": ["imagination"]},
		"conscientiousness": {"score": 0.6, "confidence": 0.7, "level": "medium", "facets": ["order"]},
		"extraversion": {"score": 0.4, "confidence": 0.6, "level": "medium", "facets": ["warmth"]},
		"agreeableness": {"score": 0.8, "confidence": 0.75, "level": "high", "facets": ["trust"]},
		"neuroticism": {"score": 0.2, "confidence": 0.65, "level": "low", "facets": ["anxiety"]}
	},
	"dimensions": {"intellect": 0.9, "aesthetic": 0.8, "industriousness": 0.6, "orderliness": 0.5,
		"enthusiasm": 0.45, "assertiveness": 0.35, "compassion": 0.85, "politeness": 0.75,
		"withdrawal": 0.15, "volatility": 0.25},
	"preferences": {"conversation_pace": "relaxed", "formality": "casual", "humor_style": "dry", "emotional_expression": "open"},
	"behaviors": {"response_length": "medium", "question_frequency": "often", "empathy_style": "warm", "conflict_approach": "calm"},
	"last_seen_at": "2026-03-04T05:06:07Z",
	"created_at": "2025-12-01T10:00:00.5Z"
}`

func wantAgent(t *testing.T) *sonzai.Agent {
	return &sonzai.Agent{
		AgentID: "6f1c2a9e-0000-4000-8000-000000000001", Name: "Luna", TenantID: "tenant_1", ProjectID: "proj_1",
		OwnerUserID: "owner_1", OwnerDisplayName: "Ada", OwnerEmail: "ada@example.com",
		InstanceCount: 3, IsActive: true, ProactiveMode: "scheduled_only", MCPEnabled: []string{"github"},
		Gender: "female", Bio: "A curious astronomer.", AvatarURL: "https://cdn.example.com/luna.png",
		PersonalityPrompt: "You are Luna.", SpeechPatterns: []string{"uses star metaphors"},
		TrueInterests: []string{"astronomy"}, TrueDislikes: []string{"light pollution"}, PrimaryTraits: []string{"curious"},
		Big5: &sonzai.Big5Assessment{
			Openness:          sonzai.Big5Trait{Score: 0.9, Confidence: 0.8, Level: "high", Facets: []string{"imagination"}},
			Conscientiousness: sonzai.Big5Trait{Score: 0.6, Confidence: 0.7, Level: "medium", Facets: []string{"order"}},
			Extraversion:      sonzai.Big5Trait{Score: 0.4, Confidence: 0.6, Level: "medium", Facets: []string{"warmth"}},
			Agreeableness:     sonzai.Big5Trait{Score: 0.8, Confidence: 0.75, Level: "high", Facets: []string{"trust"}},
			Neuroticism:       sonzai.Big5Trait{Score: 0.2, Confidence: 0.65, Level: "low", Facets: []string{"anxiety"}},
		},
		Dimensions: &sonzai.PersonalityDimensions{
			Intellect: 0.9, Aesthetic: 0.8, Industriousness: 0.6, Orderliness: 0.5, Enthusiasm: 0.45,
			Assertiveness: 0.35, Compassion: 0.85, Politeness: 0.75, Withdrawal: 0.15, Volatility: 0.25,
		},
		Preferences: &sonzai.InteractionPreferences{ConversationPace: "relaxed", Formality: "casual", HumorStyle: "dry", EmotionalExpression: "open"},
		Behaviors:   &sonzai.BehaviorTraits{ResponseLength: "medium", QuestionFrequency: "often", EmpathyStyle: "warm", ConflictApproach: "calm"},
		LastSeenAt:  wireTime(t, "2026-03-04T05:06:07Z"),
		CreatedAt:   wireTime(t, "2025-12-01T10:00:00.5Z"),
	}
}

// summaryJSON is an AgentSummary fixture with every field set.
func summaryJSON(id, name string) string {
	return `{"agent_id": "` + id + `", "name": "` + name + `", "tenant_id": "tenant_1", "project_id": "proj_1",
		"owner_user_id": "owner_1", "owner_display_name": "Ada", "owner_email": "ada@example.com",
		"instance_count": 2, "is_active": true, "proactive_mode": "full", "mcp_enabled": ["github", "linear"],
		"last_seen_at": "2026-03-04T05:06:07Z", "created_at": "2025-12-01T10:00:00Z"}`
}

func pageJSON(hasMore bool, next string, items ...string) string {
	return `{"$schema": "https://api.sonz.ai/schemas/AgentPage.json", "items": [` + strings.Join(items, ",") +
		`], "has_more": ` + strconv.FormatBool(hasMore) + `, "next_cursor": "` + next + `", "total_count": 0}`
}

// ---- agents ---------------------------------------------------------------

func TestAgentsGet(t *testing.T) {
	c, n := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/My%20Agent%2Fv2"}, 200, agentJSON)
	got, err := c.Agents.Get(context.Background(), "My Agent/v2")
	mustSucceed(t, err)
	want := wantAgent(t)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Agent", *got)
	if n.total.Load() != 1 {
		t.Errorf("%d requests, want 1", n.total.Load())
	}
}

func TestAgentsGetWithoutOptionalObjects(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1"}, 200,
		`{"agent_id": "a1", "tenant_id": "t", "owner_user_id": "o", "instance_count": 0, "is_active": false,
		  "mcp_enabled": null, "created_at": "2025-12-01T10:00:00Z"}`)
	got, err := c.Agents.Get(context.Background(), "a1")
	mustSucceed(t, err)
	if got.Big5 != nil || got.Dimensions != nil || got.Preferences != nil || got.Behaviors != nil {
		t.Errorf("absent personality objects decoded as non-nil: %+v", got)
	}
	if !got.LastSeenAt.IsZero() || got.MCPEnabled != nil {
		t.Errorf("absent last_seen_at / null mcp_enabled: %v %v", got.LastSeenAt, got.MCPEnabled)
	}
}

func TestAgentsCreateSendsEveryField(t *testing.T) {
	p := sonzai.AgentCreateParams{
		Name: "Luna", AgentID: "6f1c2a9e-0000-4000-8000-000000000001", ProjectID: "proj_1",
		UserID: "user-123", UserDisplayName: "Alice", Language: "en", Gender: "female",
		Bio: "A curious astronomer.", AvatarURL: "https://cdn.example.com/luna.png", PersonalityPrompt: "You are Luna.",
		SpeechPatterns: []string{"uses star metaphors"}, TrueInterests: []string{"astronomy"},
		TrueDislikes: []string{"light pollution"}, PrimaryTraits: []string{"curious"},
		Big5:         &sonzai.Big5Scores{Openness: 0.9, Conscientiousness: 0.6, Extraversion: 0.4, Agreeableness: 0.8, Neuroticism: 0.2},
		Dimensions:   &sonzai.PersonalityDimensions{Intellect: 0.9, Aesthetic: 0.8, Industriousness: 0.6, Orderliness: 0.5, Enthusiasm: 0.45, Assertiveness: 0.35, Compassion: 0.85, Politeness: 0.75, Withdrawal: 0.15, Volatility: 0.25},
		Preferences:  &sonzai.InteractionPreferences{ConversationPace: "relaxed", Formality: "casual", HumorStyle: "dry", EmotionalExpression: "open"},
		Behaviors:    &sonzai.BehaviorTraits{ResponseLength: "medium", QuestionFrequency: "often", EmpathyStyle: "warm", ConflictApproach: "calm"},
		Capabilities: &sonzai.AgentCapabilities{ImageGeneration: true, Inventory: true},
		ToolCapabilities: &sonzai.AgentToolCapabilities{
			WebSearch: true, RememberName: true, ImageGeneration: true, Inventory: true, KnowledgeBase: true,
			KnowledgeBaseWrite: true, KnowledgeBaseScopeMode: "cascade", MemoryMode: "async", SharedMemory: true,
			Skills: true, AutoLearnSkills: true, Wisdom: true, Composio: true, CatalogBooking: true,
			CatalogGrounding: true, MCPEnabled: []string{"github"},
		},
		InitialGoals: []sonzai.InitialGoal{{Type: "personal", Title: "Map the sky", Description: "Catalogue every star", Priority: 2, RelatedTraits: []string{"curious"}}},
		SeedMemories: []sonzai.SeedMemory{{Content: "Grew up in Kyoto", FactType: "biography", Importance: 0.7, Entities: []string{"Kyoto"}}},
		LoreGenerationContext: &sonzai.LoreContext{
			WorldDescription: "A floating city", OriginPromptInstructions: "Keep it short",
			EntityTerminology: map[string]string{"city": "Aerie"},
		},
		GenerateAvatar: true, GenerateOriginStory: true, GeneratePersonalizedMemories: true,
		ProactiveMode: sonzai.ProactiveScheduledOnly,
	}
	requireAllSet(t, "AgentCreateParams", p)
	body := `{
		"name": "Luna", "agent_id": "6f1c2a9e-0000-4000-8000-000000000001", "project_id": "proj_1",
		"user_id": "user-123", "user_display_name": "Alice", "language": "en", "gender": "female",
		"bio": "A curious astronomer.", "avatar_url": "https://cdn.example.com/luna.png", "personality_prompt": "You are Luna.",
		"speech_patterns": ["uses star metaphors"], "true_interests": ["astronomy"],
		"true_dislikes": ["light pollution"], "primary_traits": ["curious"],
		"big5": {"openness": 0.9, "conscientiousness": 0.6, "extraversion": 0.4, "agreeableness": 0.8, "neuroticism": 0.2},
		"dimensions": {"intellect": 0.9, "aesthetic": 0.8, "industriousness": 0.6, "orderliness": 0.5, "enthusiasm": 0.45,
			"assertiveness": 0.35, "compassion": 0.85, "politeness": 0.75, "withdrawal": 0.15, "volatility": 0.25},
		"preferences": {"conversation_pace": "relaxed", "formality": "casual", "humor_style": "dry", "emotional_expression": "open"},
		"behaviors": {"response_length": "medium", "question_frequency": "often", "empathy_style": "warm", "conflict_approach": "calm"},
		"capabilities": {"image_generation": true, "inventory": true},
		"tool_capabilities": {"web_search": true, "remember_name": true, "image_generation": true, "inventory": true,
			"knowledge_base": true, "knowledge_base_write": true, "knowledge_base_scope_mode": "cascade",
			"memory_mode": "async", "shared_memory": true, "skills": true, "auto_learn_skills": true, "wisdom": true,
			"composio": true, "catalog_booking": true, "catalog_grounding": true, "mcp_enabled": ["github"]},
		"initial_goals": [{"type": "personal", "title": "Map the sky", "description": "Catalogue every star", "priority": 2, "related_traits": ["curious"]}],
		"seed_memories": [{"content": "Grew up in Kyoto", "fact_type": "biography", "importance": 0.7, "entities": ["Kyoto"]}],
		"lore_generation_context": {"world_description": "A floating city", "origin_prompt_instructions": "Keep it short",
			"entity_terminology": {"city": "Aerie"}},
		"generate_avatar": true, "generate_origin_story": true, "generate_personalized_memories": true,
		"proactiveMode": "scheduled_only"
	}`
	c, n := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents", body: body}, 200, agentJSON)
	got, err := c.Agents.Create(context.Background(), p)
	mustSucceed(t, err)
	if !reflect.DeepEqual(got, wantAgent(t)) {
		t.Errorf("Create = %+v", got)
	}
	if n.total.Load() != 1 {
		t.Errorf("%d requests, want 1", n.total.Load())
	}
}

func TestAgentsCreateOmitsUnsetFields(t *testing.T) {
	// Only the name; capability flags that are false are still sent once
	// the caller sets the object, so "off" can be expressed.
	c, _ := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents",
		body: `{"name": "Luna", "tool_capabilities": {"web_search": false, "remember_name": true, "image_generation": false,
			"inventory": false, "knowledge_base": false, "knowledge_base_write": false, "shared_memory": false,
			"skills": false, "auto_learn_skills": false, "wisdom": false, "composio": false,
			"catalog_booking": false, "catalog_grounding": false}}`}, 200, agentJSON)
	_, err := c.Agents.Create(context.Background(), sonzai.AgentCreateParams{
		Name:             "Luna",
		ToolCapabilities: &sonzai.AgentToolCapabilities{RememberName: true},
	})
	mustSucceed(t, err)
}

func TestAgentsDelete(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "DELETE", path: "/api/v1/agents/My%20Agent%2Fv2"}, 200,
		`{"$schema": "https://api.sonz.ai/schemas/AgentDeleteResult.json", "success": false, "status": "partial",
		  "deleted": {"memories": 42, "sessions": 3}, "errors": ["vector store: timeout"]}`)
	got, err := c.Agents.Delete(context.Background(), "My Agent/v2")
	mustSucceed(t, err)
	want := &sonzai.AgentDeleteResult{Status: "partial", Deleted: map[string]int64{"memories": 42, "sessions": 3}, Errors: []string{"vector store: timeout"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Delete = %+v, want %+v", got, want)
	}
}

func TestAgentsListPage(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents", query: url.Values{
		"page_size": {"25"}, "cursor": {"c/1 2"}, "search": {"Lu na"}, "project_id": {"proj_1"}, "include_count": {"true"},
	}}, 200, `{"items": [`+summaryJSON("a1", "Luna")+`], "has_more": true, "next_cursor": "c2", "total_count": 57}`)
	got, err := c.Agents.ListPage(context.Background(), sonzai.AgentListParams{
		PageSize: 25, Cursor: "c/1 2", Search: "Lu na", ProjectID: "proj_1", IncludeCount: true,
	})
	mustSucceed(t, err)
	want := &sonzai.AgentPage{
		Items: []sonzai.AgentSummary{{
			AgentID: "a1", Name: "Luna", TenantID: "tenant_1", ProjectID: "proj_1", OwnerUserID: "owner_1",
			OwnerDisplayName: "Ada", OwnerEmail: "ada@example.com", InstanceCount: 2, IsActive: true,
			ProactiveMode: "full", MCPEnabled: []string{"github", "linear"},
			LastSeenAt: wireTime(t, "2026-03-04T05:06:07Z"), CreatedAt: wireTime(t, "2025-12-01T10:00:00Z"),
		}},
		HasMore: true, NextCursor: "c2", TotalCount: 57,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ListPage =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "AgentPage", *got)

	// No parameters: no query string at all.
	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents"}, 200, pageJSON(false, ""))
	_, err = c.Agents.ListPage(context.Background(), sonzai.AgentListParams{})
	mustSucceed(t, err)
}

// pagedServer serves the pages in order, keyed by the cursor they expect.
type pagedServer struct {
	mu      sync.Mutex
	cursors []string // the cursor each request carried, "" for none
	pages   map[string]func(w http.ResponseWriter)
	n       counter
}

func newPagedServer(t *testing.T, pages map[string]func(w http.ResponseWriter), opts ...sonzai.Option) (*sonzai.Client, *pagedServer) {
	ps := &pagedServer{pages: pages}
	c, _ := newTestServer(t, ps.n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/agents" || r.Method != "GET" {
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		}
		if got := r.URL.Query().Get("search"); got != "lu" {
			t.Errorf("search = %q on a later page; every page must repeat the filters", got)
		}
		cur := r.URL.Query().Get("cursor")
		if _, sent := r.URL.Query()["cursor"]; sent && cur == "" {
			t.Errorf("an empty cursor was sent")
		}
		ps.mu.Lock()
		ps.cursors = append(ps.cursors, cur)
		ps.mu.Unlock()
		page, ok := pages[cur]
		if !ok {
			t.Errorf("no page for cursor %q", cur)
			writeProblem(w, 400, "bad cursor")
			return
		}
		page(w)
	}), opts...)
	return c, ps
}

func pageWriter(body string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) { writeRaw(w, 200, body) }
}

func collectAgents(t *testing.T, seq func(func(sonzai.AgentSummary, error) bool)) (names []string, errs []error) {
	t.Helper()
	for a, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, a.Name)
	}
	return names, errs
}

func TestAgentsListFollowsCursors(t *testing.T) {
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"":   pageWriter(pageJSON(true, "c2", summaryJSON("a1", "Luna"), summaryJSON("a2", "Lux"))),
		"c2": pageWriter(pageJSON(true, "c3", summaryJSON("a3", "Lumen"))),
		// has_more false ends the walk even when a cursor comes along.
		"c3": pageWriter(pageJSON(false, "c4", summaryJSON("a4", "Lucia"))),
	})
	names, errs := collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu", PageSize: 2}))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if want := []string{"Luna", "Lux", "Lumen", "Lucia"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
	if want := []string{"", "c2", "c3"}; !reflect.DeepEqual(ps.cursors, want) {
		t.Errorf("cursors sent = %q, want %q", ps.cursors, want)
	}
}

func TestAgentsListIsLazyAndStopsOnBreak(t *testing.T) {
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"":   pageWriter(pageJSON(true, "c2", summaryJSON("a1", "Luna"), summaryJSON("a2", "Lux"))),
		"c2": pageWriter(pageJSON(false, "", summaryJSON("a3", "Lumen"))),
	})
	seq := c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu"})
	if n := ps.n.total.Load(); n != 0 {
		t.Fatalf("List sent %d requests before the loop started", n)
	}
	for range seq {
		break
	}
	if n := ps.n.total.Load(); n != 1 {
		t.Errorf("break after the first agent: %d requests, want 1", n)
	}
	// Breaking on the last agent of a page does not fetch the next page.
	got := 0
	for _, err := range seq {
		mustSucceed(t, err)
		if got++; got == 2 {
			break
		}
	}
	if n := ps.n.total.Load(); n != 2 {
		t.Errorf("break at the end of page 1: %d requests in total, want 2", n)
	}
}

func TestAgentsListStopsWithoutCursor(t *testing.T) {
	// has_more without a cursor cannot be followed: the walk ends there,
	// with an error, since the list is not complete.
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"": pageWriter(pageJSON(true, "", summaryJSON("a1", "Luna"))),
	})
	names, errs := collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu"}))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no cursor") || !reflect.DeepEqual(names, []string{"Luna"}) || ps.n.total.Load() != 1 {
		t.Errorf("names %v, errors %v, %d requests", names, errs, ps.n.total.Load())
	}
}

func TestAgentsListRepeatedCursorIsAnError(t *testing.T) {
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"":   pageWriter(pageJSON(true, "c2", summaryJSON("a1", "Luna"))),
		"c2": pageWriter(pageJSON(true, "c2", summaryJSON("a2", "Lux"))),
	})
	names, errs := collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu"}))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `"c2"`) {
		t.Fatalf("errors = %v, want one naming the repeated cursor", errs)
	}
	if !reflect.DeepEqual(names, []string{"Luna", "Lux"}) || ps.n.total.Load() != 2 {
		t.Errorf("names %v after %d requests", names, ps.n.total.Load())
	}

	// The starting cursor counts as seen too.
	c, ps = newPagedServer(t, map[string]func(http.ResponseWriter){
		"start": pageWriter(pageJSON(true, "start", summaryJSON("a1", "Luna"))),
	})
	_, errs = collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu", Cursor: "start"}))
	if len(errs) != 1 || ps.n.total.Load() != 1 {
		t.Errorf("errors %v after %d requests, want one error after one request", errs, ps.n.total.Load())
	}
}

func TestAgentsListYieldsPageErrorOnce(t *testing.T) {
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"":   pageWriter(pageJSON(true, "c2", summaryJSON("a1", "Luna"))),
		"c2": func(w http.ResponseWriter) { writeProblem(w, 503, "maintenance") },
	})
	// Per-call options apply to every page: no retries here.
	names, errs := collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{Search: "lu"}, sonzai.WithMaxRetries(0)))
	if len(errs) != 1 || !errors.Is(errs[0], sonzai.ErrServer) {
		t.Fatalf("errors = %v, want one ErrServer", errs)
	}
	var apiErr *sonzai.APIError
	if !errors.As(errs[0], &apiErr) || apiErr.Detail != "maintenance" || apiErr.Operation != "listAgents" {
		t.Errorf("error = %#v", errs[0])
	}
	if !reflect.DeepEqual(names, []string{"Luna"}) || ps.n.total.Load() != 2 {
		t.Errorf("names %v after %d requests, want [Luna] after 2", names, ps.n.total.Load())
	}
}

func TestAgentsListIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 10,000 requests")
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		next := strconv.Itoa(int(n.total.Load()))
		writeRaw(w, 200, pageJSON(true, next))
	}))
	_, errs := collectAgents(t, c.Agents.List(context.Background(), sonzai.AgentListParams{}))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "10000") {
		t.Errorf("errors = %v, want one about the page bound", errs)
	}
	if got := n.total.Load(); got != 10_000 {
		t.Errorf("%d requests, want 10000", got)
	}
}

func TestAgentsListCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, ps := newPagedServer(t, map[string]func(http.ResponseWriter){
		"":   pageWriter(pageJSON(true, "c2", summaryJSON("a1", "Luna"))),
		"c2": pageWriter(pageJSON(false, "", summaryJSON("a2", "Lux"))),
	})
	var errs []error
	for _, err := range c.Agents.List(ctx, sonzai.AgentListParams{Search: "lu"}) {
		cancel() // after the first agent
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || ps.n.total.Load() != 1 {
		t.Errorf("errors %v after %d requests, want one context.Canceled after 1", errs, ps.n.total.Load())
	}
}

// ---- cross-cutting: validation and 404s ---------------------------------

// sdkCall is one SDK method invoked with some arguments.
type sdkCall struct {
	name string
	do   func(ctx context.Context, c *sonzai.Client) error
}

func firstSeqErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestInvalidInputSendsNothing(t *testing.T) {
	msgs := []sonzai.Message{sonzai.UserMessage("hi")}
	cases := []struct {
		sdkCall
		field string
	}{
		{sdkCall{"Agents.Get empty", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Agents.Get(ctx, ""); return err }}, "agentID"},
		{sdkCall{"Agents.Get dot-dot", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Agents.Get(ctx, ".."); return err }}, "agentID"},
		{sdkCall{"Agents.Delete", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Agents.Delete(ctx, "."); return err }}, "agentID"},
		{sdkCall{"Agents.Create no name", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Bio: "x"})
			return err
		}}, "AgentCreateParams.Name"},
		{sdkCall{"Agents.Create proactive mode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", ProactiveMode: "sometimes"})
			return err
		}}, "AgentCreateParams.ProactiveMode"},
		{sdkCall{"Agents.Create memory mode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", ToolCapabilities: &sonzai.AgentToolCapabilities{MemoryMode: "lazy"}})
			return err
		}}, "AgentCreateParams.ToolCapabilities.MemoryMode"},
		{sdkCall{"Agents.Create scope mode", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", ToolCapabilities: &sonzai.AgentToolCapabilities{KnowledgeBaseScopeMode: "all"}})
			return err
		}}, "AgentCreateParams.ToolCapabilities.KnowledgeBaseScopeMode"},
		{sdkCall{"Agents.Create goal title", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", InitialGoals: []sonzai.InitialGoal{{Title: "ok"}, {Type: "x"}}})
			return err
		}}, "AgentCreateParams.InitialGoals[1].Title"},
		{sdkCall{"Agents.Create seed memory", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", SeedMemories: []sonzai.SeedMemory{{FactType: "x"}}})
			return err
		}}, "AgentCreateParams.SeedMemories[0].Content"},
		{sdkCall{"Agents.Create lore", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", LoreGenerationContext: &sonzai.LoreContext{}})
			return err
		}}, "AgentCreateParams.LoreGenerationContext.WorldDescription"},
		{sdkCall{"Agents.ListPage page size", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{PageSize: 101})
			return err
		}}, "AgentListParams.PageSize"},
		{sdkCall{"Agents.ListPage negative", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{PageSize: -1})
			return err
		}}, "AgentListParams.PageSize"},
		{sdkCall{"Agents.List page size", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Agents.List(ctx, sonzai.AgentListParams{PageSize: 500}))
		}}, "AgentListParams.PageSize"},
		{sdkCall{"Agents.Process agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "", sonzai.ProcessParams{UserID: "u", Messages: msgs})
			return err
		}}, "agentID"},
		{sdkCall{"Agents.Process user", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "a1", sonzai.ProcessParams{Messages: msgs})
			return err
		}}, "ProcessParams.UserID"},
		{sdkCall{"Agents.Process no messages", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "a1", sonzai.ProcessParams{UserID: "u"})
			return err
		}}, "ProcessParams.Messages"},
		{sdkCall{"Agents.Process empty message", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "a1", sonzai.ProcessParams{UserID: "u", Messages: []sonzai.Message{sonzai.UserMessage("")}})
			return err
		}}, "ProcessParams.Messages[0].Content"},
		{sdkCall{"Agents.Process author", func(ctx context.Context, c *sonzai.Client) error {
			m := sonzai.UserMessage("hi")
			m.Author = "Alice"
			_, err := c.Agents.Process(ctx, "a1", sonzai.ProcessParams{UserID: "u", Messages: []sonzai.Message{m}})
			return err
		}}, "ProcessParams.Messages[0].Author"},
		{sdkCall{"Agents.Process half pair", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "a1", sonzai.ProcessParams{UserID: "u", Messages: msgs, Provider: "gemini"})
			return err
		}}, "ProcessParams.Provider/ProcessParams.Model"},
		{sdkCall{"Memory.List agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.List(ctx, "", sonzai.MemoryListParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Memory.List limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.List(ctx, "a1", sonzai.MemoryListParams{Limit: 201})
			return err
		}}, "MemoryListParams.Limit"},
		{sdkCall{"Memory.List negative", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.List(ctx, "a1", sonzai.MemoryListParams{Limit: -5})
			return err
		}}, "MemoryListParams.Limit"},
		{sdkCall{"Memory.Search agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.Search(ctx, "", sonzai.MemorySearchParams{Query: "x"})
			return err
		}}, "agentID"},
		{sdkCall{"Memory.Search query", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.Search(ctx, "a1", sonzai.MemorySearchParams{Query: "  "})
			return err
		}}, "MemorySearchParams.Query"},
		{sdkCall{"Memory.Search limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.Search(ctx, "a1", sonzai.MemorySearchParams{Query: "x", Limit: 101})
			return err
		}}, "MemorySearchParams.Limit"},
		{sdkCall{"Personality.Get agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Personality.Get(ctx, "", sonzai.PersonalityParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Personality.Get history", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Personality.Get(ctx, "a1", sonzai.PersonalityParams{HistoryLimit: -1})
			return err
		}}, "PersonalityParams.HistoryLimit"},
		{sdkCall{"Insights.RecentShifts", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Insights.RecentShifts(ctx, "")
			return err
		}}, "agentID"},
		{sdkCall{"Insights.SignificantMoments agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Insights.SignificantMoments(ctx, "..", sonzai.SignificantMomentsParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Insights.SignificantMoments limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Insights.SignificantMoments(ctx, "a1", sonzai.SignificantMomentsParams{Limit: -1})
			return err
		}}, "SignificantMomentsParams.Limit"},
		{sdkCall{"Mood.Get", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.Get(ctx, "", sonzai.MoodParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Goals.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.List(ctx, "", sonzai.GoalListParams{UserID: "u"})
			return err
		}}, "agentID"},
		{sdkCall{"Habits.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.List(ctx, "", sonzai.HabitListParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Interests.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Interests.List(ctx, ".", sonzai.InterestListParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Relationships.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Relationships.List(ctx, "")
			return err
		}}, "agentID"},
		{sdkCall{"Models.ForAgent", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Models.ForAgent(ctx, ""); return err }}, "agentID"},
		{sdkCall{"Notifications.List agent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Notifications.List(ctx, "", sonzai.NotificationListParams{})
			return err
		}}, "agentID"},
		{sdkCall{"Notifications.List limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Notifications.List(ctx, "a1", sonzai.NotificationListParams{Limit: 501})
			return err
		}}, "NotificationListParams.Limit"},
		{sdkCall{"Notifications.Consume agent", func(ctx context.Context, c *sonzai.Client) error {
			return c.Notifications.Consume(ctx, "", "m1")
		}}, "agentID"},
		{sdkCall{"Notifications.Consume message", func(ctx context.Context, c *sonzai.Client) error {
			return c.Notifications.Consume(ctx, "a1", "..")
		}}, "messageID"},
		{sdkCall{"Notifications.Pending limit", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Notifications.Pending(ctx, "a1", sonzai.NotificationListParams{Limit: -1}))
		}}, "NotificationListParams.Limit"},
		{sdkCall{"Notifications.Pending agent", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Notifications.Pending(ctx, "", sonzai.NotificationListParams{}))
		}}, "agentID"},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 500, "must not be reached")
	}))
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}

func TestEveryMethodReportsNotFound(t *testing.T) {
	msgs := []sonzai.Message{sonzai.UserMessage("hi")}
	cases := []struct {
		sdkCall
		op string
	}{
		{sdkCall{"Agents.Get", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Agents.Get(ctx, "nope"); return err }}, "getAgent"},
		{sdkCall{"Agents.Delete", func(ctx context.Context, c *sonzai.Client) error { _, err := c.Agents.Delete(ctx, "nope"); return err }}, "deleteAgent"},
		{sdkCall{"Agents.Create", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "a", ProjectID: "gone"})
			return err
		}}, "createAgent"},
		{sdkCall{"Agents.ListPage", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{ProjectID: "gone"})
			return err
		}}, "listAgents"},
		{sdkCall{"Agents.List", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Agents.List(ctx, sonzai.AgentListParams{ProjectID: "gone"}))
		}}, "listAgents"},
		{sdkCall{"Agents.Process", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Agents.Process(ctx, "nope", sonzai.ProcessParams{UserID: "u", Messages: msgs})
			return err
		}}, "processMessages"},
		{sdkCall{"Memory.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.List(ctx, "nope", sonzai.MemoryListParams{})
			return err
		}}, "getMemoryTree"},
		{sdkCall{"Memory.Search", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Memory.Search(ctx, "nope", sonzai.MemorySearchParams{Query: "x"})
			return err
		}}, "searchMemories"},
		{sdkCall{"Personality.Get", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Personality.Get(ctx, "nope", sonzai.PersonalityParams{})
			return err
		}}, "getPersonality"},
		{sdkCall{"Insights.RecentShifts", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Insights.RecentShifts(ctx, "nope")
			return err
		}}, "getRecentShifts"},
		{sdkCall{"Insights.SignificantMoments", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Insights.SignificantMoments(ctx, "nope", sonzai.SignificantMomentsParams{})
			return err
		}}, "getSignificantMoments"},
		{sdkCall{"Mood.Get", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Mood.Get(ctx, "nope", sonzai.MoodParams{})
			return err
		}}, "getMood"},
		{sdkCall{"Goals.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Goals.List(ctx, "nope", sonzai.GoalListParams{})
			return err
		}}, "listGoals"},
		{sdkCall{"Habits.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Habits.List(ctx, "nope", sonzai.HabitListParams{})
			return err
		}}, "listHabits"},
		{sdkCall{"Interests.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Interests.List(ctx, "nope", sonzai.InterestListParams{})
			return err
		}}, "getInterests"},
		{sdkCall{"Relationships.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Relationships.List(ctx, "nope")
			return err
		}}, "getRelationships"},
		{sdkCall{"Models.ForAgent", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Models.ForAgent(ctx, "nope")
			return err
		}}, "getAgentModels"},
		{sdkCall{"Notifications.List", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Notifications.List(ctx, "nope", sonzai.NotificationListParams{})
			return err
		}}, "listNotifications"},
		{sdkCall{"Notifications.Consume", func(ctx context.Context, c *sonzai.Client) error {
			return c.Notifications.Consume(ctx, "a1", "gone")
		}}, "consumeNotification"},
		{sdkCall{"Notifications.Pending", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Notifications.Pending(ctx, "nope", sonzai.NotificationListParams{}))
		}}, "listNotifications"},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 404, "no such thing")
	}))
	for _, tc := range cases {
		before := n.total.Load()
		err := tc.do(context.Background(), c)
		var apiErr *sonzai.APIError
		switch {
		case !errors.Is(err, sonzai.ErrNotFound) || !errors.As(err, &apiErr):
			t.Errorf("%s: err = %v, want an *APIError matching ErrNotFound", tc.name, err)
		case apiErr.Operation != tc.op || apiErr.StatusCode != 404 || apiErr.Detail != "no such thing":
			t.Errorf("%s: APIError = %+v, want operation %s with the problem's detail", tc.name, apiErr, tc.op)
		}
		if sent := n.total.Load() - before; sent != 1 {
			t.Errorf("%s: %d requests for a 404, want 1 (never retried)", tc.name, sent)
		}
	}
}
