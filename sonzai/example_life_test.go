package sonzai_test

import (
	"context"
	"fmt"
	"log"
	"time"

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
