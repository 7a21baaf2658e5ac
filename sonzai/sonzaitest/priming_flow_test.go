package sonzaitest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestImportFlow imports users in batches under the recording harness and
// follows the jobs through their states on a fake clock: pending, then
// processing with a growing ProcessedUsers, then completed; the imported
// users show in listUsers and getUserMetadata at once, and what their
// content says in their facts and the context once the job is done.
func TestImportFlow(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	h := newHarness(t, WithClock(clock), WithJobDuration(9*time.Second))
	ctx := ctxT(t)
	c := h.client

	users := make([]sonzai.ImportUser, 7)
	for i := range users {
		users[i] = sonzai.ImportUser{UserID: fmt.Sprintf("imp-%d", i), DisplayName: fmt.Sprintf("User %d", i),
			Profile: sonzai.UserProfile{Email: fmt.Sprintf("u%d@example.test", i)}}
	}
	users[0].Profile.Company = "Acme"
	users[1].Facts = []sonzai.PrimeFact{{Text: "The user is vegetarian.", FactType: "preference", Confidence: 0.9, Importance: 0.7}}
	users[2].Content = []sonzai.ContentBlock{{Type: "text", Body: "I love hiking in the Alps."}}
	var batches []sonzai.ImportBatch
	imp, err := c.Priming.ImportUsers(ctx, DemoAgentID, sonzai.UserImportParams{Users: users, BatchSize: 3, Source: "crm",
		OnBatch: func(b sonzai.ImportBatch) { batches = append(batches, b) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Batches) != 3 || imp.Users != 7 || imp.FactsCreated != 2 || len(batches) != 3 || batches[2].Start != 6 || batches[2].End != 7 {
		t.Fatalf("ImportUsers = %+v, OnBatch saw %+v", imp, batches)
	}
	if n := h.fake.Requests(OpBatchImportUsers); n != 3 {
		t.Errorf("%d batchImportUsers requests, want 3", n)
	}

	// Known at once.
	var listed []string
	for u, err := range c.Users.List(ctx, DemoAgentID, sonzai.UserListParams{PageSize: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, u.UserID)
		if u.UserID == "imp-3" && (u.DisplayName != "User 3" || u.Contact.Email != "u3@example.test" || u.CreatedAt.IsZero()) {
			t.Errorf("listed imp-3 = %+v", u)
		}
	}
	for _, u := range users {
		if !slices.Contains(listed, u.UserID) {
			t.Errorf("Users.List = %q, missing %s", listed, u.UserID)
		}
	}
	if !slices.IsSorted(listed) {
		t.Errorf("Users.List = %q, not ordered by id", listed)
	}
	md, err := c.Priming.Metadata(ctx, DemoAgentID, "imp-0")
	if err != nil || md.Company != "Acme" || md.SourceType != "crm" || md.FactsCount != 1 || md.DisplayName != "User 0" {
		t.Errorf("Metadata(imp-0) = %+v, %v", md, err)
	}

	job := imp.Batches[0].JobID
	st, err := c.Priming.ImportStatus(ctx, DemoAgentID, job)
	if err != nil || st.Status != sonzai.ImportPending || st.ProcessedUsers != 0 || st.TotalUsers != 3 {
		t.Errorf("ImportStatus at once = %+v, %v", st, err)
	}
	clock.Advance(6 * time.Second) // a third waiting, then halfway through the run
	st, err = c.Priming.ImportStatus(ctx, DemoAgentID, job)
	if err != nil || st.Status != sonzai.ImportProcessing || st.ProcessedUsers != 1 || st.StartedAt.IsZero() {
		t.Errorf("ImportStatus halfway = %+v, %v", st, err)
	}
	ju, err := c.Priming.ListImportJobUsers(ctx, DemoAgentID, job, sonzai.ImportJobUserListParams{Limit: 10})
	if err != nil || len(ju) != 3 || ju[0].Status != sonzai.ImportCompleted || ju[1].Status != sonzai.ImportProcessing || ju[2].Status != sonzai.ImportPending {
		t.Errorf("ListImportJobUsers halfway = %+v, %v", ju, err)
	}
	if facts, _ := c.Memory.UserFacts(ctx, DemoAgentID, "imp-2", sonzai.UserFactListParams{}); facts != nil && facts.Total != 0 {
		t.Errorf("imp-2's content extracted before the job finished: %+v", facts)
	}
	clock.Advance(3 * time.Second)
	// Another process resumes the wait from the job id alone.
	other := h.newClient()
	var seen []int64
	final, err := other.Priming.WaitImport(ctx, DemoAgentID, job, sonzai.WithProgress(func(j *sonzai.ImportJob) { seen = append(seen, j.ProcessedUsers) }))
	if err != nil || final.Status != sonzai.ImportCompleted || final.ProcessedUsers != 3 || final.CompletedAt.IsZero() || len(seen) != 1 || seen[0] != 3 {
		t.Errorf("WaitImport = %+v, %v (progress %v)", final, err, seen)
	}
	facts, err := c.Memory.UserFacts(ctx, DemoAgentID, "imp-2", sonzai.UserFactListParams{})
	if err != nil || facts.Total == 0 {
		t.Errorf("imp-2's facts after the job = %+v, %v", facts, err)
	}
	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: "imp-1"})
	if err != nil {
		t.Fatal(err)
	}
	enriched, err := sess.Context(ctx, sonzai.ContextParams{Query: "vegetarian"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(enriched.LoadedFacts, func(f sonzai.ContextFact) bool { return f.AtomicText == "The user is vegetarian." }) {
		t.Errorf("context loaded_facts = %+v, want the imported fact", enriched.LoadedFacts)
	}

	jobs, err := c.Priming.ListImportJobs(ctx, DemoAgentID, sonzai.ImportJobListParams{Limit: 2})
	if err != nil || len(jobs) != 2 || jobs[0].JobID != imp.Batches[2].JobID {
		t.Errorf("ListImportJobs = %+v, %v", jobs, err)
	}

	// A failed job is a *JobFailedError carrying its final state.
	h.fake.FailExtractions(true)
	bad, err := c.Priming.ImportUsers(ctx, DemoAgentID, sonzai.UserImportParams{Users: users[:1]})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * time.Second)
	_, err = c.Priming.WaitImport(ctx, DemoAgentID, bad.Batches[0].JobID)
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) || failed.Final.(*sonzai.ImportJob).Status != sonzai.ImportFailed || failed.Reason == "" {
		t.Errorf("WaitImport of a failing job: err = %v", err)
	}

	for name, err := range map[string]error{
		"ImportStatus": func() error { _, err := c.Priming.ImportStatus(ctx, DemoAgentID, "no-such-job"); return err }(),
		"ListImportJobUsers": func() error {
			_, err := c.Priming.ListImportJobUsers(ctx, DemoAgentID, "no-such-job", sonzai.ImportJobUserListParams{})
			return err
		}(),
		"Metadata": func() error { _, err := c.Priming.Metadata(ctx, DemoAgentID, "no-such-user"); return err }(),
		"ListImportJobs": func() error {
			_, err := c.Priming.ListImportJobs(ctx, "no-such-agent", sonzai.ImportJobListParams{})
			return err
		}(),
		"Users.ListPage": func() error { _, err := c.Users.ListPage(ctx, "no-such-agent", sonzai.UserListParams{}); return err }(),
		"ImportUsers": func() error {
			_, err := c.Priming.ImportUsers(ctx, "no-such-agent", sonzai.UserImportParams{Users: users[:1]})
			return err
		}(),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// TestPrimingFlow primes a user, adds content and updates the metadata
// under the harness.
func TestPrimingFlow(t *testing.T) {
	h := newHarness(t, WithJobDuration(60*time.Millisecond))
	ctx := ctxT(t)
	c := h.client
	const user = "primed-user"

	res, err := c.Priming.Prime(ctx, DemoAgentID, user, sonzai.PrimeParams{
		DisplayName: "Ana", Source: "crm", FirstMetAt: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC),
		Profile: sonzai.UserProfile{Company: "Globex", Title: "Engineer", Email: "ana@example.test", Custom: map[string]string{"tier": "gold"}},
		Facts:   []sonzai.PrimeFact{{Text: "Ana has a dog named Rex.", FactType: "fact", Confidence: 1, Importance: 0.5, Sentiment: "positive"}},
		Content: []sonzai.ContentBlock{{Type: "text", Body: "I love sailing."}},
		Messages: []sonzai.PrimeMessage{{Role: "user", Content: "I live in Porto."}, {Role: "assistant", Content: "Nice!"},
			{Role: "user", Content: "I enjoy cooking."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.JobID == "" || res.FactsCreated != 3 || res.Raw["job_id"] != res.JobID {
		t.Fatalf("Prime = %+v", res)
	}
	md, err := c.Priming.Metadata(ctx, DemoAgentID, user)
	if err != nil || md.DisplayName != "Ana" || md.Company != "Globex" || md.CustomFields["tier"] != "gold" || md.FirstMetAt.Year() != 2024 {
		t.Errorf("Metadata = %+v, %v", md, err)
	}
	var states []sonzai.ImportJobStatus
	job, err := c.Priming.WaitPrime(ctx, DemoAgentID, user, res.JobID, sonzai.WithPollInterval(5*time.Millisecond, 20*time.Millisecond),
		sonzai.WithProgress(func(j *sonzai.ImportJob) { states = append(states, j.Status) }))
	if err != nil || job.Status != sonzai.ImportCompleted || job.UserID != user || job.FactsStored <= 3 {
		t.Errorf("WaitPrime = %+v, %v", job, err)
	}
	if len(states) < 2 || states[len(states)-1] != sonzai.ImportCompleted {
		t.Errorf("progress saw %v", states)
	}
	facts, err := c.Memory.UserFacts(ctx, DemoAgentID, user, sonzai.UserFactListParams{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range facts.Facts {
		texts = append(texts, f.Content)
	}
	if joined := strings.Join(texts, " | "); !strings.Contains(joined, "Rex") || !strings.Contains(joined, "Globex") || !strings.Contains(strings.ToLower(joined), "sailing") {
		t.Errorf("facts after priming = %q", texts)
	}

	cj, err := c.Priming.AddContent(ctx, DemoAgentID, user, sonzai.ContentAddParams{Content: []sonzai.ContentBlock{{Type: "text", Body: "I play the violin."}}})
	if err != nil || cj.JobID == "" || cj.Status != sonzai.ImportPending {
		t.Fatalf("AddContent = %+v, %v", cj, err)
	}
	if _, err := c.Priming.WaitPrime(ctx, DemoAgentID, user, cj.JobID, sonzai.WithPollInterval(5*time.Millisecond, 20*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if st, err := c.Priming.PrimeStatus(ctx, DemoAgentID, user, cj.JobID); err != nil || st.Status != sonzai.ImportCompleted {
		t.Errorf("PrimeStatus = %+v, %v", st, err)
	}
	if _, err := c.Priming.PrimeStatus(ctx, DemoAgentID, "someone-else", cj.JobID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("PrimeStatus for another user: err = %v, want ErrNotFound", err)
	}

	up, err := c.Priming.UpdateMetadata(ctx, DemoAgentID, user, sonzai.UserMetadataUpdateParams{Title: sonzai.Ptr("Staff Engineer"), Phone: sonzai.Ptr("")})
	if err != nil || up.Metadata.Title != "Staff Engineer" || up.FactsCreated != 1 || up.Metadata.Company != "Globex" {
		t.Errorf("UpdateMetadata = %+v, %v", up, err)
	}
	fresh, err := c.Priming.UpdateMetadata(ctx, DemoAgentID, "new-user", sonzai.UserMetadataUpdateParams{DisplayName: sonzai.Ptr("Bo")})
	if err != nil || fresh.Metadata.DisplayName != "Bo" || fresh.FactsCreated != 0 {
		t.Errorf("UpdateMetadata(new user) = %+v, %v", fresh, err)
	}
	page, err := c.Users.ListPage(ctx, DemoAgentID, sonzai.UserListParams{PageSize: 500})
	if err != nil || !slices.ContainsFunc(page.Users, func(u sonzai.User) bool { return u.UserID == "new-user" && u.DisplayName == "Bo" }) {
		t.Errorf("Users.ListPage = %+v, %v", page, err)
	}
}
