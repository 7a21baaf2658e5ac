package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

type quest struct {
	Stage   int      `json:"stage"`
	Done    bool     `json:"done"`
	Clues   []string `json:"clues"`
	Comment string   `json:"comment,omitempty"`
}

// TestCustomStatesRoundTripThroughFake: a typed value goes in by key and
// comes back equal; list, update by id and both deletes behave.
func TestCustomStatesRoundTripThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := sonzai.CustomStateKey{Key: "quest", Scope: sonzai.CustomStateScopeUser, UserID: "u1"}
	in := quest{Stage: 2, Clues: []string{"map", "key"}}
	st, err := sonzai.UpsertCustomState(ctx, c.CustomStates, agentID, key, in)
	if err != nil {
		t.Fatal(err)
	}
	if st.StateID == "" || st.Key != "quest" || st.Scope != sonzai.CustomStateScopeUser || st.UserID != "u1" || st.ContentType != sonzai.CustomStateJSON || st.CreatedAt.IsZero() {
		t.Errorf("UpsertCustomState = %+v", st)
	}
	out, got, err := sonzai.GetCustomState[quest](ctx, c.CustomStates, agentID, key)
	if err != nil {
		t.Fatal(err)
	}
	if out.Stage != 2 || len(out.Clues) != 2 || out.Clues[1] != "key" || got.StateID != st.StateID {
		t.Errorf("GetCustomState = %+v, %+v", out, got)
	}
	// Upserting again replaces the value in place.
	in.Done = true
	again, err := sonzai.UpsertCustomState(ctx, c.CustomStates, agentID, key, in)
	if err != nil || again.StateID != st.StateID {
		t.Fatalf("second upsert = %+v, %v; want the same state", again, err)
	}
	// The same key for the agent as a whole is another state.
	global, err := c.CustomStates.Create(ctx, agentID, sonzai.CustomStateCreateParams{
		CustomStateKey: sonzai.CustomStateKey{Key: "quest"}, Value: "open",
	})
	if err != nil {
		t.Fatal(err)
	}
	if global.Scope != sonzai.CustomStateScopeGlobal || global.ContentType != sonzai.CustomStateText || string(global.Value) != `"open"` {
		t.Errorf("Create = %+v", global)
	}
	_, err = c.CustomStates.Create(ctx, agentID, sonzai.CustomStateCreateParams{CustomStateKey: sonzai.CustomStateKey{Key: "quest"}, Value: "again"})
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Errorf("creating an existing key: err = %v, want a 409", err)
	}
	all, err := c.CustomStates.List(ctx, agentID, sonzai.CustomStateListParams{Key: "quest"})
	if err != nil || len(all) != 2 {
		t.Fatalf("List = %d states, %v; want 2", len(all), err)
	}
	users, err := c.CustomStates.List(ctx, agentID, sonzai.CustomStateListParams{Scope: sonzai.CustomStateScopeUser})
	if err != nil || len(users) != 1 || users[0].StateID != st.StateID {
		t.Fatalf("List(user scope) = %+v, %v", users, err)
	}
	// Update by id: false is a value like any other.
	updated, err := c.CustomStates.Update(ctx, agentID, global.StateID, sonzai.CustomStateUpdateParams{Value: false})
	if err != nil || string(updated.Value) != "false" || updated.ContentType != sonzai.CustomStateText {
		t.Fatalf("Update = %+v, %v", updated, err)
	}
	if err := c.CustomStates.Delete(ctx, agentID, global.StateID); err != nil {
		t.Fatal(err)
	}
	if err := c.CustomStates.DeleteByKey(ctx, agentID, key); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"GetByKey":    func() error { _, err := c.CustomStates.GetByKey(ctx, agentID, key); return err }(),
		"DeleteByKey": c.CustomStates.DeleteByKey(ctx, agentID, key),
		"Delete":      c.CustomStates.Delete(ctx, agentID, global.StateID),
		"Update": func() error {
			_, err := c.CustomStates.Update(ctx, agentID, global.StateID, sonzai.CustomStateUpdateParams{Value: 1})
			return err
		}(),
		"List unknown agent": func() error {
			_, err := c.CustomStates.List(ctx, "no-such-agent", sonzai.CustomStateListParams{})
			return err
		}(),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// TestGetCustomStateWrongType: a stored value that does not fit T is an
// error naming the key, with the state still returned.
func TestGetCustomStateWrongType(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := sonzai.CustomStateKey{Key: "mode"}
	if _, err := c.CustomStates.UpsertByKey(ctx, agentID, sonzai.CustomStateUpsertParams{CustomStateKey: key, Value: "dark"}); err != nil {
		t.Fatal(err)
	}
	_, st, err := sonzai.GetCustomState[quest](ctx, c.CustomStates, agentID, key)
	if err == nil || st == nil || !strings.Contains(err.Error(), `"mode"`) {
		t.Errorf("GetCustomState[quest] on a string: %v, %v", st, err)
	}
	s, _, err := sonzai.GetCustomState[string](ctx, c.CustomStates, agentID, key)
	if err != nil || s != "dark" {
		t.Errorf("GetCustomState[string] = %q, %v", s, err)
	}
}

// TestCustomStateUpdateWire: the unset content type stays off the wire, a
// set one is sent, and false is sent as the value.
func TestCustomStateUpdateWire(t *testing.T) {
	var bodies []string
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Method != http.MethodPut || r.URL.EscapedPath() != "/api/v1/agents/a1/custom-states/s%2F1" {
			t.Errorf("request = %s %s", r.Method, r.URL.EscapedPath())
		}
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, compactJSON(string(b)))
		writeRaw(w, 200, `{"state_id":"s/1","agent_id":"a1","instance_id":null,"scope":"global","user_id":null,"key":"k","value":false,"content_type":"json","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`)
	}))
	ctx := context.Background()
	if _, err := c.CustomStates.Update(ctx, "a1", "s/1", sonzai.CustomStateUpdateParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	st, err := c.CustomStates.Update(ctx, "a1", "s/1", sonzai.CustomStateUpdateParams{Value: 0, ContentType: sonzai.Ptr(sonzai.CustomStateJSON)})
	if err != nil {
		t.Fatal(err)
	}
	if st.UserID != "" || st.InstanceID != "" || string(st.Value) != "false" {
		t.Errorf("decoded = %+v", st)
	}
	want := []string{`{"value":false}`, `{"content_type":"json","value":0}`}
	if len(bodies) != 2 || bodies[0] != want[0] || bodies[1] != want[1] {
		t.Errorf("bodies = %q, want %q", bodies, want)
	}
}

func TestCustomStatesInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	userNoID := sonzai.CustomStateKey{Key: "k", Scope: sonzai.CustomStateScopeUser}
	cases := []struct {
		name, field string
		do          func(c *sonzai.Client) error
	}{
		{"List agent", "agentID", func(c *sonzai.Client) error {
			_, err := c.CustomStates.List(ctx, "", sonzai.CustomStateListParams{})
			return err
		}},
		{"List scope", "CustomStateListParams.Scope", func(c *sonzai.Client) error {
			_, err := c.CustomStates.List(ctx, "a1", sonzai.CustomStateListParams{Scope: "team"})
			return err
		}},
		{"Create no key", "CustomStateCreateParams.Key", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Create(ctx, "a1", sonzai.CustomStateCreateParams{Value: 1})
			return err
		}},
		{"Create nil value", "CustomStateCreateParams.Value", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Create(ctx, "a1", sonzai.CustomStateCreateParams{CustomStateKey: sonzai.CustomStateKey{Key: "k"}})
			return err
		}},
		{"Create content type", "CustomStateCreateParams.ContentType", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Create(ctx, "a1", sonzai.CustomStateCreateParams{CustomStateKey: sonzai.CustomStateKey{Key: "k"}, Value: 1, ContentType: "xml"})
			return err
		}},
		{"Create user scope without user", "CustomStateCreateParams.UserID", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Create(ctx, "a1", sonzai.CustomStateCreateParams{CustomStateKey: userNoID, Value: 1})
			return err
		}},
		{"Upsert user without scope", "CustomStateUpsertParams.Scope", func(c *sonzai.Client) error {
			_, err := c.CustomStates.UpsertByKey(ctx, "a1", sonzai.CustomStateUpsertParams{CustomStateKey: sonzai.CustomStateKey{Key: "k", UserID: "u1"}, Value: 1})
			return err
		}},
		{"Upsert bad raw JSON", "CustomStateUpsertParams.Value", func(c *sonzai.Client) error {
			_, err := c.CustomStates.UpsertByKey(ctx, "a1", sonzai.CustomStateUpsertParams{CustomStateKey: sonzai.CustomStateKey{Key: "k"}, Value: json.RawMessage("{")})
			return err
		}},
		{"GetByKey empty key", "CustomStateKey.Key", func(c *sonzai.Client) error {
			_, err := c.CustomStates.GetByKey(ctx, "a1", sonzai.CustomStateKey{Key: " "})
			return err
		}},
		{"GetCustomState scope", "CustomStateKey.Scope", func(c *sonzai.Client) error {
			_, _, err := sonzai.GetCustomState[int](ctx, c.CustomStates, "a1", sonzai.CustomStateKey{Key: "k", Scope: "everyone"})
			return err
		}},
		{"UpsertCustomState user", "CustomStateUpsertParams.UserID", func(c *sonzai.Client) error {
			_, err := sonzai.UpsertCustomState(ctx, c.CustomStates, "a1", userNoID, quest{})
			return err
		}},
		{"DeleteByKey user", "CustomStateKey.UserID", func(c *sonzai.Client) error { return c.CustomStates.DeleteByKey(ctx, "a1", userNoID) }},
		{"Update state id", "stateID", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Update(ctx, "a1", "", sonzai.CustomStateUpdateParams{Value: 1})
			return err
		}},
		{"Update nil value", "CustomStateUpdateParams.Value", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Update(ctx, "a1", "s1", sonzai.CustomStateUpdateParams{})
			return err
		}},
		{"Update empty content type", "CustomStateUpdateParams.ContentType", func(c *sonzai.Client) error {
			_, err := c.CustomStates.Update(ctx, "a1", "s1", sonzai.CustomStateUpdateParams{Value: 1, ContentType: sonzai.Ptr(sonzai.CustomStateContentType(""))})
			return err
		}},
		{"Delete state id", "stateID", func(c *sonzai.Client) error { return c.CustomStates.Delete(ctx, "a1", "..") }},
	}
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
