package sonzai_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
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
