package sonzai_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2NullAnswerIsAnError: a 200 whose body is the JSON literal
// null (what a Go server writes for a nil pointer) decoded into a zero
// result and was returned as a success: GetCapabilities said every ability
// was off (which a read-modify-write through ReplaceCapabilities would then
// store), CreateNode returned a node without an id, Instances.Reset a reset
// of nothing. Such an answer carries no object and is now an error, as an
// empty body already was.
func TestReview2NullAnswerIsAnError(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{`null`, " null\n"} {
		c, _ := serveCallAny(t, body)
		cases := map[string]func() error{
			"getCapabilities": func() error { _, err := c.Agents.GetCapabilities(ctx, "a1"); return err },
			"kbAgentCreateNode": func() error {
				_, err := c.Knowledge.CreateNode(ctx, "p1", sonzai.NodeCreateParams{NodeType: "drug", Label: "Aspirin"})
				return err
			},
			"resetInstance": func() error { _, err := c.Instances.Reset(ctx, "a1", "i1"); return err },
			// a type with its own UnmarshalJSON
			"getTimeMachine": func() error {
				_, err := c.Insights.TimeMachine(ctx, "a1", sonzai.TimeMachineParams{At: time.Now()})
				return err
			},
			"getDiary": func() error { _, err := c.Diary.List(ctx, "a1", sonzai.DiaryListParams{}); return err },
			"kbListNodes": func() error {
				_, err := c.Knowledge.ListNodes(ctx, "p1", sonzai.NodeListParams{})
				return err
			},
		}
		for op, call := range cases {
			err := call()
			if err == nil || !strings.Contains(err.Error(), op) || !strings.Contains(err.Error(), "null") {
				t.Errorf("%s answered %q: err = %v, want an error saying the answer is null", op, body, err)
			}
		}
	}
}
