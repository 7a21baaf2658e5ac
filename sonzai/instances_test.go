package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// dirBadInput is a call that must fail validation on field, sending
// nothing.
type dirBadInput struct {
	name, field string
	do          func(c *sonzai.Client) error
}

// checkDirBadInputs runs cases against a server that must not be reached.
func checkDirBadInputs(t *testing.T, cases []dirBadInput) {
	t.Helper()
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "must not be reached") }))
	for _, tc := range cases {
		err := tc.do(c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}

func TestInstancesInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	checkDirBadInputs(t, []dirBadInput{
		{"List agent", "agentID", func(c *sonzai.Client) error { _, err := c.Instances.List(ctx, ""); return err }},
		{"Create no name", "InstanceCreateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Instances.Create(ctx, "a1", sonzai.InstanceCreateParams{Description: "x"})
			return err
		}},
		{"Get instance", "instanceID", func(c *sonzai.Client) error { _, err := c.Instances.Get(ctx, "a1", ".."); return err }},
		{"Update nothing", "InstanceUpdateParams", func(c *sonzai.Client) error {
			_, err := c.Instances.Update(ctx, "a1", "i1", sonzai.InstanceUpdateParams{})
			return err
		}},
		{"Update empty name", "InstanceUpdateParams.Name", func(c *sonzai.Client) error {
			_, err := c.Instances.Update(ctx, "a1", "i1", sonzai.InstanceUpdateParams{Name: sonzai.Ptr(" ")})
			return err
		}},
		{"Update empty status", "InstanceUpdateParams.Status", func(c *sonzai.Client) error {
			_, err := c.Instances.Update(ctx, "a1", "i1", sonzai.InstanceUpdateParams{Status: sonzai.Ptr(sonzai.InstanceStatus(""))})
			return err
		}},
		{"Delete instance", "instanceID", func(c *sonzai.Client) error { return c.Instances.Delete(ctx, "a1", "") }},
		{"Reset agent", "agentID", func(c *sonzai.Client) error { _, err := c.Instances.Reset(ctx, "", "i1"); return err }},
	})
}

// TestInstanceUpdateSendsOnlyWhatIsSet: nil stays off the wire, "" is sent.
func TestInstanceUpdateSendsOnlyWhatIsSet(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: http.MethodPatch, path: "/api/v1/agents/a%2F1/instances/i%201",
		body: `{"description":"","status":"archived"}`}, 200,
		`{"instance_id":"i 1","agent_id":"a/1","name":"n","status":"archived","is_default":false,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`)
	in, err := c.Instances.Update(context.Background(), "a/1", "i 1", sonzai.InstanceUpdateParams{
		Description: sonzai.Ptr(""), Status: sonzai.Ptr(sonzai.InstanceArchived)})
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != sonzai.InstanceArchived || in.CreatedAt.IsZero() {
		t.Errorf("Update = %+v", in)
	}
}

// TestInstanceResetIsNeverRetried: a reset that failed with a 5xx may have
// happened, so it is sent once; a delete is retried as DELETEs are.
func TestInstanceResetIsNeverRetried(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 503, "busy") }))
	if _, err := c.Instances.Reset(context.Background(), "a1", "i1"); !errors.Is(err, sonzai.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("Reset sent %d requests, want 1", got)
	}
	n.total.Store(0)
	if err := c.Instances.Delete(context.Background(), "a1", "i1"); !errors.Is(err, sonzai.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if got := n.total.Load(); got < 2 {
		t.Errorf("Delete sent %d requests, want retries", got)
	}
}

// TestInstanceListDecodes checks the list's path and that every field
// decodes.
func TestInstanceListDecodes(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/instances", query: url.Values(nil)}, 200,
		`{"instances":[{"instance_id":"i1","agent_id":"a1","name":"n","description":"d","status":"active","is_default":true,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}]}`)
	list, err := c.Instances.List(context.Background(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("List = %+v", list)
	}
	requireAllSet(t, "Instance", list[0])
}
