package sonzai

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// KnowledgeSchema describes an entity type of a project's knowledge base:
// the fields extraction looks for, and how similar entities are linked.
type KnowledgeSchema struct {
	// ProjectID and SchemaID identify the schema.
	ProjectID string `json:"project_id"`
	SchemaID  string `json:"schema_id"`
	// EntityType is the type it describes (a slug, e.g. "medication");
	// DisplayName and Description are for people.
	EntityType  string `json:"entity_type"`
	DisplayName string `json:"display_name"`
	Description string `json:"description"`
	// Fields are the entity's fields.
	Fields []SchemaField `json:"fields"`
	// SimilarityConfig says how similar entities are linked; zero when the
	// schema has none.
	SimilarityConfig SimilarityConfig `json:"similarity_config"`
	// CreatedAt and UpdatedAt are when it was made and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SchemaField is one field of a KnowledgeSchema.
type SchemaField struct {
	// Name and Type name the field and its kind (e.g. "string").
	// Required.
	Name string `json:"name"`
	Type string `json:"type"`
	// Required says every entity must have it.
	Required bool `json:"required"`
	// Description says what it holds.
	Description string `json:"description,omitempty"`
	// EnumValues, when set, are the values it may take.
	EnumValues []string `json:"enum_values,omitempty"`
	// Indexed, when set, says whether the field is indexed for search.
	Indexed *bool `json:"indexed,omitempty"`
}

// SimilarityConfig says how a schema's similar entities are linked. Every
// field is sent.
type SimilarityConfig struct {
	// Enabled turns the linking on.
	Enabled bool `json:"enabled"`
	// Threshold is the similarity from which two entities are linked.
	Threshold float64 `json:"threshold"`
	// MaxEdgesPerNode caps the links of one entity.
	MaxEdgesPerNode int64 `json:"max_edges_per_node"`
	// FieldWeights weighs the fields in the similarity.
	FieldWeights map[string]float64 `json:"field_weights"`
}

func (c *SimilarityConfig) toGen(field string) (*gen.KBSimilarityConfig, error) {
	if c == nil {
		return nil, nil
	}
	if math.IsNaN(c.Threshold) || math.IsInf(c.Threshold, 0) {
		return nil, invalid(field+".Threshold", fmt.Sprintf("%v is not a finite number", c.Threshold))
	}
	if c.MaxEdgesPerNode < 0 {
		return nil, invalid(field+".MaxEdgesPerNode", "negative")
	}
	weights := c.FieldWeights
	if weights == nil {
		weights = map[string]float64{}
	}
	for k, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, invalid(field+".FieldWeights["+k+"]", fmt.Sprintf("%v is not a finite number", w))
		}
	}
	return &gen.KBSimilarityConfig{Enabled: c.Enabled, Threshold: c.Threshold, MaxEdgesPerNode: c.MaxEdgesPerNode, FieldWeights: weights}, nil
}

func schemaFieldsToGen(field string, fields []SchemaField) ([]gen.KBSchemaField, error) {
	out := make([]gen.KBSchemaField, len(fields))
	seen := make(map[string]bool, len(fields))
	for i, f := range fields {
		at := fmt.Sprintf("%s[%d]", field, i)
		if strings.TrimSpace(f.Name) == "" {
			return nil, invalid(at+".Name", "empty")
		}
		if strings.TrimSpace(f.Type) == "" {
			return nil, invalid(at+".Type", "empty; say what kind of value the field holds")
		}
		if seen[f.Name] {
			return nil, invalid(at+".Name", fmt.Sprintf("%q names two fields", f.Name))
		}
		seen[f.Name] = true
		out[i] = gen.KBSchemaField{Name: f.Name, Type: f.Type, Required: f.Required, Description: f.Description,
			EnumValues: f.EnumValues, Indexed: f.Indexed}
	}
	return out, nil
}

// knowledgeSchemaList is the wire shape of kbListSchemas.
type knowledgeSchemaList struct {
	Schemas []KnowledgeSchema `json:"schemas"`
	Total   int64             `json:"total"`
}

// ListSchemas lists a project's entity schemas.
func (s *KnowledgeService) ListSchemas(ctx context.Context, projectID string, opts ...Option) ([]KnowledgeSchema, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	out, err := call[knowledgeSchemaList](ctx, s.c, opts, "kbListSchemas", func(server string) (*http.Request, error) {
		return gen.NewKbListSchemasRequest(server, projectID)
	})
	if err != nil {
		return nil, err
	}
	return out.Schemas, nil
}

// SchemaCreateParams is a schema for KnowledgeService.CreateSchema.
type SchemaCreateParams struct {
	// EntityType is the type the schema describes (a slug). Required.
	EntityType string
	// DisplayName and Description are for people.
	DisplayName string
	Description string
	// Fields are the entity's fields; nil sends none.
	Fields []SchemaField
	// Similarity, when set, links similar entities.
	Similarity *SimilarityConfig
}

func (p SchemaCreateParams) toGen() (gen.KbCreateSchemaInputBody, error) {
	const at = "SchemaCreateParams."
	if strings.TrimSpace(p.EntityType) == "" {
		return gen.KbCreateSchemaInputBody{}, invalid(at+"EntityType", "empty; name the entity type the schema describes")
	}
	fields, err := schemaFieldsToGen(at+"Fields", p.Fields)
	if err != nil {
		return gen.KbCreateSchemaInputBody{}, err
	}
	sim, err := p.Similarity.toGen(at + "Similarity")
	if err != nil {
		return gen.KbCreateSchemaInputBody{}, err
	}
	body := gen.KbCreateSchemaInputBody{EntityType: p.EntityType, DisplayName: p.DisplayName, Description: p.Description, Fields: fields}
	if sim != nil {
		body.SimilarityConfig = *sim
	}
	return body, nil
}

// CreateSchema adds an entity schema to a project. It is a POST, retried
// only when the server provably did not act on it.
func (s *KnowledgeService) CreateSchema(ctx context.Context, projectID string, p SchemaCreateParams, opts ...Option) (*KnowledgeSchema, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[KnowledgeSchema](ctx, s.c, opts, "kbCreateSchema", func(server string) (*http.Request, error) {
		return gen.NewKbCreateSchemaRequest(server, projectID, body)
	})
}

// SchemaUpdateParams changes a schema with KnowledgeService.UpdateSchema.
// Only what is set is sent: a nil pointer or slice leaves that part as it
// is; Fields, when non-nil, replaces all the fields. At least one field
// must be set.
type SchemaUpdateParams struct {
	// EntityType renames the entity type.
	EntityType *string
	// DisplayName and Description replace the schema's.
	DisplayName *string
	Description *string
	// Fields replaces the schema's fields (an empty non-nil slice removes
	// them all).
	Fields []SchemaField
	// Similarity replaces the similarity settings, every field of it.
	Similarity *SimilarityConfig
}

func (p SchemaUpdateParams) toGen() (gen.KbUpdateSchemaInputBody, error) {
	const at = "SchemaUpdateParams."
	if p.EntityType == nil && p.DisplayName == nil && p.Description == nil && p.Fields == nil && p.Similarity == nil {
		return gen.KbUpdateSchemaInputBody{}, invalid("SchemaUpdateParams", "nothing to update; set at least one field")
	}
	if p.EntityType != nil && strings.TrimSpace(*p.EntityType) == "" {
		return gen.KbUpdateSchemaInputBody{}, invalid(at+"EntityType", "empty; a schema needs an entity type")
	}
	body := gen.KbUpdateSchemaInputBody{EntityType: p.EntityType, DisplayName: p.DisplayName, Description: p.Description}
	if p.Fields != nil {
		fields, err := schemaFieldsToGen(at+"Fields", p.Fields)
		if err != nil {
			return gen.KbUpdateSchemaInputBody{}, err
		}
		body.Fields = &fields
	}
	sim, err := p.Similarity.toGen(at + "Similarity")
	if err != nil {
		return gen.KbUpdateSchemaInputBody{}, err
	}
	body.SimilarityConfig = sim
	return body, nil
}

// UpdateSchema changes what p sets of a schema and returns it as stored.
// Documents already ingested keep what was extracted with the old schema
// until they are re-ingested (ReingestDocument).
func (s *KnowledgeService) UpdateSchema(ctx context.Context, projectID, schemaID string, p SchemaUpdateParams, opts ...Option) (*KnowledgeSchema, error) {
	if err := requireIDs("projectID", projectID, "schemaID", schemaID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[KnowledgeSchema](ctx, s.c, opts, "kbUpdateSchema", func(server string) (*http.Request, error) {
		return gen.NewKbUpdateSchemaRequest(server, projectID, schemaID, body)
	})
}

// DeleteSchema deletes an entity schema; it cannot be restored (the
// entities already extracted stay). A DELETE is retried after a 5xx; when
// the retry finds the schema already gone (404), the first attempt may
// have deleted it, and the result is an *AmbiguousResultError.
func (s *KnowledgeService) DeleteSchema(ctx context.Context, projectID, schemaID string, opts ...Option) error {
	if err := requireIDs("projectID", projectID, "schemaID", schemaID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "kbDeleteSchema", func(server string) (*http.Request, error) {
		return gen.NewKbDeleteSchemaRequest(server, projectID, schemaID)
	}, nil)
}

// PropertiesBulkUpdateParams sets properties on many entities at once,
// for KnowledgeService.BulkUpdateProperties.
type PropertiesBulkUpdateParams struct {
	// Updates name each entity by type and label, with the properties to
	// merge into it. At least one.
	Updates []KnowledgeEntityInput
	// SkipMissing leaves out the entries that match no entity, instead of
	// creating them (the server's default).
	SkipMissing bool
	// Source records where the data came from; empty means the server's
	// default ("bulk_api").
	Source string
}

// PropertiesBulkUpdate is what KnowledgeService.BulkUpdateProperties did.
type PropertiesBulkUpdate struct {
	// Processed counts the entries handled: Updated matched an entity,
	// Created made one, NotFound matched none (with SkipMissing).
	Processed int64 `json:"processed"`
	Updated   int64 `json:"updated"`
	Created   int64 `json:"created"`
	NotFound  int64 `json:"not_found"`
	// Status is "queued" when the server processes the entries later;
	// Count then counts them.
	Status string `json:"status"`
	Count  *int64 `json:"count"`
}

// BulkUpdateProperties merges properties into many entities, creating the
// missing ones unless p.SkipMissing. A PATCH is retried only when the
// server provably did not act on it; sending the same entries again sets
// the same values (a new version of each entity).
func (s *KnowledgeService) BulkUpdateProperties(ctx context.Context, projectID string, p PropertiesBulkUpdateParams, opts ...Option) (*PropertiesBulkUpdate, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	const at = "PropertiesBulkUpdateParams."
	if len(p.Updates) == 0 {
		return nil, invalid(at+"Updates", "empty; pass at least one entity")
	}
	updates := make([]gen.BulkUpdateEntry, len(p.Updates))
	for i, u := range p.Updates {
		field := fmt.Sprintf("%sUpdates[%d].", at, i)
		if strings.TrimSpace(u.EntityType) == "" {
			return nil, invalid(field+"EntityType", "empty")
		}
		if strings.TrimSpace(u.Label) == "" {
			return nil, invalid(field+"Label", "empty")
		}
		if err := encodable(field+"Properties", u.Properties); err != nil {
			return nil, err
		}
		props := u.Properties
		if props == nil {
			props = map[string]any{}
		}
		updates[i] = gen.BulkUpdateEntry{EntityType: u.EntityType, Label: u.Label, Properties: props}
	}
	body := gen.KbBulkUpdateInputBody{Updates: &updates, Source: optional(p.Source)}
	if p.SkipMissing {
		body.Upsert = Ptr(false)
	}
	return call[PropertiesBulkUpdate](ctx, s.c, opts, "kbBulkUpdateProperties", func(server string) (*http.Request, error) {
		return gen.NewKbBulkUpdatePropertiesRequest(server, projectID, body)
	})
}
