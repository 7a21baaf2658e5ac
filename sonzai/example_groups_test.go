package sonzai_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// One Example per resource group of the reads, each against a fresh fake
// whose demo agent is first told something (Pattern 2), so there is
// something to read.

func ExamplePersonalityService_Get() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	p, err := client.Personality.Get(ctx, agentID, sonzai.PersonalityParams{HistoryLimit: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Profile.Name, len(p.Profile.SpeechPatterns) > 0)
	// Output: Mia true
}

func ExampleInsightsService_SignificantMoments() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	moments, err := client.Insights.SignificantMoments(ctx, agentID, sonzai.SignificantMomentsParams{Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range moments {
		fmt.Println(m.Description)
	}
	// Output: Mia watched a meteor shower with a friend and talked about it for hours.
}

func ExampleHabitsService_List() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	learn := sonzai.ProcessParams{UserID: "user-123", Messages: []sonzai.Message{sonzai.UserMessage("I go running every morning.")}}
	if _, err := client.Agents.Process(ctx, agentID, learn); err != nil {
		log.Fatal(err)
	}

	habits, err := client.Habits.List(ctx, agentID, sonzai.HabitListParams{UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range habits {
		fmt.Println(h.DisplayName, h.Formed)
	}
	// Output: Go running every morning true
}

func ExampleInterestsService_List() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	learn := sonzai.ProcessParams{UserID: "user-123", Messages: []sonzai.Message{sonzai.UserMessage("I like hiking.")}}
	if _, err := client.Agents.Process(ctx, agentID, learn); err != nil {
		log.Fatal(err)
	}

	interests, err := client.Interests.List(ctx, agentID, sonzai.InterestListParams{UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	for _, i := range interests {
		fmt.Println(i.Topic)
	}
	// Output: hiking
}

func ExampleRelationshipsService_List() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	learn := sonzai.ProcessParams{UserID: "user-123", Messages: []sonzai.Message{sonzai.UserMessage("I love talking to you, this is wonderful!")}}
	if _, err := client.Agents.Process(ctx, agentID, learn); err != nil {
		log.Fatal(err)
	}

	relationships, err := client.Relationships.List(ctx, agentID)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range relationships {
		fmt.Println(r.UserID, r.LoveScore > 0)
	}
	// Output: user-123 true
}

func ExampleModelsService_ForAgent() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	models, err := client.Models.ForAgent(ctx, agentID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(models.DefaultProvider != "", len(models.Providers) > 0)
	// Output: true true
}

// Pending yields what the agent wants delivered; consume each once it
// reached the user.
func ExampleNotificationsService_Pending() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	learn := sonzai.ProcessParams{UserID: "user-123", Messages: []sonzai.Message{sonzai.UserMessage("Remind me to call mom.")}}
	if _, err := client.Agents.Process(ctx, agentID, learn); err != nil {
		log.Fatal(err)
	}

	for n, err := range client.Notifications.Pending(ctx, agentID, sonzai.NotificationListParams{UserID: "user-123"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(n.CheckType, n.GeneratedMessage)
		if err := client.Notifications.Consume(ctx, agentID, n.MessageID); err != nil {
			log.Fatal(err)
		}
	}
	// Output: reminder Hi! You asked me to remind you to call mom.
}

func ExampleGoalsService_Create() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	goal, err := client.Goals.Create(ctx, agentID, sonzai.GoalCreateParams{
		Title: "Learn to bake bread", Type: sonzai.GoalPersonalGrowth, Priority: 3,
	})
	if err != nil {
		log.Fatal(err)
	}
	// Only the fields set are sent: the title and description stay as they are.
	done := sonzai.GoalAchieved
	if _, err := client.Goals.Update(ctx, agentID, goal.GoalID, sonzai.GoalUpdateParams{Status: &done}); err != nil {
		log.Fatal(err)
	}
	goals, err := client.Goals.List(ctx, agentID, sonzai.GoalListParams{})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range goals {
		fmt.Println(g.Title, g.Status)
	}
	if err := client.Goals.Delete(ctx, agentID, goal.GoalID, sonzai.GoalDeleteParams{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Get to know each user active
	// Learn the constellations active
	// Learn to bake bread achieved
}

func ExampleMoodService_Update() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	_, err := client.Mood.Update(ctx, agentID, sonzai.MoodUpdateParams{
		UserID: "user-123", Valence: 80, Arousal: 60, Tension: 10, Affiliation: 70,
	})
	if err != nil {
		log.Fatal(err)
	}
	mood, err := client.Mood.Get(ctx, agentID, sonzai.MoodParams{UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(mood.Valence, mood.Tension)
	history, err := client.Mood.History(ctx, agentID, sonzai.MoodHistoryParams{UserID: "user-123"})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range history {
		fmt.Println(e.TriggerType, e.Valence)
	}
	// Output:
	// 80 10
	// override 80
}

// Upsert registers where an event type is delivered. Only the first
// registration returns the signing secret: store it, and give it to
// webhook.NewVerifier in the receiving service. ForProject does the same
// for one project's registrations.
func ExampleWebhooksService_Upsert() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	reg, err := client.Webhooks.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{
		WebhookURL: "https://backend.example.com/sonzai/webhooks",
	})
	if err != nil {
		log.Fatal(err)
	}
	secret := string(reg.SigningSecret) // store it now: it is not returned again
	fmt.Println(len(secret) > len("whsec_"), reg.SigningSecret)

	hooks, err := client.Webhooks.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hooks {
		fmt.Println(h.EventType, h.WebhookURL, h.IsActive)
	}
	// Output:
	// true whsec_[REDACTED]
	// session.end https://backend.example.com/sonzai/webhooks true
}

// UpsertCustomState stores a value of your own type under a key, and
// GetCustomState reads it back into that type.
func ExampleCustomStatesService_UpsertByKey() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	type Quest struct {
		Stage int      `json:"stage"`
		Clues []string `json:"clues"`
	}
	key := sonzai.CustomStateKey{Key: "quest", Scope: sonzai.CustomStateScopeUser, UserID: "user-123"}
	if _, err := sonzai.UpsertCustomState(ctx, client.CustomStates, agentID, key, Quest{Stage: 2, Clues: []string{"map"}}); err != nil {
		log.Fatal(err)
	}
	quest, _, err := sonzai.GetCustomState[Quest](ctx, client.CustomStates, agentID, key)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(quest.Stage, quest.Clues)
	if err := client.CustomStates.DeleteByKey(ctx, agentID, key); err != nil {
		log.Fatal(err)
	}
	// Output: 2 [map]
}

// Facts can be written directly: created, corrected (the old version
// stays in the history), listed and deleted.
func ExampleMemoryService_CreateFact() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	fact, err := client.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{
		UserID: "user-123", Content: "The user's dog is called Rex.", FactType: "personal",
	})
	if err != nil {
		log.Fatal(err)
	}
	fixed := sonzai.FactUpdateParams{Content: sonzai.Ptr("The user's dog is called Max.")}
	if _, err := client.Memory.UpdateFact(ctx, agentID, fact.FactID, fixed); err != nil {
		log.Fatal(err)
	}
	for f, err := range client.Memory.ListFacts(ctx, agentID, sonzai.FactListParams{UserID: "user-123"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(f.Content)
	}
	history, err := client.Memory.FactHistory(ctx, agentID, fact.FactID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("was:", history.PreviousVersions[0].AtomicText)
	if err := client.Memory.DeleteFact(ctx, agentID, fact.FactID); err != nil {
		log.Fatal(err)
	}
	// Output:
	// The user's dog is called Max.
	// was: The user's dog is called Rex.
}

func ExampleWakeupsService_Schedule() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	// Nine in the morning, the user's time, is sent with Tokyo's offset.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		log.Fatal(err)
	}
	at := time.Date(2030, time.March, 14, 9, 0, 0, 0, tokyo)
	w, err := client.Wakeups.Schedule(ctx, agentID, sonzai.WakeupScheduleParams{
		UserID: "user-123", CheckType: "check_in", Intent: "ask how the exam went", At: at,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("fires at", w.ScheduledAt.In(tokyo).Format(time.Kitchen), "Tokyo time")

	pending, err := client.Wakeups.List(ctx, agentID, sonzai.WakeupListParams{Status: sonzai.WakeupPending})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range pending {
		fmt.Println(p.CheckType, p.Intent)
	}
	// Output:
	// fires at 9:00AM Tokyo time
	// check_in ask how the exam went
}
