package sonzai_test

import (
	"context"
	"fmt"
	"log"
	"time"
	_ "time/tzdata" // the zone database, for a machine without one

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// A schedule round trip: a weekday check-in at 9:00 in the user's zone,
// previewed, paused, and deleted.
func ExampleSchedulesService_Create() {
	// A fake whose clock reads Monday 2 March 2026, 08:00 UTC.
	fake := sonzaitest.New(sonzaitest.WithClock(sonzaitest.NewFakeClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))))
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		log.Fatal(err)
	}
	created, err := client.Schedules.Create(ctx, agentID, "user-42", sonzai.ScheduleCreateParams{
		Cadence:   sonzai.ScheduleCadence{Cron: "0 9 * * 1-5", Location: tokyo},
		Intent:    "ask how the training plan is going",
		CheckType: "check_in",
	})
	if err != nil {
		log.Fatal(err)
	}
	next, err := client.Schedules.Upcoming(ctx, agentID, "user-42", created.ScheduleID, sonzai.ScheduleUpcomingParams{Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range next {
		fmt.Println(t.In(tokyo).Format("Mon 2 Jan 15:04"))
	}

	paused, err := client.Schedules.Update(ctx, agentID, "user-42", created.ScheduleID, sonzai.ScheduleUpdateParams{Enabled: sonzai.Ptr(false)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("enabled:", paused.Enabled)

	if err := client.Schedules.Delete(ctx, agentID, "user-42", created.ScheduleID); err != nil {
		log.Fatal(err)
	}
	left, err := client.Schedules.List(ctx, agentID, "user-42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("left:", len(left))
	// Output:
	// Tue 3 Mar 09:00
	// Wed 4 Mar 09:00
	// Thu 5 Mar 09:00
	// enabled: false
	// left: 0
}

// An inventory round trip: items added one by one and in bulk, listed,
// counted by type, changed and removed.
func ExampleInventoryService_Import() {
	fake := sonzaitest.New()
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	card, err := client.Inventory.CreateItem(ctx, agentID, "user-42", sonzai.InventoryItemCreateParams{
		ItemType: "pokemon_card", Label: "Charizard", Properties: map[string]any{"quantity": 1, "condition": "mint"},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Any number of items: Import sends them in requests of at most
	// sonzai.MaxInventoryItemsPerRequest (here 2, to show the split).
	res, err := client.Inventory.Import(ctx, agentID, "user-42", sonzai.InventoryImportParams{BatchSize: 2, Items: []sonzai.InventoryImportItem{
		{ItemType: "pokemon_card", Label: "Pikachu", Properties: map[string]any{"quantity": 3}},
		{ItemType: "pokemon_card", Label: "Bulbasaur", Properties: map[string]any{"quantity": 2}},
		{ItemType: "booster", Label: "Base Set booster", Properties: map[string]any{"quantity": 1}},
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("imported %d in %d requests\n", res.Added, res.Batches)

	for item, err := range client.Inventory.List(ctx, agentID, "user-42", sonzai.InventoryQueryParams{ItemType: "pokemon_card"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item.ItemLabel, item.UserProperties["quantity"])
	}
	counts, err := client.Inventory.Query(ctx, agentID, "user-42", sonzai.InventoryQueryParams{
		Mode: sonzai.InventoryAggregate, Aggregations: []string{"sum(quantity)"}, GroupBy: "item_type",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range counts.Groups {
		fmt.Println(g.Group, g.Values["sum(quantity)"])
	}

	// An update merges properties and makes a new version of the item.
	changed, err := client.Inventory.UpdateItem(ctx, agentID, "user-42", card.FactID, sonzai.InventoryItemUpdateParams{
		Properties: map[string]any{"quantity": 2},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Inventory.DeleteItem(ctx, agentID, "user-42", changed.FactID, sonzai.InventoryItemDeleteParams{}); err != nil {
		log.Fatal(err)
	}
	left, err := client.Inventory.Query(ctx, agentID, "user-42", sonzai.InventoryQueryParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("left:", left.TotalItems)
	// Output:
	// imported 3 in 2 requests
	// Charizard 1
	// Pikachu 3
	// Bulbasaur 2
	// booster 1
	// pokemon_card 6
	// left: 3
}

// A constellation round trip: nodes added for a user show in the graph,
// then are changed and removed.
func ExampleConstellationService_CreateNode() {
	fake := sonzaitest.New()
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	trail, err := client.Constellation.CreateNode(ctx, agentID, sonzai.ConstellationNodeCreateParams{
		Label: "Kumano Kodo", Description: "The trail the user is training for", UserID: "user-42", Significance: sonzai.Ptr(0.8),
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Constellation.CreateNode(ctx, agentID, sonzai.ConstellationNodeCreateParams{Label: "Rainy weekends", UserID: "user-42"}); err != nil {
		log.Fatal(err)
	}
	graph, err := client.Constellation.Get(ctx, agentID, sonzai.ConstellationParams{UserID: "user-42"})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range graph.Nodes {
		fmt.Println(n.Label, n.NodeType, n.Significance)
	}

	renamed, err := client.Constellation.UpdateNode(ctx, agentID, trail.NodeID, sonzai.ConstellationNodeUpdateParams{Label: sonzai.Ptr("Kumano Kodo pilgrimage")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(renamed.Label)
	if err := client.Constellation.DeleteNode(ctx, agentID, trail.NodeID); err != nil {
		log.Fatal(err)
	}
	graph, err = client.Constellation.Get(ctx, agentID, sonzai.ConstellationParams{UserID: "user-42"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("nodes left:", len(graph.Nodes))
	// Output:
	// Kumano Kodo theme 0.8
	// Rainy weekends theme 0.5
	// Kumano Kodo pilgrimage
	// nodes left: 1
}
