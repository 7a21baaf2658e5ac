package sonzai_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewUnencodableValuesAreValidationErrors: a free-form value the
// caller passes (properties, metadata, a simple cadence) that JSON cannot
// carry (NaN, ±Inf) used to surface as "building the request: json:
// unsupported value", a plain error, where every other bad input is a
// *ValidationError naming the field. Nothing may be sent either way.
func TestReviewUnencodableValuesAreValidationErrors(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{}`)
	}))
	ctx := context.Background()
	bad := map[string]any{"x": math.NaN()}
	inf := map[string]any{"nested": map[string]any{"y": math.Inf(1)}}
	cadence := sonzai.ScheduleCadence{Cron: "0 9 * * *", Location: time.UTC}
	cases := []struct {
		field string
		call  func() error
	}{
		{"InventoryUpdateParams.Properties", func() error {
			_, err := c.Inventory.Update(ctx, "a", "u", sonzai.InventoryUpdateParams{Action: sonzai.InventoryAdd, ItemType: "card", Properties: bad})
			return err
		}},
		{"InventoryItemCreateParams.Properties", func() error {
			_, err := c.Inventory.CreateItem(ctx, "a", "u", sonzai.InventoryItemCreateParams{ItemType: "card", Properties: bad})
			return err
		}},
		{"InventoryItemUpdateParams.Properties", func() error {
			_, err := c.Inventory.UpdateItem(ctx, "a", "u", "f", sonzai.InventoryItemUpdateParams{Properties: inf})
			return err
		}},
		{"KnowledgeFactInsertParams.Entities[0].Properties", func() error {
			_, err := c.Knowledge.InsertFacts(ctx, "p", sonzai.KnowledgeFactInsertParams{
				Entities: []sonzai.KnowledgeEntityInput{{EntityType: "drug", Label: "x", Properties: inf}}})
			return err
		}},
		{"PropertiesBulkUpdateParams.Updates[0].Properties", func() error {
			_, err := c.Knowledge.BulkUpdateProperties(ctx, "p", sonzai.PropertiesBulkUpdateParams{
				Updates: []sonzai.KnowledgeEntityInput{{EntityType: "drug", Label: "x", Properties: bad}}})
			return err
		}},
		{"NodeCreateParams.Properties", func() error {
			_, err := c.Knowledge.CreateNode(ctx, "p", sonzai.NodeCreateParams{NodeType: "drug", Label: "x", Properties: bad})
			return err
		}},
		{"OrgNodeCreateParams.Properties", func() error {
			_, err := c.Knowledge.CreateOrgNode(ctx, "t", sonzai.OrgNodeCreateParams{NodeType: "drug", Label: "x", Properties: bad})
			return err
		}},
		{"ScheduleCreateParams.Metadata", func() error {
			_, err := c.Schedules.Create(ctx, "a", "u", sonzai.ScheduleCreateParams{Cadence: cadence, Intent: "i", CheckType: "check_in", Metadata: bad})
			return err
		}},
		{"ScheduleCreateParams.Cadence.Simple", func() error {
			_, err := c.Schedules.Create(ctx, "a", "u", sonzai.ScheduleCreateParams{
				Cadence: sonzai.ScheduleCadence{Simple: bad, Location: time.UTC}, Intent: "i", CheckType: "check_in"})
			return err
		}},
		{"ScheduleUpdateParams.Metadata", func() error {
			_, err := c.Schedules.Update(ctx, "a", "u", "s", sonzai.ScheduleUpdateParams{Metadata: inf})
			return err
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: err = %v, want a *ValidationError naming it", tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d request(s) sent for invalid input", got)
	}
}

// TestReviewSeedMemoriesNonFiniteNumbers: Generation.SeedMemories sent its
// Big Five scores and importances unchecked, so a NaN or an infinity
// failed while the request was built ("json: unsupported value"), not as a
// *ValidationError naming the field.
func TestReviewSeedMemoriesNonFiniteNumbers(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"memories":[]}`)
	}))
	base := sonzai.SeedMemoriesGenerateParams{AgentName: "Ada", PersonalityPrompt: "curious"}
	cases := map[string]func(p *sonzai.SeedMemoriesGenerateParams){
		"SeedMemoriesGenerateParams.Big5.Neuroticism": func(p *sonzai.SeedMemoriesGenerateParams) {
			p.Big5 = &sonzai.Big5Scores{Openness: 0.5, Neuroticism: math.NaN()}
		},
		"SeedMemoriesGenerateParams.IdentityMemoryTemplates[0].Importance": func(p *sonzai.SeedMemoriesGenerateParams) {
			p.IdentityMemoryTemplates = []sonzai.SeedMemoryTemplate{{Template: "I am {name}", FactType: "identity", Importance: math.Inf(1)}}
		},
		"SeedMemoriesGenerateParams.StaticLoreMemories[0].Importance": func(p *sonzai.SeedMemoriesGenerateParams) {
			p.StaticLoreMemories = []sonzai.LoreMemory{{Content: "born at sea", FactType: "experience", Importance: math.NaN()}}
		},
	}
	for field, set := range cases {
		p := base
		set(&p)
		_, err := c.Generation.SeedMemories(context.Background(), "a1", p)
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: err = %v, want a *ValidationError naming it", field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d request(s) sent for invalid input", got)
	}
}
