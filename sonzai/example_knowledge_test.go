package sonzai_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// Upload streams a file of any size (here a string; an *os.File works the
// same way), reports its progress, and WaitDocument waits until the server
// has ingested it.
func ExampleKnowledgeService_Upload() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	const projectID = "proj-123"

	handbook := strings.NewReader("The support desk opens at 9:00 and closes at 18:00.\n")
	var sent int64
	up, err := client.Knowledge.Upload(ctx, projectID, sonzai.DocumentUploadParams{
		File:     handbook, // an io.Reader, read once while it is sent
		FileName: "handbook.txt",
		Progress: func(n int64) { sent = n }, // bytes sent so far
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(up.FileName, up.FileSize, "bytes,", sent, "sent:", up.Status)

	doc, err := client.Knowledge.WaitDocument(ctx, projectID, up.DocumentID)
	if err != nil {
		log.Fatal(err) // a *sonzai.JobFailedError when ingestion failed
	}
	fmt.Println(doc.Status)
	// Output:
	// handbook.txt 52 bytes, 52 sent: pending
	// completed
}

// InsertFacts writes entities and the facts between them; Search finds
// entities by text, with the nodes linked to them.
func ExampleKnowledgeService_Search() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	const projectID = "proj-123"

	_, err := client.Knowledge.InsertFacts(ctx, projectID, sonzai.KnowledgeFactInsertParams{
		Entities: []sonzai.KnowledgeEntityInput{
			{EntityType: "medication", Label: "Aspirin", Properties: map[string]any{"dose_mg": 300}},
			{EntityType: "condition", Label: "Headache"},
		},
		Relationships: []sonzai.KnowledgeRelationshipInput{{FromLabel: "Aspirin", EdgeType: "treats", ToLabel: "Headache"}},
	})
	if err != nil {
		log.Fatal(err)
	}

	results, err := client.Knowledge.Search(ctx, projectID, sonzai.KnowledgeSearchParams{Query: "aspirin", Limit: 5})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Println(r.Type, r.Label, r.Properties["dose_mg"])
		for _, rel := range r.Related {
			fmt.Println("  ", rel.Edge, rel.Label)
		}
	}
	// Output:
	// medication Aspirin 300
	//    treats Headache
}
