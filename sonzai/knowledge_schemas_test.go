package sonzai_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func TestKnowledgeSchemasLifecycle(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sc, err := c.Knowledge.CreateSchema(ctx, kbProject, sonzai.SchemaCreateParams{
		EntityType: "medication", DisplayName: "Medication", Description: "A drug and its dose.",
		Fields: []sonzai.SchemaField{
			{Name: "name", Type: "string", Required: true, Indexed: sonzai.Ptr(true)},
			{Name: "form", Type: "enum", EnumValues: []string{"tablet", "syrup"}},
		},
		Similarity: &sonzai.SimilarityConfig{Enabled: true, Threshold: 0.8, MaxEdgesPerNode: 5, FieldWeights: map[string]float64{"name": 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sc.SchemaID == "" || sc.ProjectID != kbProject || sc.EntityType != "medication" || len(sc.Fields) != 2 ||
		sc.Fields[0].Indexed == nil || !*sc.Fields[0].Indexed || sc.Fields[1].EnumValues[1] != "syrup" ||
		!sc.SimilarityConfig.Enabled || sc.SimilarityConfig.FieldWeights["name"] != 1 || sc.CreatedAt.IsZero() {
		t.Errorf("CreateSchema = %+v", sc)
	}
	if _, err := c.Knowledge.CreateSchema(ctx, kbProject, sonzai.SchemaCreateParams{EntityType: "medication"}); !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("a second schema for the type: err = %v, want a conflict", err)
	}

	// An update sends only what is set: the description is kept.
	up, err := c.Knowledge.UpdateSchema(ctx, kbProject, sc.SchemaID, sonzai.SchemaUpdateParams{
		DisplayName: sonzai.Ptr("Drug"), Fields: []sonzai.SchemaField{{Name: "name", Type: "string", Required: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if up.DisplayName != "Drug" || up.Description != "A drug and its dose." || len(up.Fields) != 1 || !up.SimilarityConfig.Enabled {
		t.Errorf("UpdateSchema = %+v", up)
	}
	list, err := c.Knowledge.ListSchemas(ctx, kbProject)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].DisplayName != "Drug" {
		t.Errorf("ListSchemas = %+v", list)
	}

	// Bulk updates create what is missing, unless told to skip it.
	if _, err := c.Knowledge.CreateNode(ctx, kbProject, sonzai.NodeCreateParams{NodeType: "medication", Label: "Aspirin"}); err != nil {
		t.Fatal(err)
	}
	bu, err := c.Knowledge.BulkUpdateProperties(ctx, kbProject, sonzai.PropertiesBulkUpdateParams{Updates: []sonzai.KnowledgeEntityInput{
		{EntityType: "medication", Label: "Aspirin", Properties: map[string]any{"form": "tablet"}},
		{EntityType: "medication", Label: "Ibuprofen", Properties: map[string]any{"form": "syrup"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bu.Processed != 2 || bu.Updated != 1 || bu.Created != 1 || bu.NotFound != 0 {
		t.Errorf("BulkUpdateProperties = %+v", bu)
	}
	bu, err = c.Knowledge.BulkUpdateProperties(ctx, kbProject, sonzai.PropertiesBulkUpdateParams{SkipMissing: true, Source: "crm",
		Updates: []sonzai.KnowledgeEntityInput{{EntityType: "medication", Label: "Paracetamol"}}})
	if err != nil {
		t.Fatal(err)
	}
	if bu.NotFound != 1 || bu.Created != 0 {
		t.Errorf("BulkUpdateProperties SkipMissing = %+v", bu)
	}
	hits, err := c.Knowledge.Search(ctx, kbProject, sonzai.KnowledgeSearchParams{Query: "aspirin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Properties["form"] != "tablet" || hits[0].Version != 2 {
		t.Errorf("after BulkUpdateProperties, Search = %+v", hits)
	}

	if err := c.Knowledge.DeleteSchema(ctx, kbProject, sc.SchemaID); err != nil {
		t.Fatal(err)
	}
	list, err = c.Knowledge.ListSchemas(ctx, kbProject)
	if err != nil || len(list) != 0 {
		t.Errorf("after DeleteSchema: %+v, %v", list, err)
	}
	checkNotFound(t, c, []sdkCall{
		{"UpdateSchema", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateSchema(ctx, kbProject, sc.SchemaID, sonzai.SchemaUpdateParams{Description: sonzai.Ptr("")})
			return err
		}},
		{"DeleteSchema", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteSchema(ctx, kbProject, sc.SchemaID)
		}},
	})
}

func TestKnowledgeSchemasInvalidInput(t *testing.T) {
	checkInvalidSendsNothing(t, []invalidCase{
		{sdkCall{"ListSchemas", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListSchemas(ctx, "")
			return err
		}}, "projectID"},
		{sdkCall{"CreateSchema type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateSchema(ctx, "p", sonzai.SchemaCreateParams{})
			return err
		}}, "SchemaCreateParams.EntityType"},
		{sdkCall{"CreateSchema field", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateSchema(ctx, "p", sonzai.SchemaCreateParams{EntityType: "t", Fields: []sonzai.SchemaField{{Name: "a"}}})
			return err
		}}, "SchemaCreateParams.Fields[0].Type"},
		{sdkCall{"CreateSchema duplicate field", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateSchema(ctx, "p", sonzai.SchemaCreateParams{EntityType: "t",
				Fields: []sonzai.SchemaField{{Name: "a", Type: "string"}, {Name: "a", Type: "string"}}})
			return err
		}}, "SchemaCreateParams.Fields[1].Name"},
		{sdkCall{"CreateSchema threshold", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.CreateSchema(ctx, "p", sonzai.SchemaCreateParams{EntityType: "t", Similarity: &sonzai.SimilarityConfig{Threshold: math.NaN()}})
			return err
		}}, "SchemaCreateParams.Similarity.Threshold"},
		{sdkCall{"UpdateSchema nothing", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateSchema(ctx, "p", "s", sonzai.SchemaUpdateParams{})
			return err
		}}, "SchemaUpdateParams"},
		{sdkCall{"UpdateSchema type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateSchema(ctx, "p", "s", sonzai.SchemaUpdateParams{EntityType: sonzai.Ptr(" ")})
			return err
		}}, "SchemaUpdateParams.EntityType"},
		{sdkCall{"UpdateSchema id", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.UpdateSchema(ctx, "p", "", sonzai.SchemaUpdateParams{DisplayName: sonzai.Ptr("x")})
			return err
		}}, "schemaID"},
		{sdkCall{"DeleteSchema", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteSchema(ctx, "p", ".")
		}}, "schemaID"},
		{sdkCall{"BulkUpdateProperties empty", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.BulkUpdateProperties(ctx, "p", sonzai.PropertiesBulkUpdateParams{})
			return err
		}}, "PropertiesBulkUpdateParams.Updates"},
		{sdkCall{"BulkUpdateProperties label", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.BulkUpdateProperties(ctx, "p", sonzai.PropertiesBulkUpdateParams{Updates: []sonzai.KnowledgeEntityInput{{EntityType: "t"}}})
			return err
		}}, "PropertiesBulkUpdateParams.Updates[0].Label"},
	})
}
