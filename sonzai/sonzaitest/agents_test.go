package sonzaitest

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestAgents(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client

	nova, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{
		Name: "Nova", Bio: "A stargazer.", Gender: "nonbinary", TrueInterests: []string{"astronomy"},
		Big5:             &sonzai.Big5Scores{Openness: 0.9, Conscientiousness: 0.4, Extraversion: 0.2, Agreeableness: 0.7, Neuroticism: 0.1},
		ProactiveMode:    sonzai.ProactiveScheduledOnly,
		InitialGoals:     []sonzai.InitialGoal{{Type: "learning", Title: "Map the sky", Description: "All of it", Priority: 1}},
		SeedMemories:     []sonzai.SeedMemory{{Content: "Nova grew up near an observatory", FactType: "backstory", Importance: 0.8}},
		ToolCapabilities: &sonzai.AgentToolCapabilities{MCPEnabled: []string{"calendar"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if nova.AgentID != "00000000-0000-4000-8000-000000000002" || nova.Name != "Nova" || nova.ProactiveMode != "scheduled_only" ||
		nova.Big5 == nil || nova.Big5.Openness.Level != "high" || !slices.Equal(nova.MCPEnabled, []string{"calendar"}) {
		t.Errorf("created = %+v", nova)
	}
	for _, ref := range []string{nova.AgentID, "Nova", "nova"} {
		got, err := c.Agents.Get(ctx, ref)
		if err != nil || got.AgentID != nova.AgentID || got.Bio != "A stargazer." {
			t.Errorf("get %q = %+v, %v", ref, got, err)
		}
	}
	goals, err := c.Goals.List(ctx, "Nova", sonzai.GoalListParams{})
	if err != nil || len(goals) != 1 || goals[0].Title != "Map the sky" {
		t.Errorf("goals = %+v, %v", goals, err)
	}
	hits, err := c.Memory.Search(ctx, "Nova", sonzai.MemorySearchParams{Query: "observatory"})
	if err != nil || len(hits) != 1 || hits[0].FactType != "backstory" {
		t.Errorf("seed memory search = %+v, %v", hits, err)
	}

	// Same name: an update, not a second agent.
	again, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "Nova", Bio: "A stargazer and poet."})
	if err != nil {
		t.Fatal(err)
	}
	if again.AgentID != nova.AgentID || again.Bio != "A stargazer and poet." || again.Gender != "nonbinary" {
		t.Errorf("update by name = %+v", again)
	}
	// An explicit id creates with that id, or updates the agent that has it.
	withID, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "Orion", AgentID: "agent-orion"})
	if err != nil || withID.AgentID != "agent-orion" {
		t.Fatalf("create with id = %+v, %v", withID, err)
	}
	renamed, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "Orion II", AgentID: "agent-orion"})
	if err != nil || renamed.AgentID != "agent-orion" || renamed.Name != "Orion II" {
		t.Fatalf("rename by id = %+v, %v", renamed, err)
	}
	if _, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "Nova", AgentID: "agent-other"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("a second agent named Nova: %v, want ErrConflict", err)
	}
	for i := range 3 {
		if _, err := c.Agents.Create(ctx, sonzai.AgentCreateParams{Name: fmt.Sprintf("Bot %d", i)}); err != nil {
			t.Fatal(err)
		}
	}

	// Six agents, walked two at a time.
	want := []string{"Mia", "Nova", "Orion II", "Bot 0", "Bot 1", "Bot 2"}
	var names []string
	for a, err := range c.Agents.List(ctx, sonzai.AgentListParams{PageSize: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, a.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("listed %q, want %q", names, want)
	}
	if n := h.fake.Requests("listAgents"); n != 3 {
		t.Errorf("listAgents requests = %d, want 3 pages", n)
	}
	page, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{PageSize: 4, IncludeCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 4 || !page.HasMore || page.NextCursor == "" || page.TotalCount != 6 {
		t.Errorf("first page = %+v", page)
	}
	last, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{PageSize: 4, Cursor: page.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	if len(last.Items) != 2 || last.HasMore || last.NextCursor != "" {
		t.Errorf("last page = %+v", last)
	}
	bots, err := c.Agents.ListPage(ctx, sonzai.AgentListParams{Search: "bot"})
	if err != nil || len(bots.Items) != 3 || bots.TotalCount != 3 {
		t.Errorf("search = %+v, %v", bots, err)
	}
	status, header, body := h.raw("GET", "/agents?cursor=bogus", "")
	if status != http.StatusBadRequest || problemOf(t, header, body).Errors[0].Location != "query.cursor" {
		t.Errorf("bogus cursor: %d %s", status, body)
	}

	// Delete.
	sess, err := c.Sessions.Start(ctx, "Nova", sonzai.StartParams{UserID: "u1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I like comets")}}); err != nil {
		t.Fatal(err)
	}
	del, err := c.Agents.Delete(ctx, "Nova")
	if err != nil {
		t.Fatal(err)
	}
	if !del.Success || del.Status != "deleted" || del.Deleted["agents"] != 1 || del.Deleted["sessions"] != 1 || del.Deleted["goals"] != 1 || del.Errors == nil {
		t.Errorf("delete = %+v", del)
	}
	if _, err := c.Agents.Get(ctx, nova.AgentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
	if _, err := c.Agents.Delete(ctx, nova.AgentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}
