package sonzaitest

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkInnerLife creates, through the wrapped API, a goal to update, one to
// delete, and a habit for each, and returns their ids and names in that
// order (the walk may delete before it updates).
func walkInnerLife(ctx context.Context, t *testing.T, c *sonzai.Client) [4]string {
	t.Helper()
	var out [4]string
	for i, title := range []string{"walk goal to update", "walk goal to delete"} {
		g, err := c.Goals.Create(ctx, DemoAgentID, sonzai.GoalCreateParams{Title: title})
		if err != nil {
			t.Fatal(err)
		}
		out[i] = g.GoalID
	}
	for i, name := range []string{"walk-habit-update", "walk-habit-delete"} {
		if _, err := c.Habits.Create(ctx, DemoAgentID, sonzai.HabitCreateParams{Name: name, UserID: "walk-user"}); err != nil {
			t.Fatal(err)
		}
		out[2+i] = name
	}
	return out
}
