package sonzai_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func ExampleInstancesService_Create() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	staging, err := client.Instances.Create(ctx, agentID, sonzai.InstanceCreateParams{Name: "staging"})
	if err != nil {
		log.Fatal(err)
	}
	// Calls that take an InstanceID read and write this instance's memory.
	if _, err := client.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{
		UserID: "user-123", InstanceID: staging.InstanceID, Content: "The user is testing the checkout flow.",
	}); err != nil {
		log.Fatal(err)
	}
	instances, err := client.Instances.List(ctx, agentID)
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range instances {
		fmt.Println(in.Name, in.IsDefault, in.Status)
	}
	if err := client.Instances.Delete(ctx, agentID, staging.InstanceID); err != nil {
		log.Fatal(err)
	}
	// Output:
	// default true active
	// staging false active
}

func ExampleMemoryService_UserFacts() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	if _, err := client.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{
		UserID: "user-123", Content: "The user owns a red bicycle.", Metadata: map[string]any{"kind": "inventory"},
	}); err != nil {
		log.Fatal(err)
	}

	facts, err := client.Memory.UserFacts(ctx, agentID, "user-123", sonzai.UserFactListParams{Kind: "inventory"})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range facts.Facts {
		fmt.Println(f.Content)
	}
	fmt.Println(facts.Total, "in all")
	// Output:
	// The user owns a red bicycle.
	// 1 in all
}

// Import users from another system: the SDK reads them from an iterator
// (here generated; in practice rows of a CSV file or a database cursor)
// and sends them in batches, each a job on the server; WaitImport follows
// each job, and WithProgress reports how many users it has processed.
func ExamplePrimingService_ImportUsers() {
	fake := sonzaitest.New(sonzaitest.WithJobDuration(0)) // jobs finish at once
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	crm := func(yield func(sonzai.ImportUser) bool) {
		for i := range 1200 {
			u := sonzai.ImportUser{
				UserID:      fmt.Sprintf("crm-%04d", i),
				DisplayName: fmt.Sprintf("Customer %d", i),
				Profile:     sonzai.UserProfile{Email: fmt.Sprintf("customer%d@example.com", i)},
			}
			if !yield(u) {
				return
			}
		}
	}
	imp, err := client.Priming.ImportUsers(ctx, agentID, sonzai.UserImportParams{
		From: crm, Source: "crm", // BatchSize: 0 means sonzai.DefaultImportBatchSize (500)
		OnBatch: func(b sonzai.ImportBatch) { fmt.Printf("sent users %d..%d\n", b.Start, b.End-1) },
	})
	if err != nil {
		log.Fatal(err) // a *sonzai.UserImportError says which batches failed
	}
	for _, jobID := range imp.JobIDs() {
		_, err := client.Priming.WaitImport(ctx, agentID, jobID, sonzai.WithProgress(func(j *sonzai.ImportJob) {
			fmt.Printf("%s: %d of %d processed\n", j.Status, j.ProcessedUsers, j.TotalUsers)
		}))
		if err != nil {
			log.Fatal(err)
		}
	}
	md, err := client.Priming.Metadata(ctx, agentID, "crm-1199")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(md.DisplayName, md.Email)
	// Output:
	// sent users 0..499
	// sent users 500..999
	// sent users 1000..1199
	// completed: 500 of 500 processed
	// completed: 500 of 500 processed
	// completed: 200 of 200 processed
	// Customer 1199 customer1199@example.com
}

// Prime an agent with what a CRM knows about a user before their first
// conversation: the profile and facts are stored at once, the notes are
// extracted by a job that WaitPrime waits for.
func ExamplePrimingService_Prime() {
	fake := sonzaitest.New()
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()

	res, err := client.Priming.Prime(ctx, agentID, "user-42", sonzai.PrimeParams{
		DisplayName: "Ana Silva",
		Source:      "crm",
		Profile:     sonzai.UserProfile{Company: "Globex", Title: "Engineer"},
		Facts:       []sonzai.PrimeFact{{Text: "Ana has a dog named Rex.", FactType: "fact", Confidence: 1, Importance: 0.6}},
		Content:     []sonzai.ContentBlock{{Type: "text", Body: "I love sailing."}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.FactsCreated, "facts stored at once")
	job, err := client.Priming.WaitPrime(ctx, agentID, "user-42", res.JobID)
	if err != nil {
		log.Fatal(err) // a *sonzai.JobFailedError carries the final *sonzai.ImportJob
	}
	fmt.Println("priming", job.Status)

	s, err := client.Sessions.Start(ctx, agentID, sonzai.StartParams{UserID: "user-42"})
	if err != nil {
		log.Fatal(err)
	}
	enriched, err := s.Context(ctx, sonzai.ContextParams{Query: "What does Ana do on weekends?"})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range enriched.LoadedFacts {
		if f.AtomicText == "Ana has a dog named Rex." {
			fmt.Println("the agent knows:", f.AtomicText)
		}
	}
	if _, err := s.End(ctx, sonzai.EndParams{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 3 facts stored at once
	// priming completed
	// the agent knows: Ana has a dog named Rex.
}

func ExampleUsersService_List() {
	fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package
	defer fake.Close()
	ctx := context.Background()
	client, _ := fake.Client() // with a real key: sonzai.NewClient()
	for _, name := range []string{"bo", "al"} {
		if _, err := client.Priming.UpdateMetadata(ctx, agentID, "user-"+name, sonzai.UserMetadataUpdateParams{DisplayName: sonzai.Ptr(name)}); err != nil {
			log.Fatal(err)
		}
	}

	for u, err := range client.Users.List(ctx, agentID, sonzai.UserListParams{PageSize: 100}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.UserID, u.DisplayName)
	}
	// Output:
	// user-al al
	// user-bo bo
}
