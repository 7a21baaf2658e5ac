package sonzaitest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

func (h *api) KbListSchemas(_ context.Context, req fakeserver.KbListSchemasRequestObject) (fakeserver.KbListSchemasResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	out := fakeserver.KbListSchemas200JSONResponse{Schemas: []gen.KBEntitySchema{}, Total: int64(len(p.schemas))}
	for _, s := range p.schemas {
		out.Schemas = append(out.Schemas, s.toGen(p.id))
	}
	return out, nil
}

// checkSchema checks a schema's type and fields: both named, fields once.
func checkSchema(entityType string, fields []gen.KBSchemaField) error {
	if strings.TrimSpace(entityType) == "" {
		return failAt(http.StatusUnprocessableEntity, "body.entity_type", entityType, "a schema needs an entity type")
	}
	seen := map[string]bool{}
	for i, f := range fields {
		at := fmt.Sprintf("body.fields[%d]", i)
		if strings.TrimSpace(f.Name) == "" {
			return failAt(http.StatusUnprocessableEntity, at+".name", f.Name, "a field needs a name")
		}
		if strings.TrimSpace(f.Type) == "" {
			return failAt(http.StatusUnprocessableEntity, at+".type", f.Type, "a field needs a type")
		}
		if seen[f.Name] {
			return failAt(http.StatusUnprocessableEntity, at+".name", f.Name, "two fields have this name")
		}
		seen[f.Name] = true
	}
	return nil
}

// schemaFor finds the schema of an entity type.
func (p *kbProject) schemaFor(entityType string) *kbSchema {
	for _, s := range p.schemas {
		if s.entityType == entityType {
			return s
		}
	}
	return nil
}

func (h *api) KbCreateSchema(_ context.Context, req fakeserver.KbCreateSchemaRequestObject) (fakeserver.KbCreateSchemaResponseObject, error) {
	b := req.Body
	if err := checkSchema(b.EntityType, b.Fields); err != nil {
		return nil, err
	}
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	if old := p.schemaFor(b.EntityType); old != nil {
		return nil, failAt(http.StatusConflict, "body.entity_type", b.EntityType, "schema %s already describes this entity type", old.id)
	}
	s := &kbSchema{id: st.nextID("kbschema"), entityType: b.EntityType, displayName: b.DisplayName, description: b.Description,
		fields: b.Fields, created: now, updated: now}
	if b.SimilarityConfig.FieldWeights != nil || b.SimilarityConfig.Enabled {
		s.similarity = ptr2(b.SimilarityConfig)
	}
	p.schemas = append(p.schemas, s)
	return fakeserver.KbCreateSchema200JSONResponse(s.toGen(p.id)), nil
}

func (h *api) KbUpdateSchema(_ context.Context, req fakeserver.KbUpdateSchemaRequestObject) (fakeserver.KbUpdateSchemaResponseObject, error) {
	b := req.Body
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	s, err := p.schema(req.SchemaId)
	if err != nil {
		return nil, err
	}
	entityType, fields := s.entityType, s.fields
	if b.EntityType != nil {
		entityType = *b.EntityType
	}
	if b.Fields != nil {
		fields = *b.Fields
	}
	if err := checkSchema(entityType, fields); err != nil {
		return nil, err
	}
	s.entityType, s.fields = entityType, fields
	if b.DisplayName != nil {
		s.displayName = *b.DisplayName
	}
	if b.Description != nil {
		s.description = *b.Description
	}
	if b.SimilarityConfig != nil {
		s.similarity = b.SimilarityConfig
	}
	s.updated = now
	return fakeserver.KbUpdateSchema200JSONResponse(s.toGen(p.id)), nil
}

func (h *api) KbDeleteSchema(_ context.Context, req fakeserver.KbDeleteSchemaRequestObject) (fakeserver.KbDeleteSchemaResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	s, err := p.schema(req.SchemaId)
	if err != nil {
		return nil, err
	}
	p.schemas = slices.DeleteFunc(p.schemas, func(x *kbSchema) bool { return x == s })
	return fakeserver.KbDeleteSchema204Response{}, nil
}

func (h *api) KbBulkUpdateProperties(_ context.Context, req fakeserver.KbBulkUpdatePropertiesRequestObject) (fakeserver.KbBulkUpdatePropertiesResponseObject, error) {
	b := req.Body
	var updates []gen.BulkUpdateEntry
	if b.Updates != nil {
		updates = *b.Updates
	}
	for i, u := range updates {
		if strings.TrimSpace(u.EntityType) == "" || strings.TrimSpace(u.Label) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, fmt.Sprintf("body.updates[%d]", i), nil, "an entry needs an entity type and a label")
		}
	}
	source := deref(b.Source)
	if source == "" {
		source = "bulk_api"
	}
	upsert := b.Upsert == nil || *b.Upsert
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	out := fakeserver.KbBulkUpdateProperties200JSONResponse{}
	for _, u := range updates {
		out.Processed++
		existed := p.nodeByLabel(u.EntityType, u.Label) != nil
		switch {
		case existed:
			out.Updated++
		case upsert:
			out.Created++
		default:
			out.NotFound++
			continue
		}
		p.upsertNode(st, u.EntityType, u.Label, u.Properties, source, "", 1, now)
	}
	return out, nil
}
