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
	edge := ins.Edges[0]
	fact := map[string]string{"from_node_id": edge.FromNode, "to_node_id": edge.ToNode, "relation_type": edge.Relation}
	return walkIDs{
		"kbGetEntity":                   {"entityType": "medication", "entityKey": `{"name":"Aspirin"}`},
		"kbTraverse":                    {"from_type": "medication", "from_key": `{"name":"Aspirin"}`},
		"kbGetActiveFact":               fact,
		"kbGetFactHistory":              fact,
		"kbDeleteDocument":              {"docId": docs[0]},
		"kbGetDocument":                 {"docId": docs[1]},
		"kbReingestDocument":            {"documentId": docs[1]},
		"kbPatchDocumentClassification": {"documentId": docs[1]},
		"kbGetDocumentCost":             {"documentId": docs[1]},
	}
}
