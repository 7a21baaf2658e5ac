// Command walkthrough calls every operation the SDK covers, in the order of
// Sonzai's Endpoint Walkthrough: Pattern 1 (session, context, turn, end),
// Pattern 2 (/process), tool messages, every read endpoint, notifications,
// streaming and asynchronous chat, and agent management. It prints one line
// per step and exits non-zero at the first failure.
//
// Like the quickstart, it runs against an embedded fake Sonzai server when
// SONZAI_API_KEY is unset, and against the real API (SONZAI_BASE_URL
// honored) when it is set. Against the real API it creates its own agent and
// deletes it at the end.
//
//	go run ./examples/walkthrough
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "walkthrough:", err)
		os.Exit(1)
	}
}

// walk runs named steps in order and stops at the first failure.
type walk struct {
	ctx   context.Context
	out   io.Writer
	steps int
}

func (w *walk) step(name string, f func(ctx context.Context) (string, error)) error {
	w.steps++
	start := time.Now()
	summary, err := f(w.ctx)
	if err != nil {
		fmt.Fprintf(w.out, "%2d FAIL %-34s %v\n", w.steps, name, err)
		return fmt.Errorf("step %d (%s): %w", w.steps, name, err)
	}
	fmt.Fprintf(w.out, "%2d ok   %-34s %s (%s)\n", w.steps, name, summary, time.Since(start).Round(time.Millisecond))
	return nil
}

func run(ctx context.Context, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	var opts []sonzai.Option
	if os.Getenv(sonzai.EnvAPIKey) == "" {
		fake := sonzaitest.New()
		defer fake.Close()
		fmt.Fprintf(out, "SONZAI_API_KEY is not set: using an embedded fake Sonzai server at %s\n", fake.URL())
		opts = append(opts, sonzai.WithBaseURL(fake.URL()), sonzai.WithAPIKey(fake.APIKey()))
	}
	client, err := sonzai.NewClient(opts...)
	if err != nil {
		return err
	}
	w := &walk{ctx: ctx, out: out}
	const user = "walkthrough-user"
	var (
		agentID   string
		session   *sonzai.Session
		turn      *sonzai.TurnResult
		end       *sonzai.SessionEnd
		asyncChat *sonzai.AsyncChat
	)
	transcript := []sonzai.Message{
		sonzai.UserMessage("Where did my last order ship from? Also, I like hiking and I live in Osaka."),
		sonzai.ToolCallMessage(sonzai.FunctionCall("call_1", "order-lookup", `{"limit":1}`)),
		sonzai.ToolResultMessage("call_1", `{"order_id":"42","origin":"Tokyo","carrier":"DHL"}`),
		sonzai.AssistantMessage("Your last order (#42) shipped from Tokyo via DHL."),
	}

	steps := []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		// Agents: make one to walk through.
		{"agents.create", func(ctx context.Context) (string, error) {
			a, err := client.Agents.Create(ctx, sonzai.AgentCreateParams{
				Name: fmt.Sprintf("sonzai-go-walkthrough-%d", time.Now().UnixNano()),
				Bio:  "Created by the sonzai-go walkthrough.",
			})
			if err != nil {
				return "", err
			}
			agentID = a.AgentID
			return "agent " + agentID, nil
		}},
		{"agents.get", func(ctx context.Context) (string, error) {
			a, err := client.Agents.Get(ctx, agentID)
			if err != nil {
				return "", err
			}
			return "name " + a.Name, nil
		}},
		{"agents.list", func(ctx context.Context) (string, error) {
			n, found := 0, false
			for a, err := range client.Agents.List(ctx, sonzai.AgentListParams{PageSize: 2}) {
				if err != nil {
					return "", err
				}
				n++
				found = found || a.AgentID == agentID
			}
			if !found {
				return "", errors.New("the new agent is not listed")
			}
			return fmt.Sprintf("%d agents over pages of 2", n), nil
		}},
		{"models.forAgent", func(ctx context.Context) (string, error) {
			m, err := client.Models.ForAgent(ctx, agentID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("default %s/%s, %d providers", m.DefaultProvider, m.DefaultModel, len(m.Providers)), nil
		}},

		// Pattern 1: start → context + turn → end.
		{"sessions.start", func(ctx context.Context) (string, error) {
			var err error
			session, err = client.Sessions.Start(ctx, agentID, sonzai.StartParams{
				UserID: user, UserDisplayName: "Alice",
				Tools: []sonzai.Tool{{Name: "order-lookup", Description: "Look up orders"}},
			})
			if err != nil {
				return "", err
			}
			return "session " + session.ID(), nil
		}},
		{"session.setTools", func(ctx context.Context) (string, error) {
			tools := []sonzai.Tool{{Name: "order-lookup"}, {Name: "weather", Description: "Local weather"}}
			return fmt.Sprintf("%d tools", len(tools)), session.SetTools(ctx, tools)
		}},
		{"session.context", func(ctx context.Context) (string, error) {
			c, err := session.Context(ctx, sonzai.ContextParams{Query: "What should we talk about?"})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d layers", len(c.Layers())), nil
		}},
		{"session.turn (tool messages)", func(ctx context.Context) (string, error) {
			var err error
			turn, err = session.Turn(ctx, sonzai.TurnParams{Messages: transcript, FetchNextContext: &sonzai.ContextParams{Query: "orders"}})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("extraction %s %s, next context %v", turn.ExtractionID, turn.ExtractionStatus, turn.NextContext != nil), nil
		}},
		{"session.turnStatus", func(ctx context.Context) (string, error) {
			st, err := session.TurnStatus(ctx, turn.ExtractionID)
			if err != nil {
				return "", err
			}
			return string(st.State), nil
		}},
		{"session.waitTurn", func(ctx context.Context) (string, error) {
			st, err := session.WaitTurn(ctx, turn.ExtractionID)
			if err != nil {
				return "", err
			}
			return string(st.State), nil
		}},
		{"session.endAsync", func(ctx context.Context) (string, error) {
			var err error
			end, err = session.EndAsync(ctx, sonzai.EndParams{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("async %v, processing id %q", end.Async, end.ProcessingID), nil
		}},
		{"sessions.endStatus + waitEnd", func(ctx context.Context) (string, error) {
			if !end.Async {
				return "the server ended the session synchronously", nil
			}
			st, err := client.Sessions.EndStatus(ctx, end.ProcessingID)
			if err != nil {
				return "", err
			}
			final, err := client.Sessions.WaitEnd(ctx, end.ProcessingID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s → %s", st.State, final.State), nil
		}},

		// Pattern 2: /process auto-creates a session.
		{"agents.process", func(ctx context.Context) (string, error) {
			res, err := client.Agents.Process(ctx, agentID, sonzai.ProcessParams{UserID: user, Messages: transcript})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d facts, session %s", res.FactsExtracted, res.SessionID), nil
		}},

		// Reading behavioral data.
		{"memory.list", func(ctx context.Context) (string, error) {
			tree, err := client.Memory.List(ctx, agentID, sonzai.MemoryListParams{UserID: user, IncludeContents: true})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d nodes", len(tree.Nodes)), nil
		}},
		{"memory.search", func(ctx context.Context) (string, error) {
			hits, err := client.Memory.Search(ctx, agentID, sonzai.MemorySearchParams{Query: "Tokyo", UserID: user})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d hits for Tokyo", len(hits)), nil
		}},
		{"personality.get", func(ctx context.Context) (string, error) {
			p, err := client.Personality.Get(ctx, agentID, sonzai.PersonalityParams{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d evolution entries", len(p.Evolution)), nil
		}},
		{"insights.recentShifts", func(ctx context.Context) (string, error) {
			s, err := client.Insights.RecentShifts(ctx, agentID)
			return fmt.Sprintf("%d shifts", len(s)), err
		}},
		{"insights.significantMoments", func(ctx context.Context) (string, error) {
			m, err := client.Insights.SignificantMoments(ctx, agentID, sonzai.SignificantMomentsParams{Limit: 10})
			return fmt.Sprintf("%d moments", len(m)), err
		}},
		{"mood.get", func(ctx context.Context) (string, error) {
			m, err := client.Mood.Get(ctx, agentID, sonzai.MoodParams{UserID: user})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s, valence %+.2f", m.Label, m.Valence), nil
		}},
		{"goals.list", func(ctx context.Context) (string, error) {
			g, err := client.Goals.List(ctx, agentID, sonzai.GoalListParams{UserID: user})
			return fmt.Sprintf("%d goals", len(g)), err
		}},
		{"habits.list", func(ctx context.Context) (string, error) {
			h, err := client.Habits.List(ctx, agentID, sonzai.HabitListParams{UserID: user})
			return fmt.Sprintf("%d habits", len(h)), err
		}},
		{"interests.list", func(ctx context.Context) (string, error) {
			i, err := client.Interests.List(ctx, agentID, sonzai.InterestListParams{UserID: user})
			return fmt.Sprintf("%d interests", len(i)), err
		}},
		{"relationships.list", func(ctx context.Context) (string, error) {
			r, err := client.Relationships.List(ctx, agentID)
			return fmt.Sprintf("%d relationships", len(r)), err
		}},

		// Proactive notifications: deliver, then consume.
		{"notifications.list + consume", func(ctx context.Context) (string, error) {
			list, err := client.Notifications.List(ctx, agentID, sonzai.NotificationListParams{UserID: user})
			if err != nil {
				return "", err
			}
			consumed := 0
			for n, err := range client.Notifications.Pending(ctx, agentID, sonzai.NotificationListParams{UserID: user}) {
				if err != nil {
					return "", err
				}
				if err := client.Notifications.Consume(ctx, agentID, n.MessageID); err != nil {
					return "", err
				}
				consumed++
			}
			return fmt.Sprintf("%d listed, %d pending consumed", len(list), consumed), nil
		}},

		// Chat.
		{"chat.stream", func(ctx context.Context) (string, error) {
			stream, err := client.Chat.Stream(ctx, agentID, sonzai.ChatParams{
				UserID: user, Messages: []sonzai.Message{sonzai.UserMessage("What do you remember about me?")},
			})
			if err != nil {
				return "", err
			}
			res, err := stream.Collect()
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d chars in session %s", len(res.Text), res.SessionID), nil
		}},
		{"chat.streamPlayground", func(ctx context.Context) (string, error) {
			stream, err := client.Chat.StreamPlayground(ctx, agentID, sonzai.ChatParams{
				UserID: user, Messages: []sonzai.Message{sonzai.UserMessage("Say hello.")},
			})
			if err != nil {
				return "", err
			}
			res, err := stream.Collect()
			return fmt.Sprintf("finish %q", res.FinishReason), err
		}},
		{"chat.async", func(ctx context.Context) (string, error) {
			var err error
			asyncChat, err = client.Chat.Async(ctx, agentID, sonzai.ChatParams{
				UserID: user, Messages: []sonzai.Message{sonzai.UserMessage("Plan a hike for Saturday.")},
			})
			if err != nil {
				return "", err
			}
			return "processing id " + asyncChat.ProcessingID, nil
		}},
		{"chat.asyncResult + waitAsync", func(ctx context.Context) (string, error) {
			first, err := client.Chat.AsyncResult(ctx, agentID, asyncChat.ProcessingID)
			if err != nil {
				return "", err
			}
			final, err := client.Chat.WaitAsync(ctx, agentID, asyncChat.ProcessingID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s → %s, %d chars", first.Status, final.Status, len(final.Response)), nil
		}},

		// The agent's inner life: goals, habits, mood, wake-ups. What is
		// created here goes with the agent when it is deleted; the goal and
		// the habit are deleted on the way.
		{"goals.create + update + breakthroughs + delete", func(ctx context.Context) (string, error) {
			g, err := client.Goals.Create(ctx, agentID, sonzai.GoalCreateParams{Title: "Plan a hike together", UserID: user})
			if err != nil {
				return "", err
			}
			if _, err := client.Goals.Update(ctx, agentID, g.GoalID, sonzai.GoalUpdateParams{Status: sonzai.Ptr(sonzai.GoalAchieved)}); err != nil {
				return "", err
			}
			b, err := client.Goals.Breakthroughs(ctx, agentID, sonzai.BreakthroughsParams{UserID: user})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("goal %s achieved, %d breakthroughs", g.GoalID, len(b)), client.Goals.Delete(ctx, agentID, g.GoalID, sonzai.GoalDeleteParams{})
		}},
		{"habits.create + update + delete", func(ctx context.Context) (string, error) {
			h, err := client.Habits.Create(ctx, agentID, sonzai.HabitCreateParams{Name: "weekend_hike", DisplayName: "Weekend hike", UserID: user})
			if err != nil {
				return "", err
			}
			if _, err := client.Habits.Update(ctx, agentID, h.Name, sonzai.HabitUpdateParams{Category: sonzai.Ptr("outdoors"), UserID: user}); err != nil {
				return "", err
			}
			return "habit " + h.Name, client.Habits.Delete(ctx, agentID, h.Name, sonzai.HabitDeleteParams{UserID: user})
		}},
		{"mood.update + history + aggregate", func(ctx context.Context) (string, error) {
			if _, err := client.Mood.Update(ctx, agentID, sonzai.MoodUpdateParams{Valence: 70, Arousal: 50, Tension: 20, Affiliation: 60, UserID: user}); err != nil {
				return "", err
			}
			h, err := client.Mood.History(ctx, agentID, sonzai.MoodHistoryParams{UserID: user, Limit: 10})
			if err != nil {
				return "", err
			}
			a, err := client.Mood.Aggregate(ctx, agentID, sonzai.MoodAggregateParams{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d history entries, %d users in the aggregate", len(h), a.UserCount), nil
		}},
		{"wakeups.schedule + list", func(ctx context.Context) (string, error) {
			wk, err := client.Wakeups.Schedule(ctx, agentID, sonzai.WakeupScheduleParams{
				UserID: user, CheckType: "check_in", Intent: "ask how the hike went", After: 48 * time.Hour,
			})
			if err != nil {
				return "", err
			}
			list, err := client.Wakeups.List(ctx, agentID, sonzai.WakeupListParams{})
			return fmt.Sprintf("wake-up %s, %d listed", wk.WakeupID, len(list)), err
		}},

		// Webhooks: register, rotate, list attempts and delete, for the API
		// key's project and then by the project's id. The event type is the
		// walkthrough's own, so no registration of yours is touched.
		{"webhooks (key's project, then by id)", func(ctx context.Context) (msg string, err error) {
			const ev = webhook.EventType("sonzai_go_walkthrough")
			hook := sonzai.WebhookUpsertParams{WebhookURL: "https://example.invalid/sonzai-go-walkthrough"}
			var registered *sonzai.WebhooksService
			defer func() {
				if err != nil && registered != nil {
					_ = registered.Delete(context.WithoutCancel(ctx), ev) // leave nothing behind
				}
			}()
			if _, err := client.Webhooks.Upsert(ctx, ev, hook); err != nil {
				return "", err
			}
			registered = client.Webhooks
			hooks, err := client.Webhooks.List(ctx)
			if err != nil {
				return "", err
			}
			projectID := ""
			for _, h := range hooks {
				if h.EventType == ev {
					projectID = h.ProjectID
				}
			}
			if projectID == "" {
				return "", fmt.Errorf("the registration of %q is not listed", ev)
			}
			rotations := 0
			for _, svc := range []*sonzai.WebhooksService{client.Webhooks, client.Webhooks.ForProject(projectID)} {
				if _, err := svc.Upsert(ctx, ev, hook); err != nil {
					return "", err
				}
				registered = svc
				if _, err := svc.List(ctx); err != nil {
					return "", err
				}
				rot, err := svc.RotateSecret(ctx, ev)
				if err != nil {
					return "", err
				}
				if rot.SigningSecret != "" {
					rotations++
				}
				if _, err := svc.ListAttemptsPage(ctx, ev, sonzai.DeliveryAttemptListParams{PageSize: 10}); err != nil {
					return "", err
				}
				if err := svc.Delete(ctx, ev); err != nil {
					return "", err
				}
				registered = nil
			}
			return fmt.Sprintf("project %s, %d new secrets", projectID, rotations), nil
		}},

		// Clean up.
		{"agents.delete", func(ctx context.Context) (string, error) {
			res, err := client.Agents.Delete(ctx, agentID)
			if err != nil {
				return "", err
			}
			agentID = ""
			return "status " + res.Status, nil
		}},
	}
	steps = append(steps[:len(steps)-1], append(knowledgeSteps(client, &agentID), steps[len(steps)-1])...)
	// The memory steps run before the last one, the clean-up.
	cleanup := steps[len(steps)-1]
	steps = append(append(steps[:len(steps)-1], memorySteps(client, &agentID, user)...), cleanup)
	steps = append(append(steps[:len(steps)-1], agentsToolsSteps(client, &agentID)...), cleanup)
	steps = append(append(steps[:len(steps)-1], directorySteps(client, &agentID, user)...), cleanup)
	steps = append(append(steps[:len(steps)-1], lifeSteps(client, &agentID, user)...), cleanup)

	for _, s := range steps {
		if err := w.step(s.name, s.f); err != nil {
			if agentID != "" {
				// Leave nothing behind on the real API.
				cleanupCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				_, _ = client.Agents.Delete(cleanupCtx, agentID)
				cancel()
			}
			return err
		}
	}
	fmt.Fprintf(out, "walkthrough: all %d steps passed\n", w.steps)
	return nil
}
