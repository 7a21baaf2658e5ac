package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// KnowledgeNode is an entity of a knowledge graph: a project's, or a
// tenant's organization-wide one.
type KnowledgeNode struct {
	// ProjectID and NodeID identify the node; TenantID and ScopeID say
	// which scope it lives in, when the server says.
	ProjectID string `json:"project_id"`
	NodeID    string `json:"node_id"`
	TenantID  string `json:"tenant_id"`
	ScopeID   string `json:"scope_id"`
	// NodeType and Label name the entity; NormLabel is the label as the
	// server matches it.
	NodeType  string `json:"node_type"`
	Label     string `json:"label"`
	NormLabel string `json:"norm_label"`
	// Properties are the entity's fields; PropertySources say where each
	// came from, when known.
	Properties      map[string]any            `json:"properties"`
	PropertySources map[string]PropertySource `json:"property_sources"`
	// SourceDocs are the documents it was read from; SourceType says how
	// it was made (extraction, agent, manual...).
	SourceDocs []string `json:"source_docs"`
	SourceType string   `json:"source_type"`
	// Version counts its changes; IsActive is false once it is deleted.
	Version  int64 `json:"version"`
	IsActive bool  `json:"is_active"`
	// Confidence is how sure the server is of it, from 0 to 1.
	Confidence float64 `json:"confidence"`
	// CreatedAt and UpdatedAt are when it was made and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PropertySource says where a node's property came from.
type PropertySource struct {
	// DocID is the document it was read from, if any.
	DocID string `json:"doc_id"`
	// EffDate is when the value holds from.
	EffDate time.Time `json:"eff_date"`
	// Source is who wrote it (an agent, the API...).
	Source string `json:"source"`
}

// ScopedKnowledgeNode is a node with the scope it now lives in, as
// KnowledgeService.PromoteNode returns it.
type ScopedKnowledgeNode struct {
	// The fields of KnowledgeNode.
	ProjectID       string                    `json:"project_id"`
	NodeID          string                    `json:"node_id"`
	TenantID        string                    `json:"tenant_id"`
	ScopeID         string                    `json:"scope_id"`
	NodeType        string                    `json:"node_type"`
	Label           string                    `json:"label"`
	NormLabel       string                    `json:"norm_label"`
	Properties      map[string]any            `json:"properties"`
	PropertySources map[string]PropertySource `json:"property_sources"`
	SourceDocs      []string                  `json:"source_docs"`
	SourceType      string                    `json:"source_type"`
	Version         int64                     `json:"version"`
	IsActive        bool                      `json:"is_active"`
	Confidence      float64                   `json:"confidence"`
	CreatedAt       time.Time                 `json:"created_at"`
	UpdatedAt       time.Time                 `json:"updated_at"`
	// ScopeType is the scope ("org" once promoted).
	ScopeType string `json:"scope_type"`
	// Relevance is the server's ranking weight for the node in its scope.
	Relevance float64 `json:"relevance"`
}

// KnowledgeEdge is a fact linking two nodes, as a node's view shows it.
type KnowledgeEdge struct {
	// ProjectID and EdgeID identify it; TenantID and ScopeID say which
	// scope it lives in, when the server says.
	ProjectID string `json:"project_id"`
	EdgeID    string `json:"edge_id"`
	TenantID  string `json:"tenant_id"`
	ScopeID   string `json:"scope_id"`
	// FromNodeID, EdgeType and ToNodeID are the fact; Label names it.
	FromNodeID string `json:"from_node_id"`
	EdgeType   string `json:"edge_type"`
	ToNodeID   string `json:"to_node_id"`
	Label      string `json:"label"`
	// Properties qualify it; SourceDoc is the document it was read from.
	Properties map[string]any `json:"properties"`
	SourceDoc  string         `json:"source_doc"`
	// Confidence is how sure the server is of it, from 0 to 1.
	Confidence float64 `json:"confidence"`
	// CreatedAt and UpdatedAt are when it was made and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// KnowledgeNodeList is a window of a project's nodes.
type KnowledgeNodeList struct {
	// Nodes are the active nodes, in the order asked.
	Nodes []KnowledgeNode `json:"nodes"`
	// HasMore is true when more nodes match than the limit let through:
	// raise NodeListParams.Limit to see them (the contract does not page
	// this list).
	HasMore bool `json:"has_more"`
}

// NodeListParams filters and orders KnowledgeService.ListNodes. Every
// field is optional.
type NodeListParams struct {
	// Type keeps only the nodes of this type.
	Type string
	// Limit is how many nodes to return, 1 to 10000; zero means the
	// server's default (100).
	Limit int
	// SortBy is the field to order by: label, node_type, created_at,
	// updated_at, version, or properties.<name>; empty means the server's
	// order.
	SortBy string
	// Descending orders from the largest value down.
	Descending bool
}

func (p NodeListParams) toGen() (*gen.KbListNodesParams, error) {
	if p.Limit < 0 || p.Limit > 10000 {
		return nil, invalid("NodeListParams.Limit", fmt.Sprintf("%d is outside 1..10000 (0 means the server's default)", p.Limit))
	}
	switch {
	case p.SortBy == "", p.SortBy == "label", p.SortBy == "node_type", p.SortBy == "created_at", p.SortBy == "updated_at", p.SortBy == "version":
	case strings.HasPrefix(p.SortBy, "properties.") && len(p.SortBy) > len("properties."):
	default:
		return nil, invalid("NodeListParams.SortBy", fmt.Sprintf("%q is not label, node_type, created_at, updated_at, version or properties.<name>", p.SortBy))
	}
	if p.Descending && p.SortBy == "" {
		return nil, invalid("NodeListParams.Descending", "set without SortBy; name the field to order by")
	}
	out := &gen.KbListNodesParams{Type: optional(p.Type), Limit: optional(int64(p.Limit)), SortBy: optional(p.SortBy)}
	if p.SortBy != "" {
		order := "asc"
		if p.Descending {
			order = "desc"
		}
		out.SortOrder = &order
	}
	return out, nil
}

// ListNodes lists a project's active nodes, up to p.Limit of them.
func (s *KnowledgeService) ListNodes(ctx context.Context, projectID string, p NodeListParams, opts ...Option) (*KnowledgeNodeList, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	params, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[KnowledgeNodeList](ctx, s.c, opts, "kbListNodes", func(server string) (*http.Request, error) {
		return gen.NewKbListNodesRequest(server, projectID, params)
	})
}

// NodeCreateParams is a node for KnowledgeService.CreateNode.
type NodeCreateParams struct {
	// NodeType and Label name the entity. Required.
	NodeType string
	Label    string
	// Properties are its fields.
	Properties map[string]any
	// Confidence is how sure the writer is, from 0 to 1; nil leaves it to
	// the server.
	Confidence *float64
	// AgentID, when set, is the agent making the change: the server
	// records it as the source of the properties written.
	AgentID string
}

func (p NodeCreateParams) toGen() (gen.AgentCreateRequest, error) {
	const at = "NodeCreateParams."
	if strings.TrimSpace(p.NodeType) == "" {
		return gen.AgentCreateRequest{}, invalid(at+"NodeType", "empty; a node needs a type")
	}
	if strings.TrimSpace(p.Label) == "" {
		return gen.AgentCreateRequest{}, invalid(at+"Label", "empty; a node needs a label")
	}
	if err := unitInterval(at+"Confidence", p.Confidence); err != nil {
		return gen.AgentCreateRequest{}, err
	}
	if err := headerID(at+"AgentID", p.AgentID); err != nil {
		return gen.AgentCreateRequest{}, err
	}
	if err := encodable(at+"Properties", p.Properties); err != nil {
		return gen.AgentCreateRequest{}, err
	}
	props := p.Properties
	if props == nil {
		props = map[string]any{}
	}
	return gen.AgentCreateRequest{NodeType: p.NodeType, Label: p.Label, Properties: props, Confidence: p.Confidence}, nil
}

// knowledgeNodeResult is the wire shape of the node answers.
type knowledgeNodeResult struct {
	Node KnowledgeNode `json:"node"`
}

// CreateNode adds a node to a project's knowledge graph. It is a POST,
// retried only when the server provably did not act on it, so the node
// is never created twice.
func (s *KnowledgeService) CreateNode(ctx context.Context, projectID string, p NodeCreateParams, opts ...Option) (*KnowledgeNode, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[knowledgeNodeResult](ctx, s.c, opts, "kbAgentCreateNode", func(server string) (*http.Request, error) {
		return gen.NewKbAgentCreateNodeRequest(server, projectID, &gen.KbAgentCreateNodeParams{XAgentId: optional(p.AgentID)}, body)
	})
	if err != nil {
		return nil, err
	}
	return &out.Node, nil
}

// KnowledgeNodeDetail is a node with its facts and, when asked, its
// versions.
type KnowledgeNodeDetail struct {
	// Node is the node.
	Node KnowledgeNode `json:"node"`
	// Outgoing facts start from it; Incoming facts end at it.
	Outgoing []KnowledgeEdge `json:"outgoing"`
	Incoming []KnowledgeEdge `json:"incoming"`
	// History are its versions, when NodeGetParams.History was set.
	History []KnowledgeNodeVersion `json:"history"`
}

// NodeGetParams shapes KnowledgeService.GetNode.
type NodeGetParams struct {
	// History includes the node's versions.
	History bool
}

// GetNode reads a node with its facts.
func (s *KnowledgeService) GetNode(ctx context.Context, projectID, nodeID string, p NodeGetParams, opts ...Option) (*KnowledgeNodeDetail, error) {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return nil, err
	}
	params := &gen.KbGetNodeParams{}
	if p.History {
		params.History = Ptr("true")
	}
	return call[KnowledgeNodeDetail](ctx, s.c, opts, "kbGetNode", func(server string) (*http.Request, error) {
		return gen.NewKbGetNodeRequest(server, projectID, nodeID, params)
	})
}

// ValueChange is one compare-and-swap change: the value the caller
// believes is stored, and the one to store instead. Neither may be nil:
// the contract does not let either be null, so a change can only replace
// an existing value (add properties with InsertFacts or
// BulkUpdateProperties).
type ValueChange struct {
	// Current is the value expected now.
	Current any
	// New is the value to store.
	New any
}

// NodeUpdateParams changes a node with compare-and-swap: every change
// names the value it expects, and when any differs on the server the
// update is refused (a 409, ErrConflict) and nothing changes. At least
// one change is required.
type NodeUpdateParams struct {
	// Label, when set, renames the node; its values are strings.
	Label *ValueChange
	// Properties change the named properties.
	Properties map[string]ValueChange
	// AgentID, when set, is the agent making the change: the server
	// records it as the source of the changed properties.
	AgentID string
}

func (p NodeUpdateParams) toGen() (gen.UpdatePayload, error) {
	const at = "NodeUpdateParams."
	if p.Label == nil && len(p.Properties) == 0 {
		return gen.UpdatePayload{}, invalid(at+"Properties", "empty, and no Label either; nothing to change")
	}
	if err := headerID(at+"AgentID", p.AgentID); err != nil {
		return gen.UpdatePayload{}, err
	}
	body := gen.UpdatePayload{Properties: make(map[string]gen.CASPair, len(p.Properties))}
	if p.Label != nil {
		if s, ok := p.Label.New.(string); !ok || strings.TrimSpace(s) == "" {
			return gen.UpdatePayload{}, invalid(at+"Label.New", "not a non-empty string")
		}
		if p.Label.Current == nil {
			return gen.UpdatePayload{}, invalid(at+"Label.Current", "nil; give the label the node has now")
		}
		body.Label = &gen.CASPair{Current: p.Label.Current, New: p.Label.New}
	}
	keys := make([]string, 0, len(p.Properties))
	for k := range p.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.TrimSpace(k) == "" {
			return gen.UpdatePayload{}, invalid(at+"Properties", "a property has an empty name")
		}
		c := p.Properties[k]
		if c.Current == nil || c.New == nil {
			return gen.UpdatePayload{}, invalid(at+"Properties["+k+"]", "Current or New is nil; the contract does not allow null")
		}
		body.Properties[k] = gen.CASPair{Current: c.Current, New: c.New}
	}
	if _, err := json.Marshal(body); err != nil {
		return gen.UpdatePayload{}, invalid(at+"Properties", "not JSON: "+err.Error())
	}
	return body, nil
}

// UpdateNode changes a node's label or properties if they still hold the
// values the changes expect, and returns the node as stored (a new
// version). A PATCH is retried only when the server provably did not act
// on it; the compare-and-swap makes a repeated change fail rather than
// apply twice.
func (s *KnowledgeService) UpdateNode(ctx context.Context, projectID, nodeID string, p NodeUpdateParams, opts ...Option) (*KnowledgeNode, error) {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[knowledgeNodeResult](ctx, s.c, opts, "kbAgentUpdateNode", func(server string) (*http.Request, error) {
		return gen.NewKbAgentUpdateNodeRequest(server, projectID, nodeID, &gen.KbAgentUpdateNodeParams{XAgentId: optional(p.AgentID)}, body)
	})
	if err != nil {
		return nil, err
	}
	return &out.Node, nil
}

// DeleteNode deletes a node and the facts touching it: they no longer
// appear in lists, search or traversals, and cannot be restored through
// the API. A DELETE is retried after a 5xx; when the retry finds the node
// already gone (404), the first attempt may have deleted it, and the
// result is an *AmbiguousResultError.
func (s *KnowledgeService) DeleteNode(ctx context.Context, projectID, nodeID string, opts ...Option) error {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "kbDeleteNode", func(server string) (*http.Request, error) {
		return gen.NewKbDeleteNodeRequest(server, projectID, nodeID)
	}, nil)
}

// NodeCheckedDeleteParams guards KnowledgeService.DeleteNodeChecked.
type NodeCheckedDeleteParams struct {
	// ExpectedLabel is the label the node must still have. Required.
	ExpectedLabel string
	// Reason is recorded with the deletion.
	Reason string
	// AgentID, when set, is the agent deleting it (recorded for audit).
	AgentID string
}

// knowledgeNodeDeleted is the wire shape of kbAgentDeleteNode.
type knowledgeNodeDeleted struct {
	OK bool `json:"ok"`
}

// DeleteNodeChecked deletes a node, as DeleteNode does, only if its label
// is still p.ExpectedLabel (otherwise a 409, ErrConflict, and nothing is
// deleted): the safe way for an agent to delete what it read earlier. It
// is a POST, retried only when the server provably did not act on it.
func (s *KnowledgeService) DeleteNodeChecked(ctx context.Context, projectID, nodeID string, p NodeCheckedDeleteParams, opts ...Option) error {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return err
	}
	if p.ExpectedLabel == "" {
		return invalid("NodeCheckedDeleteParams.ExpectedLabel", "empty; name the label the node must have")
	}
	if err := headerID("NodeCheckedDeleteParams.AgentID", p.AgentID); err != nil {
		return err
	}
	out, err := call[knowledgeNodeDeleted](ctx, s.c, opts, "kbAgentDeleteNode", func(server string) (*http.Request, error) {
		return gen.NewKbAgentDeleteNodeRequest(server, projectID, nodeID, &gen.KbAgentDeleteNodeParams{XAgentId: optional(p.AgentID)},
			gen.AgentDeleteRequest{ExpectedLabel: p.ExpectedLabel, Reason: p.Reason})
	})
	if err != nil {
		return err
	}
	if !out.OK {
		return fmt.Errorf("sonzai: kbAgentDeleteNode: the server answered ok=false for node %s", nodeID)
	}
	return nil
}

// NodeHistoryParams bounds KnowledgeService.NodeHistory.
type NodeHistoryParams struct {
	// Limit is how many versions to return, 1 to 200; zero means the
	// server's default (50).
	Limit int
}

// KnowledgeNodeHistory is a node's versions, as NodeHistory reads them:
// the list does not page, so Total is how a caller sees that the limit
// cut it.
type KnowledgeNodeHistory struct {
	// History are the versions returned, at most the Limit asked for.
	History []KnowledgeNodeVersion `json:"history"`
	// Total counts every version of the node, which is more than
	// len(History) when the limit cut the list.
	Total int64 `json:"total"`
}

// NodeHistory reads a node's versions, up to p.Limit of them, as the
// server orders them.
func (s *KnowledgeService) NodeHistory(ctx context.Context, projectID, nodeID string, p NodeHistoryParams, opts ...Option) (*KnowledgeNodeHistory, error) {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > 200 {
		return nil, invalid("NodeHistoryParams.Limit", fmt.Sprintf("%d is outside 1..200 (0 means the server's default)", p.Limit))
	}
	return call[KnowledgeNodeHistory](ctx, s.c, opts, "kbGetNodeHistory", func(server string) (*http.Request, error) {
		return gen.NewKbGetNodeHistoryRequest(server, projectID, nodeID, &gen.KbGetNodeHistoryParams{Limit: optional(int64(p.Limit))})
	})
}

// NodePromoteParams names where KnowledgeService.PromoteNode moves a node.
type NodePromoteParams struct {
	// TenantID is the tenant whose organization-wide knowledge gets the
	// node; the server accepts only the caller's own. Required.
	TenantID string
}

// PromoteNode moves a project's node to its tenant's organization-wide
// knowledge, where every project of the tenant sees it; it leaves the
// project. It is a POST, retried only when the server provably did not
// act on it.
func (s *KnowledgeService) PromoteNode(ctx context.Context, projectID, nodeID string, p NodePromoteParams, opts ...Option) (*ScopedKnowledgeNode, error) {
	if err := requireIDs("projectID", projectID, "nodeID", nodeID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.TenantID) == "" {
		return nil, invalid("NodePromoteParams.TenantID", "empty; name the tenant")
	}
	return call[ScopedKnowledgeNode](ctx, s.c, opts, "kbPromoteNodeToOrg", func(server string) (*http.Request, error) {
		return gen.NewKbPromoteNodeToOrgRequest(server, projectID, nodeID, gen.KbPromoteNodeInputBody{TenantId: p.TenantID})
	})
}

// OrgNodeList is a window of a tenant's organization-wide nodes.
type OrgNodeList struct {
	// Nodes are the nodes returned.
	Nodes []KnowledgeNode `json:"nodes"`
	// Total counts the tenant's organization-wide nodes.
	Total int64 `json:"total"`
}

// OrgNodeListParams bounds KnowledgeService.ListOrgNodes.
type OrgNodeListParams struct {
	// Limit is how many nodes to return, 1 to 2000; zero means the
	// server's default (200).
	Limit int
	// All returns every node, whatever Limit says.
	All bool
}

// ListOrgNodes lists a tenant's organization-wide nodes.
func (s *KnowledgeService) ListOrgNodes(ctx context.Context, tenantID string, p OrgNodeListParams, opts ...Option) (*OrgNodeList, error) {
	if err := requireID("tenantID", tenantID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > 2000 {
		return nil, invalid("OrgNodeListParams.Limit", fmt.Sprintf("%d is outside 1..2000 (0 means the server's default)", p.Limit))
	}
	params := &gen.KbListOrgNodesParams{Limit: optional(int64(p.Limit))}
	if p.All {
		params.Limit = Ptr(int64(0)) // the contract's "every node"
	}
	return call[OrgNodeList](ctx, s.c, opts, "kbListOrgNodes", func(server string) (*http.Request, error) {
		return gen.NewKbListOrgNodesRequest(server, tenantID, params)
	})
}

// OrgNodeCreateParams is a node for KnowledgeService.CreateOrgNode.
type OrgNodeCreateParams struct {
	// NodeType and Label name the entity. Required.
	NodeType string
	Label    string
	// Properties are its fields.
	Properties map[string]any
	// Confidence is how sure the writer is, from 0 to 1; nil means the
	// server's default (1).
	Confidence *float64
}

// CreateOrgNode adds a node to a tenant's organization-wide knowledge. It
// is a POST, retried only when the server provably did not act on it.
func (s *KnowledgeService) CreateOrgNode(ctx context.Context, tenantID string, p OrgNodeCreateParams, opts ...Option) (*KnowledgeNode, error) {
	if err := requireID("tenantID", tenantID); err != nil {
		return nil, err
	}
	const at = "OrgNodeCreateParams."
	if strings.TrimSpace(p.NodeType) == "" {
		return nil, invalid(at+"NodeType", "empty; a node needs a type")
	}
	if strings.TrimSpace(p.Label) == "" {
		return nil, invalid(at+"Label", "empty; a node needs a label")
	}
	if err := unitInterval(at+"Confidence", p.Confidence); err != nil {
		return nil, err
	}
	if err := encodable(at+"Properties", p.Properties); err != nil {
		return nil, err
	}
	return call[KnowledgeNode](ctx, s.c, opts, "kbCreateOrgNode", func(server string) (*http.Request, error) {
		return gen.NewKbCreateOrgNodeRequest(server, tenantID, gen.KbCreateOrgNodeInputBody{
			NodeType: p.NodeType, Label: p.Label, Properties: p.Properties, Confidence: p.Confidence})
	})
}
