package sonzai

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// ConstellationNode is one theme, person, place or idea in an agent's
// constellation. (The API names these fields in PascalCase, as the json
// tags do.)
type ConstellationNode struct {
	// NodeID identifies the node.
	NodeID string `json:"NodeID"`
	// AgentID is the agent; UserID the user the node belongs to, or empty
	// for the agent's own.
	AgentID string `json:"AgentID"`
	UserID  string `json:"UserID"`
	// NodeType classifies the node, e.g. NodeTheme.
	NodeType NodeType `json:"NodeType"`
	// Label names the node (unique per agent and user); Description says
	// more.
	Label       string `json:"Label"`
	Description string `json:"Description"`
	// Significance is how much the node matters, 0 to 1; Brightness how
	// present it is now.
	Significance float64 `json:"Significance"`
	Brightness   float64 `json:"Brightness"`
	// MentionCount is how often it came up, between FirstMentionedAt and
	// LastMentionedAt.
	MentionCount     int64     `json:"MentionCount"`
	FirstMentionedAt time.Time `json:"FirstMentionedAt"`
	LastMentionedAt  time.Time `json:"LastMentionedAt"`
	// CreatedAt and UpdatedAt are when it was created and last changed.
	CreatedAt time.Time `json:"CreatedAt"`
	UpdatedAt time.Time `json:"UpdatedAt"`
}

// NodeType classifies a constellation node. The contract leaves the set
// open; NodeTheme is the server's default.
type NodeType string

// NodeTheme is a theme node, the type a node gets when none is given.
const NodeTheme NodeType = "theme"

// ConstellationEdge links two nodes that come up together.
type ConstellationEdge struct {
	// EdgeID identifies the edge; AgentID is the agent.
	EdgeID  string `json:"EdgeID"`
	AgentID string `json:"AgentID"`
	// FromNodeID and ToNodeID are the nodes it links.
	FromNodeID string `json:"FromNodeID"`
	ToNodeID   string `json:"ToNodeID"`
	// EdgeType classifies the link; Strength weighs it.
	EdgeType string  `json:"EdgeType"`
	Strength float64 `json:"Strength"`
	// CoOccurrenceCount is how often the two came up together.
	CoOccurrenceCount int64 `json:"CoOccurrenceCount"`
	// CreatedAt and UpdatedAt are when it was created and last changed.
	CreatedAt time.Time `json:"CreatedAt"`
	UpdatedAt time.Time `json:"UpdatedAt"`
}

// ConstellationInsight is something the agent noticed across nodes and
// has not brought up yet.
type ConstellationInsight struct {
	// InsightID identifies it; AgentID and UserID say whose it is.
	InsightID string `json:"InsightID"`
	AgentID   string `json:"AgentID"`
	UserID    string `json:"UserID"`
	// InsightType classifies it; Content says it.
	InsightType string `json:"InsightType"`
	Content     string `json:"Content"`
	// RelatedNodes are the ids of the nodes it draws on.
	RelatedNodes []string `json:"RelatedNodes"`
	// Surfaced is true once the agent brought it up.
	Surfaced bool `json:"Surfaced"`
	// Priority ranks it; Confidence is how sure the agent is.
	Priority   int64   `json:"Priority"`
	Confidence float64 `json:"Confidence"`
	// CreatedAt and UpdatedAt are when it was created and last changed.
	CreatedAt time.Time `json:"CreatedAt"`
	UpdatedAt time.Time `json:"UpdatedAt"`
}

// Constellation is an agent's graph: its nodes, the edges between them
// and the insights not yet surfaced.
type Constellation struct {
	Nodes    []ConstellationNode    `json:"nodes"`
	Edges    []ConstellationEdge    `json:"edges"`
	Insights []ConstellationInsight `json:"insights"`
}

// ConstellationParams scopes ConstellationService.Get.
type ConstellationParams struct {
	// UserID keeps only this user's nodes and insights; empty reads the
	// whole graph.
	UserID string
}

// Get reads an agent's constellation.
func (s *ConstellationService) Get(ctx context.Context, agentID string, p ConstellationParams, opts ...Option) (*Constellation, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[Constellation](ctx, s.c, opts, "getConstellation", func(server string) (*http.Request, error) {
		return gen.NewGetConstellationRequest(server, agentID, &gen.GetConstellationParams{UserId: optional(p.UserID)})
	})
}

// ConstellationNodeCreateParams describes a node for
// ConstellationService.CreateNode. Label is required.
type ConstellationNodeCreateParams struct {
	// Label names the node; it must be unique for the agent and user.
	// Required.
	Label string
	// Description says more about it.
	Description string
	// NodeType classifies it; empty means NodeTheme.
	NodeType NodeType
	// Significance is how much it matters, 0 to 1; nil leaves the
	// server's default (0.5).
	Significance *float64
	// UserID makes it the node of one user; empty for the agent's own.
	UserID string
}

func (p ConstellationNodeCreateParams) toGen() (gen.CreateConstellationNodeInputBody, error) {
	const at = "ConstellationNodeCreateParams."
	if strings.TrimSpace(p.Label) == "" {
		return gen.CreateConstellationNodeInputBody{}, invalid(at+"Label", "empty; a node needs a label")
	}
	if err := unitInterval(at+"Significance", p.Significance); err != nil {
		return gen.CreateConstellationNodeInputBody{}, err
	}
	return gen.CreateConstellationNodeInputBody{Label: p.Label, Description: p.Description, NodeType: string(p.NodeType),
		Significance: p.Significance, UserId: p.UserID}, nil
}

// CreateNode adds a node to an agent's constellation and returns it. A
// label already used for the agent and user is a conflict (ErrConflict).
// It is a POST, retried only when the server provably did not act on it.
func (s *ConstellationService) CreateNode(ctx context.Context, agentID string, p ConstellationNodeCreateParams, opts ...Option) (*ConstellationNode, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[ConstellationNode](ctx, s.c, opts, "createConstellationNode", func(server string) (*http.Request, error) {
		return gen.NewCreateConstellationNodeRequest(server, agentID, body)
	})
}

// ConstellationNodeUpdateParams changes a node with
// ConstellationService.UpdateNode. Only what is set is sent (nil leaves a
// field as it is); at least one field must be.
type ConstellationNodeUpdateParams struct {
	// Label renames the node; it cannot be empty.
	Label *string
	// Description replaces its description; Ptr("") clears it.
	Description *string
	// NodeType reclassifies it.
	NodeType *NodeType
	// Significance sets how much it matters, 0 to 1.
	Significance *float64
}

func (p ConstellationNodeUpdateParams) toGen() (gen.UpdateConstellationNodeInputBody, error) {
	const at = "ConstellationNodeUpdateParams."
	if p.Label == nil && p.Description == nil && p.NodeType == nil && p.Significance == nil {
		return gen.UpdateConstellationNodeInputBody{}, invalid("ConstellationNodeUpdateParams", "nothing to update; set at least one of Label, Description, NodeType, Significance")
	}
	if p.Label != nil && strings.TrimSpace(*p.Label) == "" {
		return gen.UpdateConstellationNodeInputBody{}, invalid(at+"Label", "empty; a node needs a label")
	}
	if p.NodeType != nil && *p.NodeType == "" {
		return gen.UpdateConstellationNodeInputBody{}, invalid(at+"NodeType", "empty; a node always has a type, e.g. NodeTheme")
	}
	if err := unitInterval(at+"Significance", p.Significance); err != nil {
		return gen.UpdateConstellationNodeInputBody{}, err
	}
	body := gen.UpdateConstellationNodeInputBody{Label: p.Label, Description: p.Description, Significance: p.Significance}
	if p.NodeType != nil {
		body.NodeType = Ptr(string(*p.NodeType))
	}
	return body, nil
}

// UpdateNode changes what p sets on a node and returns it as stored. It is
// a PUT, so the transport retries it after a 5xx; the same change applied
// twice leaves the same node.
func (s *ConstellationService) UpdateNode(ctx context.Context, agentID, nodeID string, p ConstellationNodeUpdateParams, opts ...Option) (*ConstellationNode, error) {
	if err := requireIDs("agentID", agentID, "nodeID", nodeID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[ConstellationNode](ctx, s.c, opts, "updateConstellationNode", func(server string) (*http.Request, error) {
		return gen.NewUpdateConstellationNodeRequest(server, agentID, nodeID, body)
	})
}

// DeleteNode removes a node from an agent's constellation for good. A
// DELETE is retried after a 5xx; when the retry finds the node already
// gone (404), the first attempt may have deleted it, and DeleteNode
// returns an *AmbiguousResultError.
func (s *ConstellationService) DeleteNode(ctx context.Context, agentID, nodeID string, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "nodeID", nodeID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteConstellationNode", func(server string) (*http.Request, error) {
		return gen.NewDeleteConstellationNodeRequest(server, agentID, nodeID)
	}, nil)
}
