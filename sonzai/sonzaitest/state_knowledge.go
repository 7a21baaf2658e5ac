package sonzaitest

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// knowledgeState is the knowledge base of every project the fake has
// seen, and the organization-global nodes of every tenant. A project or a
// tenant needs no creation: its knowledge base is empty until written.
// The maps are made on first use, so the zero value is ready.
type knowledgeState struct {
	projects map[string]*kbProject
	orgs     map[string][]*kbNode // by tenant id, oldest first
}

// kbProject is one project's knowledge base.
type kbProject struct {
	id      string
	docs    []*kbDoc // oldest first
	nodes   []*kbNode
	facts   []*kbFact // every version of every fact, oldest first
	schemas []*kbSchema
}

// kbDoc is an uploaded document. The fake keeps what it measured while
// the upload streamed (size and checksum), never the content. Its status
// walks pending, processing, completed on the Clock (see job.stage), from
// the upload or the last reingest.
type kbDoc struct {
	id, fileName, contentType, checksum string
	size                                int64
	created, updated, since             time.Time
	dur                                 time.Duration
	fail                                bool
	ingested                            bool // its node was stored
	nodeID                              string
	rootType, rootKey, classification   string
}

// kbNode is an entity of the knowledge graph.
type kbNode struct {
	id, projectID, tenantID, nodeType, label, source string
	props                                            map[string]any
	sources                                          map[string]gen.PropertySource
	docs                                             []string
	confidence                                       float64
	version                                          int64
	active                                           bool
	created, updated                                 time.Time
	history                                          []gen.KBNodeHistory // oldest first
}

// kbFact is one version of a fact: a relation between two nodes.
type kbFact struct {
	id, from, to, relation, docID, snippet string
	props                                  map[string]any
	confidence                             float64
	version                                int64
	active                                 bool
	created                                time.Time
}

// kbSchema is an entity schema.
type kbSchema struct {
	id, entityType, displayName, description string
	fields                                   []gen.KBSchemaField
	similarity                               *gen.KBSimilarityConfig
	created, updated                         time.Time
}

// project returns a project's knowledge base, creating it empty.
func (k *knowledgeState) project(id string) *kbProject {
	if k.projects == nil {
		k.projects = map[string]*kbProject{}
		k.orgs = map[string][]*kbNode{}
	}
	p := k.projects[id]
	if p == nil {
		p = &kbProject{id: id}
		k.projects[id] = p
	}
	return p
}

// org returns a tenant's organization-global nodes.
func (k *knowledgeState) org(tenantID string) []*kbNode {
	k.project("") // makes the maps
	return k.orgs[tenantID]
}

// ---- documents --------------------------------------------------------------

// docStatus is where a document's ingestion is at now.
func (d *kbDoc) docStatus(now time.Time) string {
	j := job{created: d.since, dur: d.dur}
	switch j.stage(now) {
	case stageWaiting:
		return "pending"
	case stageRunning:
		return "processing"
	}
	if d.fail {
		return "failed"
	}
	return "completed"
}

func (p *kbProject) doc(id string) (*kbDoc, error) {
	for _, d := range p.docs {
		if d.id == id {
			return d, nil
		}
	}
	return nil, fail(http.StatusNotFound, "document %q not found", id)
}

// settleDocs stores the node of every document whose ingestion finished:
// the document itself, as a node of type "document", so search finds it.
func (st *state) settleDocs(p *kbProject, now time.Time) {
	for _, d := range p.docs {
		if d.ingested || d.docStatus(now) != "completed" {
			continue
		}
		d.ingested = true
		at := d.since.Add(d.dur)
		n := p.upsertNode(st, "document", d.fileName, map[string]any{
			"file_name": d.fileName, "content_type": d.contentType, "file_size": d.size,
		}, "extraction", d.id, 0.9, at)
		d.nodeID = n.id
		d.updated = at
	}
}

func (d *kbDoc) toGen(projectID string, now time.Time) gen.KBDocument {
	g := gen.KBDocument{
		ProjectId: projectID, DocumentId: d.id, FileName: d.fileName, ContentType: d.contentType,
		FileSize: d.size, GcsPath: "gs://sonzaitest/" + projectID + "/" + d.id, Checksum: d.checksum,
		Status: d.docStatus(now), UploadedBy: fakeOwner, CreatedAt: d.created, UpdatedAt: d.updated,
		RootEntityType: d.rootType, RootEntityKey: d.rootKey, ClassificationStatus: d.classification,
		DocType: docType(d.contentType),
	}
	switch g.Status {
	case "completed":
		g.NodeCount, g.ExtractionTokens = 1, d.tokens()
		g.RootEntityNodeId = d.nodeID
	case "failed":
		g.ErrorMsg = "extraction failed (injected by sonzaitest)"
	}
	return g
}

// tokens is what the fake says extracting the document cost: one token
// per four bytes, as a rough text rate.
func (d *kbDoc) tokens() int64 { return d.size/4 + 1 }

func docType(contentType string) string {
	switch {
	case strings.Contains(contentType, "pdf"):
		return "pdf"
	case strings.HasPrefix(contentType, "text/"):
		return "text"
	case strings.HasPrefix(contentType, "image/"):
		return "image"
	}
	return "binary"
}

// ---- nodes ------------------------------------------------------------------

func normLabel(label string) string { return strings.ToLower(strings.Join(strings.Fields(label), " ")) }

func (p *kbProject) node(id string) (*kbNode, error) {
	for _, n := range p.nodes {
		if n.id == id && n.active {
			return n, nil
		}
	}
	return nil, fail(http.StatusNotFound, "node %q not found", id)
}

// nodeByLabel finds an active node by type (any when empty) and label.
func (p *kbProject) nodeByLabel(nodeType, label string) *kbNode {
	norm := normLabel(label)
	for _, n := range p.nodes {
		if n.active && n.norm() == norm && (nodeType == "" || n.nodeType == nodeType) {
			return n
		}
	}
	return nil
}

func (n *kbNode) norm() string { return normLabel(n.label) }

// newNode makes a node at version 1 with its first history entry.
func (st *state) newNode(projectID, tenantID, nodeType, label string, props map[string]any, source, by string, confidence float64, at time.Time) *kbNode {
	if props == nil {
		props = map[string]any{}
	}
	n := &kbNode{id: st.nextID("kbnode"), projectID: projectID, tenantID: tenantID, nodeType: nodeType, label: label,
		source: source, props: props, sources: map[string]gen.PropertySource{}, docs: []string{}, confidence: confidence,
		version: 1, active: true, created: at, updated: at}
	n.record(by, "created", at)
	return n
}

// record appends the node's current version to its history.
func (n *kbNode) record(by, change string, at time.Time) {
	props := make(map[string]any, len(n.props))
	for k, v := range n.props {
		props[k] = v
	}
	n.history = append(n.history, gen.KBNodeHistory{ProjectId: n.projectID, NodeId: n.id, Version: n.version,
		Properties: props, ChangedBy: by, ChangeType: change, ChangedAt: at})
}

// upsertNode creates the node of this type and label, or merges props
// into the existing one as a new version. by is who changed it; docID,
// when set, is the document it came from.
func (p *kbProject) upsertNode(st *state, nodeType, label string, props map[string]any, by, docID string, confidence float64, at time.Time) *kbNode {
	if n := p.nodeByLabel(nodeType, label); n != nil {
		for k, v := range props {
			n.props[k] = v
		}
		n.version++
		n.updated = at
		if docID != "" {
			n.docs = append(n.docs, docID)
		}
		n.record(by, "updated", at)
		return n
	}
	n := st.newNode(p.id, fakeTenant, nodeType, label, props, by, by, confidence, at)
	if docID != "" {
		n.docs = append(n.docs, docID)
	}
	p.nodes = append(p.nodes, n)
	return n
}

func (n *kbNode) toGen() gen.KBNode {
	props := n.props
	if props == nil {
		props = map[string]any{}
	}
	g := gen.KBNode{ProjectId: n.projectID, NodeId: n.id, NodeType: n.nodeType, Label: n.label, NormLabel: n.norm(),
		Properties: props, SourceDocs: n.docs, SourceType: n.source, Version: n.version, IsActive: n.active,
		Confidence: n.confidence, CreatedAt: n.created, UpdatedAt: n.updated, TenantId: n.tenantID}
	if g.SourceDocs == nil {
		g.SourceDocs = []string{}
	}
	if len(n.sources) > 0 {
		g.PropertySources = n.sources
	}
	return g
}

// ---- facts ------------------------------------------------------------------

// activeFact is the active version of the fact (from, relation, to).
func (p *kbProject) activeFact(from, to, relation string) *kbFact {
	for _, f := range p.facts {
		if f.active && f.from == from && f.to == to && f.relation == relation {
			return f
		}
	}
	return nil
}

// putFact stores a new version of the fact (from, relation, to): the
// active one, if any, is kept as history.
func (p *kbProject) putFact(st *state, from, to, relation, docID string, props map[string]any, at time.Time) *kbFact {
	version := int64(1)
	if old := p.activeFact(from, to, relation); old != nil {
		old.active = false
		version = old.version + 1
	}
	if props == nil {
		props = map[string]any{}
	}
	f := &kbFact{id: st.nextID("kbfact"), from: from, to: to, relation: relation, docID: docID, props: props,
		confidence: 1, version: version, active: true, created: at}
	p.facts = append(p.facts, f)
	return f
}

func (f *kbFact) toGen() gen.KbFactDTO {
	return gen.KbFactDTO{FactId: f.id, FromNodeId: f.from, ToNodeId: f.to, RelationType: f.relation,
		Properties: f.props, SourceDocumentId: f.docID, SourcePage: 0, SourceSnippet: f.snippet,
		ExtractionConfidence: f.confidence, EffectiveDate: f.created, Version: f.version, IsActive: f.active,
		CreatedAt: f.created}
}

// edges are the active facts touching a node, as the node view shows them.
func (p *kbProject) edges(nodeID string, outgoing bool) []gen.KBEdge {
	out := []gen.KBEdge{}
	for _, f := range p.facts {
		if !f.active || outgoing && f.from != nodeID || !outgoing && f.to != nodeID {
			continue
		}
		out = append(out, gen.KBEdge{ProjectId: p.id, EdgeId: f.id, FromNodeId: f.from, ToNodeId: f.to,
			EdgeType: f.relation, Confidence: f.confidence, CreatedAt: f.created, UpdatedAt: f.created,
			Properties: f.props, SourceDoc: f.docID})
	}
	return out
}

// dropFacts deactivates every fact touching a deleted node.
func (p *kbProject) dropFacts(nodeID string) {
	for _, f := range p.facts {
		if f.from == nodeID || f.to == nodeID {
			f.active = false
		}
	}
}

// ---- schemas ----------------------------------------------------------------

func (p *kbProject) schema(id string) (*kbSchema, error) {
	for _, s := range p.schemas {
		if s.id == id {
			return s, nil
		}
	}
	return nil, fail(http.StatusNotFound, "schema %q not found", id)
}

func (s *kbSchema) toGen(projectID string) gen.KBEntitySchema {
	fields := s.fields
	if fields == nil {
		fields = []gen.KBSchemaField{}
	}
	return gen.KBEntitySchema{ProjectId: projectID, SchemaId: s.id, EntityType: s.entityType, DisplayName: s.displayName,
		Description: s.description, Fields: fields, SimilarityConfig: deref(s.similarity), CreatedAt: s.created, UpdatedAt: s.updated}
}

// ---- search -----------------------------------------------------------------

// score rates how well a node matches the query's words: the share of
// words found in its label, type or property values.
func (n *kbNode) score(words []string) float64 {
	if len(words) == 0 {
		return 0
	}
	var text strings.Builder
	text.WriteString(strings.ToLower(n.label + " " + n.nodeType))
	keys := make([]string, 0, len(n.props))
	for k := range n.props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&text, " %v", n.props[k])
	}
	hay := strings.ToLower(text.String())
	found := 0
	for _, w := range words {
		if strings.Contains(hay, w) {
			found++
		}
	}
	return float64(found) / float64(len(words))
}
