package sonzaitest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

var fastPoll = sonzai.WithPollInterval(5*time.Millisecond, 20*time.Millisecond)

func factTexts(tree *sonzai.MemoryTree) []string {
	var out []string
	for _, n := range tree.Nodes {
		for _, f := range tree.Contents[n.NodeID] {
			out = append(out, f.AtomicText)
		}
	}
	return out
}

// TestPattern1 runs the walkthrough's Pattern 1 through the SDK: start with
// tools, context, a turn with a tool call and fetchNextContext, wait for
// the extraction, chat, end (asynchronously, waited for), then read what
// was learned.
func TestPattern1(t *testing.T) {
	h := newHarness(t, WithJobDuration(40*time.Millisecond))
	ctx := ctxT(t)
	c := h.client

	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{
		UserID: "user-123", SessionID: "session-abc", UserDisplayName: "Alice",
		Tools: []sonzai.Tool{{Name: "order-lookup", Description: "Find a user's orders",
			Parameters: map[string]any{"type": "object", "properties": map[string]any{"limit": map[string]any{"type": "integer"}}}}},
		Provider: "gemini", Model: "gemini-3.1-flash-lite-preview",
	})
	if err != nil {
		t.Fatal(err)
	}

	cx, err := sess.Context(ctx, sonzai.ContextParams{Query: "What should we talk about?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cx.PersonalityPrompt, "Mia") || cx.Bio == "" || cx.Big5 == nil || len(cx.TrueInterests) == 0 {
		t.Errorf("context lacks the personality layers: %+v", cx)
	}
	for _, layer := range []string{"current_mood", "loaded_facts", "long_term_summaries", "proactive_memories",
		"relationship_narrative", "chemistry_score", "love_from_agent", "love_from_user", "knowledge", "recent_turns",
		"active_goals", "habits", "speech_patterns", "true_dislikes", "dimensions", "preferences", "behaviors"} {
		if cx.Layer(layer) == nil {
			t.Errorf("context has no %s layer", layer)
		}
	}
	if len(cx.RecentTurns) != 0 || len(cx.LoadedFacts) != 0 {
		t.Errorf("a fresh session already has turns or facts: %+v %+v", cx.RecentTurns, cx.LoadedFacts)
	}

	turn, err := sess.Turn(ctx, sonzai.TurnParams{
		Messages: []sonzai.Message{
			sonzai.UserMessage("I like hiking. Where did my last order ship from?"),
			sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
			sonzai.ToolResultMessage("call_1", `{"order_id":"42","origin":"Tokyo","carrier":"DHL"}`),
			sonzai.AssistantMessage("Your last order shipped from Tokyo via DHL."),
		},
		FetchNextContext: &sonzai.ContextParams{Query: "hiking"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if turn.ExtractionID == "" || turn.ExtractionStatus != sonzai.ExtractionQueued {
		t.Errorf("turn = %+v, want an extraction id, queued", turn)
	}
	if turn.Mood == nil || turn.Mood.Valence <= 0.3 || turn.Mood.TriggerType != "positive_interaction" {
		t.Errorf("mood = %+v, want it lifted above the 0.3 baseline by a positive turn", turn.Mood)
	}
	if turn.NextContext == nil || len(turn.NextContext.RecentTurns) != 4 {
		t.Fatalf("next_context = %+v, want the 4 messages of the turn as recent turns", turn.NextContext)
	}
	if rt := turn.NextContext.RecentTurns; rt[0].Role != "user" || rt[1].Content != "[called order-lookup]" || rt[2].Role != "tool" || rt[0].Timestamp.IsZero() {
		t.Errorf("recent turns = %+v", rt)
	}

	st, err := sess.WaitTurn(ctx, turn.ExtractionID, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != sonzai.ExtractionDone {
		t.Fatalf("extraction state = %s", st.State)
	}

	cx, err = sess.Context(ctx, sonzai.ContextParams{Query: "hiking"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cx.LoadedFacts) == 0 || !strings.Contains(cx.LoadedFacts[0].AtomicText, "hiking") {
		t.Errorf("loaded facts for 'hiking' = %+v, want the hiking fact first", cx.LoadedFacts)
	}

	stream, err := sess.Chat(ctx, sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("What should I do this weekend?")}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := stream.Collect()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, "Hi Alice!") || !strings.Contains(res.Text, "You told me you like hiking.") {
		t.Errorf("reply = %q, want a greeting and the remembered fact", res.Text)
	}
	if len(res.Messages) != 2 || res.Messages[1] != "Have you had time for hiking lately?" {
		t.Errorf("messages = %q", res.Messages)
	}
	if res.FinishReason != "stop" || res.ContinuationToken == "" || res.Usage == nil || len(res.SideEffects) != 2 {
		t.Errorf("terminal frame: finish %q, token %q, usage %+v, side effects %d", res.FinishReason, res.ContinuationToken, res.Usage, len(res.SideEffects))
	}
	if !slices.Equal(res.Phases, []string{"planning", "composing"}) || res.EnrichedContext == nil || res.SessionID != "session-abc" {
		t.Errorf("phases %q, context %d bytes, session %q", res.Phases, len(res.EnrichedContext), res.SessionID)
	}
	if u := res.Usage; u == nil || u.TotalTokens == 0 || u.TotalTokens != u.PromptTokens+u.CompletionTokens {
		t.Errorf("usage %+v", res.Usage)
	}

	end, err := sess.End(ctx, sonzai.EndParams{})
	if err != nil {
		t.Fatal(err)
	}
	if !end.Async || end.ProcessingID == "" || end.Status == nil || end.Status.State != sonzai.SessionEndDone ||
		end.Status.FinishedAt.IsZero() || end.AgentID != DemoAgentID || end.SessionID != "session-abc" {
		t.Errorf("end = %+v, status %+v", end, end.Status)
	}

	// What was learned, read back.
	tree, err := c.Memory.List(ctx, DemoAgentID, sonzai.MemoryListParams{UserID: "user-123", IncludeContents: true})
	if err != nil {
		t.Fatal(err)
	}
	facts := factTexts(tree)
	for _, want := range []string{"User likes hiking", "order_id: 42", "tool result (order-lookup): order_id 42, origin Tokyo, carrier DHL"} {
		if !slices.Contains(facts, want) {
			t.Errorf("memory has no %q: %q", want, facts)
		}
	}
	hits, err := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "hiking", UserID: "user-123"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Content != "User likes hiking" || hits[0].Score != 1 || hits[0].SessionID != "session-abc" {
		t.Errorf("search hiking = %+v", hits)
	}
	interests, err := c.Interests.List(ctx, DemoAgentID, sonzai.InterestListParams{UserID: "user-123"})
	if err != nil {
		t.Fatal(err)
	}
	if len(interests) != 1 || interests[0].Topic != "hiking" || interests[0].MentionCount != 1 {
		t.Errorf("interests = %+v", interests)
	}
	notes, err := c.Notifications.List(ctx, DemoAgentID, sonzai.NotificationListParams{UserID: "user-123", Status: "pending"})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].GeneratedMessage != "Hi! How did the hiking go?" || notes[0].CheckType != "follow_up" {
		t.Errorf("notifications after the end = %+v", notes)
	}
	mood, err := c.Mood.Get(ctx, DemoAgentID, sonzai.MoodParams{UserID: "user-123"})
	if err != nil {
		t.Fatal(err)
	}
	if mood.Valence <= mood.BaselineValence || mood.UserID != "user-123" || mood.Label == "" {
		t.Errorf("mood = %+v", mood)
	}
	rels, err := c.Relationships.List(ctx, DemoAgentID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 1 || rels[0].LoveScore <= 50 || !strings.Contains(rels[0].Narrative, "hiking") || rels[0].ChemistryScore <= 50 {
		t.Errorf("relationships = %+v", rels)
	}
	pers, err := c.Personality.Get(ctx, DemoAgentID, sonzai.PersonalityParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pers.Evolution) < 2 || pers.Profile.Name != "Mia" || pers.Profile.Big5.Openness.Score == 0 {
		t.Errorf("personality = %+v", pers)
	}
	shifts, err := c.Insights.RecentShifts(ctx, DemoAgentID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(shifts, func(s sonzai.PersonalityShift) bool { return s.TraitName == "enthusiasm" && s.Direction == "increase" }) {
		t.Errorf("shifts = %+v, want enthusiasm increasing", shifts)
	}
	if n := h.fake.Requests("submitTurn"); n != 1 {
		t.Errorf("submitTurn requests = %d", n)
	}
	if n := h.fake.Requests("chatWithAgent"); n != 1 {
		t.Errorf("chatWithAgent requests = %d", n)
	}
}

// TestPattern2 hands a whole transcript to /process, then reads.
func TestPattern2(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client

	res, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "user-9",
		Messages: []sonzai.Message{
			sonzai.UserMessage("My name is Bob. I live in Osaka and I love cooking ramen, it is great! I go running every morning."),
			sonzai.AssistantMessage("That sounds lovely."),
		},
		Provider: "gemini", Model: "gemini-3.1-flash-lite-preview",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Success || res.SessionID != "sess_1" || res.FactsExtracted != 4 {
		t.Errorf("process = %+v, want 4 facts in a generated session", res)
	}
	want := sonzai.ProcessSideEffects{MoodUpdated: true, PersonalityUpdated: true, HabitsObserved: 1, InterestsDetected: 1}
	if res.SideEffects != want {
		t.Errorf("side effects = %+v, want %+v", res.SideEffects, want)
	}
	tree, err := c.Memory.List(ctx, DemoAgentID, sonzai.MemoryListParams{UserID: "user-9", IncludeContents: true})
	if err != nil {
		t.Fatal(err)
	}
	facts := factTexts(tree)
	for _, f := range []string{"User's name is Bob", "User lives in Osaka", "User loves cooking ramen", "User's routine: go running every morning"} {
		if !slices.Contains(facts, f) {
			t.Errorf("memory lacks %q: %q", f, facts)
		}
	}
	if len(tree.Nodes) != 3 { // personal, preference, habit
		t.Errorf("nodes = %+v", tree.Nodes)
	}
	habits, err := c.Habits.List(ctx, DemoAgentID, sonzai.HabitListParams{UserID: "user-9"})
	if err != nil {
		t.Fatal(err)
	}
	if len(habits) != 1 || !habits[0].Formed || habits[0].DisplayName != "Go running every morning" {
		t.Errorf("habits = %+v", habits)
	}
	goals, err := c.Goals.List(ctx, DemoAgentID, sonzai.GoalListParams{UserID: "user-9"})
	if err != nil {
		t.Fatal(err)
	}
	if len(goals) != 2 {
		t.Errorf("goals = %+v, want Mia's two", goals)
	}
	models, err := c.Models.ForAgent(ctx, DemoAgentID)
	if err != nil {
		t.Fatal(err)
	}
	if models.DefaultProvider != "gemini" || models.DefaultModel != "gemini-3.1-flash-lite-preview" || len(models.Providers) < 2 {
		t.Errorf("models = %+v", models)
	}
	moments, err := c.Insights.SignificantMoments(ctx, DemoAgentID, sonzai.SignificantMomentsParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(moments) != 2 { // Mia's seeded one, and this strongly positive transcript
		t.Errorf("moments = %+v", moments)
	}

	// A named session is used as is; repeating a fact confirms it.
	res, err = c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "user-9", SessionID: "mine",
		Messages: []sonzai.Message{sonzai.UserMessage("I live in Osaka")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.SessionID != "mine" || res.FactsExtracted != 1 {
		t.Errorf("second process = %+v", res)
	}
	tree, err = c.Memory.List(ctx, DemoAgentID, sonzai.MemoryListParams{UserID: "user-9", IncludeContents: true, MemoryType: "personal"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Nodes) != 1 || len(tree.Contents[tree.Nodes[0].NodeID]) != 2 {
		t.Fatalf("personal node = %+v", tree)
	}
	for _, f := range tree.Contents[tree.Nodes[0].NodeID] {
		if f.AtomicText == "User lives in Osaka" && f.MentionCount != 2 {
			t.Errorf("repeated fact has mention_count %d", f.MentionCount)
		}
	}
}

func TestNotifications(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "u1", Messages: []sonzai.Message{sonzai.UserMessage("Please remind me to call mom tomorrow.")},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "u2", Messages: []sonzai.Message{sonzai.UserMessage("Remind me about the dentist")},
	}); err != nil {
		t.Fatal(err)
	}
	var pending []sonzai.Notification
	for n, err := range c.Notifications.Pending(ctx, DemoAgentID, sonzai.NotificationListParams{UserID: "u1"}) {
		if err != nil {
			t.Fatal(err)
		}
		pending = append(pending, n)
	}
	if len(pending) != 1 || pending[0].GeneratedMessage != "Hi! You asked me to remind you to call mom tomorrow." ||
		pending[0].Status != "pending" || pending[0].CheckType != "reminder" || pending[0].UserID != "u1" {
		t.Fatalf("pending = %+v", pending)
	}
	all, err := c.Notifications.List(ctx, DemoAgentID, sonzai.NotificationListParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Errorf("limit 1 gave %d", len(all))
	}
	id := pending[0].MessageID
	if err := c.Notifications.Consume(ctx, DemoAgentID, id); err != nil {
		t.Fatal(err)
	}
	if err := c.Notifications.Consume(ctx, DemoAgentID, id); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("second consume: %v, want ErrConflict", err)
	}
	if err := c.Notifications.Consume(ctx, DemoAgentID, "msg_999"); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown consume: %v, want ErrNotFound", err)
	}
	consumed, err := c.Notifications.List(ctx, DemoAgentID, sonzai.NotificationListParams{Status: "consumed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(consumed) != 1 || consumed[0].MessageID != id || consumed[0].ConsumedAt.IsZero() {
		t.Errorf("consumed = %+v", consumed)
	}
	left, err := c.Notifications.List(ctx, DemoAgentID, sonzai.NotificationListParams{Status: "pending"})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].UserID != "u2" || left[0].GeneratedMessage != "Hi! You asked me to remind you about the dentist." {
		t.Errorf("still pending = %+v", left)
	}
}

func TestAsyncChat(t *testing.T) {
	t.Run("states", func(t *testing.T) {
		clock := NewFakeClock(time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC))
		h := newHarness(t, WithClock(clock))
		ctx := ctxT(t)
		c := h.client
		job, err := c.Chat.Async(ctx, "Mia", sonzai.ChatParams{
			UserID: "u1", SessionID: "s1", UserDisplayName: "Kai",
			Messages: []sonzai.Message{sonzai.UserMessage("I love astronomy")},
		})
		if err != nil {
			t.Fatal(err)
		}
		if job.ProcessingID == "" || job.Status != sonzai.AsyncChatQueued {
			t.Fatalf("async = %+v", job)
		}
		steps := []struct {
			advance time.Duration
			status  sonzai.AsyncChatStatus
		}{{0, sonzai.AsyncChatQueued}, {100 * time.Millisecond, sonzai.AsyncChatRunning}, {200 * time.Millisecond, sonzai.AsyncChatComplete}}
		var last *sonzai.AsyncChatResult
		for _, s := range steps {
			clock.Advance(s.advance)
			r, err := c.Chat.AsyncResult(ctx, DemoAgentID, job.ProcessingID)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != s.status {
				t.Fatalf("after %v: status %s, want %s", s.advance, r.Status, s.status)
			}
			last = r
		}
		want := "Hi Kai! Thanks for telling me, I'll remember that.\n\nHave you had time for astronomy lately?"
		if last.Response != want || last.Phase != "complete" || last.SideEffects == nil {
			t.Errorf("result = %+v", last)
		}
		if !last.CreatedAt.Equal(time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)) || last.UpdatedAt.Sub(last.CreatedAt) != 300*time.Millisecond {
			t.Errorf("times %v %v", last.CreatedAt, last.UpdatedAt)
		}
		got, err := c.Chat.WaitAsync(ctx, DemoAgentID, job.ProcessingID)
		if err != nil || got.Status != sonzai.AsyncChatComplete {
			t.Errorf("wait = %+v, %v", got, err)
		}
		interests, err := c.Interests.List(ctx, DemoAgentID, sonzai.InterestListParams{UserID: "u1"})
		if err != nil || len(interests) != 1 || interests[0].Topic != "astronomy" {
			t.Errorf("interests after the async chat = %+v, %v", interests, err)
		}
	})
	t.Run("wait", func(t *testing.T) {
		h := newHarness(t, WithJobDuration(30*time.Millisecond))
		ctx := ctxT(t)
		job, err := h.client.Chat.Async(ctx, DemoAgentID, sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("hello")}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := h.client.Chat.WaitAsync(ctx, DemoAgentID, job.ProcessingID, fastPoll)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != sonzai.AsyncChatComplete || !strings.HasPrefix(r.Response, "Hi!") {
			t.Errorf("result = %+v", r)
		}
	})
	t.Run("failed", func(t *testing.T) {
		h := newHarness(t, WithJobDuration(10*time.Millisecond))
		ctx := ctxT(t)
		h.fake.Inject(Fault{Operation: "asyncChat", ErrorFrame: "the model is overloaded"})
		job, err := h.client.Chat.Async(ctx, DemoAgentID, sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("hello")}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = h.client.Chat.WaitAsync(ctx, DemoAgentID, job.ProcessingID, fastPoll)
		var jf *sonzai.JobFailedError
		if !errors.As(err, &jf) || jf.Reason != "the model is overloaded" {
			t.Errorf("wait: %v, want a failed job", err)
		}
		if _, err := h.client.Chat.AsyncResult(ctx, DemoAgentID, "chat_404"); !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
	})
}

// TestJobStates steps a turn extraction and a session end through their
// states with a FakeClock, and checks that facts appear only when the
// extraction is done, and never when it failed.
func TestJobStates(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, WithClock(clock), WithJobDuration(300*time.Millisecond))
	ctx := ctxT(t)
	c := h.client
	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: "u1", SessionID: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	search := func() int {
		t.Helper()
		hits, err := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "hiking", UserID: "u1"})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	turn, err := sess.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I like hiking")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		advance time.Duration
		state   sonzai.ExtractionState
		hits    int
	}{{0, sonzai.ExtractionQueued, 0}, {99 * time.Millisecond, sonzai.ExtractionQueued, 0},
		{time.Millisecond, sonzai.ExtractionRunning, 0}, {199 * time.Millisecond, sonzai.ExtractionRunning, 0},
		{time.Millisecond, sonzai.ExtractionDone, 1}} {
		clock.Advance(step.advance)
		st, err := sess.TurnStatus(ctx, turn.ExtractionID)
		if err != nil {
			t.Fatal(err)
		}
		if st.State != step.state || search() != step.hits {
			t.Fatalf("at +%v: state %s, want %s (hits %d, want %d)", step.advance, st.State, step.state, search(), step.hits)
		}
	}
	if _, err := c.Sessions.TurnStatus(ctx, "Mia", "ext_999"); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("unknown extraction: %v", err)
	}

	end, err := sess.EndAsync(ctx, sonzai.EndParams{})
	if err != nil {
		t.Fatal(err)
	}
	if !end.Async || end.StatusURL != "/api/v1/sessions/end/status/"+end.ProcessingID || !end.EnqueuedAt.Equal(time.Date(2026, 7, 1, 9, 0, 0, 300_000_000, time.UTC)) {
		t.Errorf("end = %+v", end)
	}
	for _, step := range []struct {
		advance time.Duration
		state   sonzai.SessionEndState
	}{{0, sonzai.SessionEndPending}, {100 * time.Millisecond, sonzai.SessionEndProcessing}, {200 * time.Millisecond, sonzai.SessionEndDone}} {
		clock.Advance(step.advance)
		st, err := c.Sessions.EndStatus(ctx, end.ProcessingID)
		if err != nil {
			t.Fatal(err)
		}
		if st.State != step.state || st.Attempt != 1 || st.SessionID != "s1" {
			t.Fatalf("end status after +%v = %+v, want %s", step.advance, st, step.state)
		}
	}

	// Failures: a failed extraction stores nothing.
	h.fake.FailExtractions(true)
	turn, err = sess.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I love sailing")}})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	_, err = sess.WaitTurn(ctx, turn.ExtractionID)
	var jf *sonzai.JobFailedError
	if !errors.As(err, &jf) || jf.Final.(*sonzai.TurnStatus).State != sonzai.ExtractionFailed || jf.Reason == "" {
		t.Fatalf("wait on a failing extraction: %v", err)
	}
	hits, err := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "sailing"})
	if err != nil || len(hits) != 0 {
		t.Errorf("a failed extraction stored facts: %+v, %v", hits, err)
	}
	end, err = sess.EndAsync(ctx, sonzai.EndParams{})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	if _, err := c.Sessions.WaitEnd(ctx, end.ProcessingID); !errors.As(err, &jf) || jf.Job != "session end" {
		t.Errorf("wait on a failing end: %v", err)
	}
	if _, err := sess.End(ctx, sonzai.EndParams{Synchronous: true}); !errors.Is(err, sonzai.ErrServer) {
		t.Errorf("failing synchronous end: %v, want ErrServer", err)
	}
	h.fake.FailExtractions(false)
	got, err := sess.End(ctx, sonzai.EndParams{Synchronous: true, Messages: []sonzai.Message{sonzai.UserMessage("I enjoy chess")}})
	if err != nil || got.Async || !got.Success {
		t.Fatalf("synchronous end = %+v, %v", got, err)
	}
	if hits, _ := c.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "chess"}); len(hits) != 1 {
		t.Errorf("a synchronous end's transcript was not extracted: %+v", hits)
	}
}

func TestSyncSessionEnd(t *testing.T) {
	h := newHarness(t, WithAsyncSessionEnd(false))
	ctx := ctxT(t)
	sess, err := h.client.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: "u1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.SetTools(ctx, []sonzai.Tool{{Name: "weather"}}); err != nil {
		t.Fatal(err)
	}
	end, err := sess.End(ctx, sonzai.EndParams{Messages: []sonzai.Message{sonzai.UserMessage("I work as a nurse")}})
	if err != nil {
		t.Fatal(err)
	}
	if end.Async || end.ProcessingID != "" || end.SessionID != sess.ID() {
		t.Errorf("end = %+v", end)
	}
	hits, err := h.client.Memory.Search(ctx, DemoAgentID, sonzai.MemorySearchParams{Query: "nurse"})
	if err != nil || len(hits) != 1 || hits[0].Content != "User works as a nurse" {
		t.Errorf("hits = %+v, %v", hits, err)
	}
	other, err := h.client.Sessions.Resume(DemoAgentID, sonzai.StartParams{UserID: "u1", SessionID: "never-started"})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetTools(ctx, nil); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("tools of an unknown session: %v, want ErrNotFound", err)
	}
}

func TestPlaygroundAndContext(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	stream, err := h.client.Chat.StreamPlayground(ctx, DemoAgentName, sonzai.ChatParams{
		UserID: "u7", Messages: []sonzai.Message{sonzai.UserMessage("My name is Ren and I enjoy baking bread")},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := stream.Collect()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.SessionID, "sess_") || !strings.Contains(res.Text, "Thanks for telling me") {
		t.Errorf("playground = %+v", res)
	}
	// The stream stored its facts at once; the next answer uses them.
	stream, err = h.client.Chat.Stream(ctx, DemoAgentID, sonzai.ChatParams{
		UserID: "u7", SessionID: res.SessionID, Messages: []sonzai.Message{sonzai.UserMessage("Any ideas for bread?")},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err = stream.Collect()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, "Hi Ren! You told me you enjoy baking bread.") {
		t.Errorf("second answer = %q", res.Text)
	}
	sess, err := h.client.Sessions.Resume(DemoAgentID, sonzai.StartParams{UserID: "u7", SessionID: res.SessionID})
	if err != nil {
		t.Fatal(err)
	}
	cx, err := sess.Context(ctx, sonzai.ContextParams{Query: "bread"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cx.RecentTurns) != 4 || cx.RecentTurns[1].Role != "assistant" || len(cx.LoadedFacts) == 0 ||
		cx.LoadedFacts[0].AtomicText != "User enjoys baking bread" || cx.LoveFromAgent <= 50 {
		t.Errorf("context = turns %+v, facts %+v, love %v", cx.RecentTurns, cx.LoadedFacts, cx.LoveFromAgent)
	}
}
