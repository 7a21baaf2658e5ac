package sonzaitest

import (
	"context"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkKnowledgeSetup uploads what the walk's document operations find, in
// the project the walk names ("walk-projectId"). The delete gets a
// document of its own, since it runs before the reads of its path.
func walkKnowledgeSetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	const project = "walk-projectId"
	var docs []string
	for _, name := range []string{"walk-delete.txt", "walk-read.txt"} {
		up, err := c.Knowledge.Upload(ctx, project, sonzai.DocumentUploadParams{File: strings.NewReader("content of " + name), FileName: name})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, up.DocumentID)
	}
	ins, err := c.Knowledge.InsertFacts(ctx, project, sonzai.KnowledgeFactInsertParams{
		Entities: []sonzai.KnowledgeEntityInput{
			{EntityType: "medication", Label: "Aspirin", Properties: map[string]any{"dose_mg": 300}},
			{EntityType: "condition", Label: "Headache"},
		},
		Relationships: []sonzai.KnowledgeRelationshipInput{{FromLabel: "Aspirin", EdgeType: "treats", ToLabel: "Headache"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each node operation on a node gets one of its own: delete and
	// promote remove theirs; the checked delete expects the label the
	// walk synthesizes for expected_label.
	nodes := map[string]string{}
	for _, op := range []string{"kbDeleteNode", "kbGetNode", "kbAgentUpdateNode", "kbAgentDeleteNode", "kbGetNodeHistory", "kbPromoteNodeToOrg"} {
		label := "walk node for " + op
		if op == "kbAgentDeleteNode" {
			label = "expected_label-value"
		}
		n, err := c.Knowledge.CreateNode(ctx, project, sonzai.NodeCreateParams{NodeType: "walk", Label: label})
		if err != nil {
			t.Fatal(err)
		}
		nodes[op] = n.NodeID
	}
	var schemas []string
	for _, typ := range []string{"walk-delete", "walk-update"} {
		sc, err := c.Knowledge.CreateSchema(ctx, project, sonzai.SchemaCreateParams{EntityType: typ,
			Fields: []sonzai.SchemaField{{Name: "name", Type: "string", Required: true}}})
		if err != nil {
			t.Fatal(err)
		}
		schemas = append(schemas, sc.SchemaID)
	}
	edge := ins.Edges[0]
	fact := map[string]string{"from_node_id": edge.FromNode, "to_node_id": edge.ToNode, "relation_type": edge.Relation}
	return walkIDs{
		"kbGetEntity":                   {"entityType": "medication", "entityKey": `{"name":"Aspirin"}`},
		"kbTraverse":                    {"from_type": "medication", "from_key": `{"name":"Aspirin"}`},
		"kbGetActiveFact":               fact,
		"kbDeleteSchema":                {"schemaId": schemas[0]},
		"kbUpdateSchema":                {"schemaId": schemas[1]},
		"kbGetFactHistory":              fact,
		"kbDeleteNode":                  {"nodeId": nodes["kbDeleteNode"]},
		"kbGetNode":                     {"nodeId": nodes["kbGetNode"]},
		"kbAgentUpdateNode":             {"nodeId": nodes["kbAgentUpdateNode"]},
		"kbAgentDeleteNode":             {"nodeId": nodes["kbAgentDeleteNode"]},
		"kbGetNodeHistory":              {"nodeId": nodes["kbGetNodeHistory"]},
		"kbPromoteNodeToOrg":            {"nodeId": nodes["kbPromoteNodeToOrg"]},
		"kbDeleteDocument":              {"docId": docs[0]},
		"kbGetDocument":                 {"docId": docs[1]},
		"kbReingestDocument":            {"documentId": docs[1]},
		"kbPatchDocumentClassification": {"documentId": docs[1]},
		"kbGetDocumentCost":             {"documentId": docs[1]},
	}
}
