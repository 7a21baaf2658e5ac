package sonzai_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2AgentIDHeaderChecked: the node operations send
// NodeCreateParams/NodeUpdateParams/NodeCheckedDeleteParams.AgentID as the
// X-Agent-Id header. One with a control character (a line break read with
// the id) was refused by net/http as the request was sent: a plain error,
// not ErrInvalidArgument, and, as a request that was never written, retried
// with backoff before failing again. It is now a *ValidationError, and
// nothing is attempted.
func TestReview2AgentIDHeaderChecked(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"node":{"node_id":"n1"},"ok":true}`)
	bad := "agent-1\r\nX-Evil: 1"
	cases := map[string]func() error{
		"NodeCreateParams.AgentID": func() error {
			_, err := c.Knowledge.CreateNode(ctx, "p1", sonzai.NodeCreateParams{NodeType: "drug", Label: "Aspirin", AgentID: bad})
			return err
		},
		"NodeUpdateParams.AgentID": func() error {
			_, err := c.Knowledge.UpdateNode(ctx, "p1", "n1", sonzai.NodeUpdateParams{
				Properties: map[string]sonzai.ValueChange{"dose": {Current: "1", New: "2"}}, AgentID: "a\x00"})
			return err
		},
		"NodeCheckedDeleteParams.AgentID": func() error {
			return c.Knowledge.DeleteNodeChecked(ctx, "p1", "n1", sonzai.NodeCheckedDeleteParams{ExpectedLabel: "Aspirin", AgentID: bad})
		},
	}
	for field, call := range cases {
		err := call()
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: err = %v, want a *ValidationError naming %s", field, err, field)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests reached the server", got)
	}
	// A plain id still goes through.
	if _, err := c.Knowledge.CreateNode(ctx, "p1", sonzai.NodeCreateParams{NodeType: "drug", Label: "Aspirin", AgentID: "agent-1"}); err != nil {
		t.Fatal(err)
	}
}
