package sonzai_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReview2CustomStateValueNotJSONIsInvalid: a custom state's Value
// that JSON cannot carry (a NaN, an infinity, a channel) failed while the
// request was built with a plain error, which errors.Is ErrInvalidArgument
// does not recognize as the caller's bad input (the other free-form values
// were made *ValidationErrors in 720b825); UpsertCustomState's encoding
// error was plain too. Each is now a *ValidationError naming the value,
// and nothing is sent.
func TestReview2CustomStateValueNotJSONIsInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{}`)
	key := sonzai.CustomStateKey{Key: "score"}
	type state struct{ Score float64 }
	cases := map[string]func() error{
		"CustomStateCreateParams.Value": func() error {
			_, err := c.CustomStates.Create(ctx, "a1", sonzai.CustomStateCreateParams{CustomStateKey: key, Value: math.NaN()})
			return err
		},
		"CustomStateUpsertParams.Value": func() error {
			_, err := c.CustomStates.UpsertByKey(ctx, "a1", sonzai.CustomStateUpsertParams{CustomStateKey: key, Value: map[string]any{"x": math.Inf(1)}})
			return err
		},
		"CustomStateUpdateParams.Value": func() error {
			_, err := c.CustomStates.Update(ctx, "a1", "s1", sonzai.CustomStateUpdateParams{Value: make(chan int)})
			return err
		},
		"UpsertCustomState": func() error {
			_, err := sonzai.UpsertCustomState(ctx, c.CustomStates, "a1", key, state{Score: math.NaN()})
			return err
		},
	}
	for field, call := range cases {
		err := call()
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, sonzai.ErrInvalidArgument) || !strings.HasPrefix(ve.Field, field) {
			t.Errorf("%s: err = %v, want a *ValidationError naming %s", field, err, field)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for values that cannot be encoded", got)
	}
}

// TestReview2FactMetadataNotJSONIsInvalid: a fact's Metadata that JSON
// cannot carry was not checked; Memory.CreateFacts sent the batches before
// it and then failed while building the batch holding it, a *FactBatchError
// around a plain error, leaving part of the import stored (as Inventory.Import
// did before 7e7dd2d). CreateFacts, CreateFact and UpdateFact now refuse it
// as a *ValidationError before sending anything.
func TestReview2FactMetadataNotJSONIsInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"facts_created":1,"facts":[]}`)
	facts := make([]sonzai.FactCreateParams, 3)
	for i := range facts {
		facts[i] = sonzai.FactCreateParams{Content: "likes tea"}
	}
	facts[2].Metadata = map[string]any{"weight": math.NaN()}
	cases := map[string]func() error{
		"FactBulkCreateParams.Facts[2].Metadata": func() error {
			_, err := c.Memory.CreateFacts(ctx, "a1", sonzai.FactBulkCreateParams{Facts: facts, BatchSize: 1})
			return err
		},
		"FactCreateParams.Metadata": func() error {
			_, err := c.Memory.CreateFact(ctx, "a1", facts[2])
			return err
		},
		"FactUpdateParams.Metadata": func() error {
			_, err := c.Memory.UpdateFact(ctx, "a1", "f1", sonzai.FactUpdateParams{Metadata: map[string]any{"x": math.Inf(-1)}})
			return err
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
		t.Errorf("%d requests sent; a metadata value that cannot be encoded must be refused before the first batch", got)
	}
}

// TestReview2ChatAndToolValuesNotJSONAreInvalid: ChatParams' free-form
// maps (ToolCapabilities, ToolDefinitions, GameContext, SkillLevels) and a
// session Tool's Parameters were not checked, so a NaN in them failed while
// the request was built with a plain error instead of a *ValidationError.
func TestReview2ChatAndToolValuesNotJSONAreInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{"success":true,"processing_id":"p1"}`)
	msgs := []sonzai.Message{sonzai.UserMessage("hi")}
	cases := map[string]func() error{
		"ChatParams.GameContext": func() error {
			_, err := c.Chat.Async(ctx, "a1", sonzai.ChatParams{Messages: msgs, UserID: "u1", GameContext: map[string]any{"hp": math.NaN()}})
			return err
		},
		"ChatParams.ToolDefinitions": func() error {
			_, err := c.Chat.Stream(ctx, "a1", sonzai.ChatParams{Messages: msgs, UserID: "u1", ToolDefinitions: []any{math.Inf(1)}})
			return err
		},
		"StartParams.Tools[0].Parameters": func() error {
			_, err := c.Sessions.Start(ctx, "a1", sonzai.StartParams{UserID: "u1",
				Tools: []sonzai.Tool{{Name: "roll", Parameters: map[string]any{"max": math.NaN()}}}})
			return err
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
		t.Errorf("%d requests sent for values that cannot be encoded", got)
	}
}

// TestReview2AgentCreateScoresNotFiniteAreInvalid: Agents.Create sent its
// Big5, Dimensions and seed-memory importances unchecked; a NaN failed
// while the request was built with a plain error (Generation.SeedMemories
// was fixed in 3ade7df, Agents.Create was not). Each is now a
// *ValidationError naming the field.
func TestReview2AgentCreateScoresNotFiniteAreInvalid(t *testing.T) {
	ctx := context.Background()
	c, n := serveCallAny(t, `{}`)
	nan := math.NaN()
	cases := map[string]sonzai.AgentCreateParams{
		"AgentCreateParams.Big5":                       {Name: "x", Big5: &sonzai.Big5Scores{Openness: nan}},
		"AgentCreateParams.Dimensions":                 {Name: "x", Dimensions: &sonzai.PersonalityDimensions{Volatility: math.Inf(1)}},
		"AgentCreateParams.SeedMemories[1].Importance": {Name: "x", SeedMemories: []sonzai.SeedMemory{{Content: "a"}, {Content: "b", Importance: nan}}},
	}
	for field, p := range cases {
		_, err := c.Agents.Create(ctx, p)
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: err = %v, want a *ValidationError naming %s", field, err, field)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for scores that cannot be encoded", got)
	}
}
