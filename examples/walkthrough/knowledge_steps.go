package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// The entities the walkthrough writes, named so they cannot be mistaken
// for a project's own.
const (
	walkTeam   = "sonzai-go walkthrough support desk"
	walkCity   = "sonzai-go walkthrough city"
	walkPolicy = "sonzai-go walkthrough refund policy"
)

// localServer reports whether the walkthrough runs against a fake on this
// machine (no key, or a loopback base URL), not the real API.
func localServer() bool {
	if os.Getenv(sonzai.EnvAPIKey) == "" {
		return true
	}
	u, err := url.Parse(os.Getenv(sonzai.EnvBaseURL))
	if err != nil {
		return false
	}
	host := u.Hostname()
	return host == "localhost" || net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback()
}

// knowledgeSteps upload a document to the knowledge base of the project
// the walkthrough's agent belongs to, wait for its ingestion, read it
// back, then delete it. agentID is read when a step runs, after
// agents.create set it.
func knowledgeSteps(client *sonzai.Client, agentID *string) []struct {
	name string
	f    func(ctx context.Context) (string, error)
} {
	var projectID, docID, nodeID, tenantID, schemaID string
	var nodeIDs []string
	var fact sonzai.FactTuple
	const text = "Sonzai walkthrough handbook.\nThe support desk opens at 9:00 and closes at 18:00, Monday to Friday.\n"
	return []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		{"knowledge.upload", func(ctx context.Context) (string, error) {
			a, err := client.Agents.Get(ctx, *agentID)
			if err != nil {
				return "", err
			}
			projectID = a.ProjectID
			var sent int64
			up, err := client.Knowledge.Upload(ctx, projectID, sonzai.DocumentUploadParams{
				File: strings.NewReader(text), FileName: "sonzai-go-walkthrough-handbook.txt", ForceReplace: true,
				Progress: func(n int64) { sent = n },
			})
			if err != nil {
				return "", err
			}
			docID = up.DocumentID
			return fmt.Sprintf("document %s, %d bytes sent", docID, sent), nil
		}},
		{"knowledge.waitDocument", func(ctx context.Context) (string, error) {
			d, err := client.Knowledge.WaitDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s, %d node(s)", d.Status, d.NodeCount), nil
		}},
		{"knowledge.listDocuments + getDocument", func(ctx context.Context) (string, error) {
			docs, err := client.Knowledge.ListDocuments(ctx, projectID, sonzai.DocumentListParams{Limit: 10})
			if err != nil {
				return "", err
			}
			d, err := client.Knowledge.GetDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d of %d listed; %s is %s", len(docs.Documents), docs.Total, d.FileName, d.ContentType), nil
		}},
		{"knowledge.documentCost", func(ctx context.Context) (string, error) {
			cost, err := client.Knowledge.DocumentCost(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("$%.6f", cost.TotalCostUSD), nil
		}},
		{"knowledge.classifyDocument", func(ctx context.Context) (string, error) {
			c, err := client.Knowledge.ClassifyDocument(ctx, projectID, docID, sonzai.DocumentClassifyParams{
				EntityType: "handbook", Key: map[string]any{"name": "Support desk"}})
			if err != nil {
				return "", err
			}
			return c.Status, nil
		}},
		{"knowledge.reingestDocument", func(ctx context.Context) (string, error) {
			r, err := client.Knowledge.ReingestDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			if _, err := client.Knowledge.WaitDocument(ctx, projectID, docID); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s (%s), ingested again", r.Status, r.Mode), nil
		}},
		{"knowledge.deleteDocument", func(ctx context.Context) (string, error) {
			return "deleted " + docID, client.Knowledge.DeleteDocument(ctx, projectID, docID)
		}},
		{"knowledge.insertFacts", func(ctx context.Context) (string, error) {
			ins, err := client.Knowledge.InsertFacts(ctx, projectID, sonzai.KnowledgeFactInsertParams{
				Entities: []sonzai.KnowledgeEntityInput{
					{EntityType: "team", Label: walkTeam, Properties: map[string]any{"opens": "9:00", "closes": "18:00"}},
					{EntityType: "city", Label: walkCity},
				},
				Relationships: []sonzai.KnowledgeRelationshipInput{{FromLabel: walkTeam, EdgeType: "located_in", ToLabel: walkCity}},
				Source:        "sonzai-go-walkthrough",
			})
			if err != nil {
				return "", err
			}
			for _, d := range ins.Details {
				nodeIDs = append(nodeIDs, d.NodeID)
			}
			if len(ins.Edges) == 0 {
				return "", fmt.Errorf("no fact stored: %+v", ins)
			}
			e := ins.Edges[0]
			fact = sonzai.FactTuple{FromNodeID: e.FromNode, RelationType: e.Relation, ToNodeID: e.ToNode}
			return fmt.Sprintf("%d entities, %d fact(s)", ins.Processed, len(ins.Edges)), nil
		}},
		{"knowledge.listFacts", func(ctx context.Context) (string, error) {
			n := 0
			for _, err := range client.Knowledge.ListFacts(ctx, projectID, sonzai.KnowledgeFactListParams{Limit: 50}) {
				if err != nil {
					return "", err
				}
				n++
			}
			return fmt.Sprintf("%d active fact(s)", n), nil
		}},
		{"knowledge.activeFact + factHistory", func(ctx context.Context) (string, error) {
			f, err := client.Knowledge.ActiveFact(ctx, projectID, fact)
			if err != nil {
				return "", err
			}
			versions, err := client.Knowledge.FactHistory(ctx, projectID, fact)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("version %d of %d", f.Version, len(versions)), nil
		}},
		{"knowledge.getEntity + traverse", func(ctx context.Context) (string, error) {
			e, err := client.Knowledge.GetEntity(ctx, projectID, "team", map[string]any{"name": walkTeam})
			if err != nil {
				return "", err
			}
			t, err := client.Knowledge.Traverse(ctx, projectID, sonzai.KnowledgeTraverseParams{
				FromType: "team", FromKey: map[string]any{"name": walkTeam}, MaxDepth: 2})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d outgoing fact(s), %d reached", len(e.OutgoingFacts), len(t)), nil
		}},
		{"knowledge.createNode + listNodes", func(ctx context.Context) (string, error) {
			n, err := client.Knowledge.CreateNode(ctx, projectID, sonzai.NodeCreateParams{NodeType: "policy", Label: walkPolicy,
				Properties: map[string]any{"window_days": 30}})
			if err != nil {
				return "", err
			}
			nodeID = n.NodeID
			list, err := client.Knowledge.ListNodes(ctx, projectID, sonzai.NodeListParams{Type: "policy", SortBy: "updated_at", Descending: true})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("node %s; %d policy node(s)", nodeID, len(list.Nodes)), nil
		}},
		{"knowledge.updateNode + getNode + nodeHistory", func(ctx context.Context) (string, error) {
			if _, err := client.Knowledge.UpdateNode(ctx, projectID, nodeID, sonzai.NodeUpdateParams{
				Properties: map[string]sonzai.ValueChange{"window_days": {Current: 30, New: 60}}}); err != nil {
				return "", err
			}
			d, err := client.Knowledge.GetNode(ctx, projectID, nodeID, sonzai.NodeGetParams{History: true})
			if err != nil {
				return "", err
			}
			h, err := client.Knowledge.NodeHistory(ctx, projectID, nodeID, sonzai.NodeHistoryParams{Limit: 10})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("version %d, window %v days, %d version(s)", d.Node.Version, d.Node.Properties["window_days"], len(h.History)), nil
		}},
		{"knowledge.deleteNodeChecked", func(ctx context.Context) (string, error) {
			return "deleted " + nodeID, client.Knowledge.DeleteNodeChecked(ctx, projectID, nodeID,
				sonzai.NodeCheckedDeleteParams{ExpectedLabel: walkPolicy, Reason: "walkthrough clean-up"})
		}},
		{"knowledge.listOrgNodes", func(ctx context.Context) (string, error) {
			a, err := client.Agents.Get(ctx, *agentID)
			if err != nil {
				return "", err
			}
			tenantID = a.TenantID
			list, err := client.Knowledge.ListOrgNodes(ctx, tenantID, sonzai.OrgNodeListParams{Limit: 10})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d organization-wide node(s)", list.Total), nil
		}},
		{"knowledge.createOrgNode + promoteNode", func(ctx context.Context) (string, error) {
			// The API cannot delete an organization-wide node: these writes
			// run against a local fake only, so the walkthrough leaves
			// nothing behind on a real tenant.
			if !localServer() {
				return "skipped on a real server (organization-wide nodes cannot be deleted)", nil
			}
			if _, err := client.Knowledge.CreateOrgNode(ctx, tenantID, sonzai.OrgNodeCreateParams{NodeType: "playbook", Label: "Escalation"}); err != nil {
				return "", err
			}
			n, err := client.Knowledge.CreateNode(ctx, projectID, sonzai.NodeCreateParams{NodeType: "playbook", Label: "Refunds"})
			if err != nil {
				return "", err
			}
			sc, err := client.Knowledge.PromoteNode(ctx, projectID, n.NodeID, sonzai.NodePromoteParams{TenantID: tenantID})
			if err != nil {
				return "", err
			}
			return "promoted to scope " + sc.ScopeType, nil
		}},
		{"knowledge.search + stats", func(ctx context.Context) (string, error) {
			hits, err := client.Knowledge.Search(ctx, projectID, sonzai.KnowledgeSearchParams{Query: walkTeam, Limit: 5})
			if err != nil {
				return "", err
			}
			st, err := client.Knowledge.Stats(ctx, projectID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d hit(s); %d edge(s) in the project", len(hits), st.Edges), nil
		}},
		{"knowledge.createSchema + listSchemas", func(ctx context.Context) (string, error) {
			sc, err := client.Knowledge.CreateSchema(ctx, projectID, sonzai.SchemaCreateParams{
				EntityType: "sonzai-go-walkthrough", DisplayName: "Walkthrough entity",
				Fields: []sonzai.SchemaField{{Name: "name", Type: "string", Required: true}},
			})
			if err != nil {
				return "", err
			}
			schemaID = sc.SchemaID
			list, err := client.Knowledge.ListSchemas(ctx, projectID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("schema %s; %d schema(s)", schemaID, len(list)), nil
		}},
		{"knowledge.updateSchema", func(ctx context.Context) (string, error) {
			sc, err := client.Knowledge.UpdateSchema(ctx, projectID, schemaID, sonzai.SchemaUpdateParams{
				Description: sonzai.Ptr("Written by the sonzai-go walkthrough.")})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d field(s), %q", len(sc.Fields), sc.Description), nil
		}},
		{"knowledge.bulkUpdateProperties", func(ctx context.Context) (string, error) {
			res, err := client.Knowledge.BulkUpdateProperties(ctx, projectID, sonzai.PropertiesBulkUpdateParams{
				SkipMissing: true, Source: "sonzai-go-walkthrough",
				Updates: []sonzai.KnowledgeEntityInput{{EntityType: "team", Label: walkTeam, Properties: map[string]any{"closes": "19:00"}}},
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d updated, %d not found", res.Updated, res.NotFound), nil
		}},
		{"knowledge.deleteSchema", func(ctx context.Context) (string, error) {
			return "deleted " + schemaID, client.Knowledge.DeleteSchema(ctx, projectID, schemaID)
		}},
		{"knowledge.deleteNode", func(ctx context.Context) (string, error) {
			// The entities insertFacts wrote, and their fact with them.
			for _, id := range nodeIDs {
				if err := client.Knowledge.DeleteNode(ctx, projectID, id); err != nil {
					return "", err
				}
			}
			return fmt.Sprintf("deleted %d node(s)", len(nodeIDs)), nil
		}},
	}
}
