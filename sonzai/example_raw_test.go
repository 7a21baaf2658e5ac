package sonzai_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// Every operation of the API is a method of Client.Raw, named after its
// operationId, with the request and answer types of package gen. Calls go
// through the client's pipeline: its key, retries, timeouts and logging,
// and a non-2xx answer is a *sonzai.APIError.
func ExampleClient_Raw() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, err := fake.Client() // with a real key: sonzai.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	raw := client.Raw()

	mood, err := raw.GetMoodWithResponse(ctx, agentID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("mood:", mood.JSON200.Mood.Label)

	// In an update, nil leaves a field as it is: set only what changes.
	priority := int64(1)
	goal, err := raw.UpdateGoalWithResponse(ctx, agentID, "goal_mia_2", gen.UpdateGoalInputBody{Priority: &priority})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", goal.StatusCode())
	// Output:
	// mood: cheerful
	// status: 200
}
