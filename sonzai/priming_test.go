package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestPrimingInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	ok := sonzai.ImportUser{UserID: "u1"}
	checkDirBadInputs(t, []dirBadInput{
		{"Users.ListPage size", "UserListParams.PageSize", func(c *sonzai.Client) error {
			_, err := c.Users.ListPage(ctx, "a1", sonzai.UserListParams{PageSize: 501})
			return err
		}},
		{"Users.List agent", "agentID", func(c *sonzai.Client) error {
			for _, err := range c.Users.List(ctx, "", sonzai.UserListParams{}) {
				return err
			}
			return nil
		}},
		{"ImportUsers neither", "UserImportParams.Users", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{})
			return err
		}},
		{"ImportUsers both", "UserImportParams.Users", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{ok}, From: func(func(sonzai.ImportUser) bool) {}})
			return err
		}},
		{"ImportUsers empty slice", "UserImportParams.Users", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{}})
			return err
		}},
		{"ImportUsers empty source", "UserImportParams.From", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{From: func(func(sonzai.ImportUser) bool) {}})
			return err
		}},
		{"ImportUsers batch size", "UserImportParams.BatchSize", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{ok}, BatchSize: -1})
			return err
		}},
		{"ImportUsers no user id", "UserImportParams.Users[1].UserID", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{ok, {DisplayName: "x"}}})
			return err
		}},
		{"ImportUsers fact confidence", "UserImportParams.Users[0].Facts[0].Confidence", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{{UserID: "u",
				Facts: []sonzai.PrimeFact{{Text: "t", FactType: "fact", Confidence: 2}}}}})
			return err
		}},
		{"ImportUsers message role", "UserImportParams.Users[0].Messages[0].Role", func(c *sonzai.Client) error {
			_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{{UserID: "u",
				Messages: []sonzai.PrimeMessage{{Role: "system", Content: "x"}}}}})
			return err
		}},
		{"ImportStatus job", "jobID", func(c *sonzai.Client) error { _, err := c.Priming.ImportStatus(ctx, "a1", ""); return err }},
		{"WaitImport job", "jobID", func(c *sonzai.Client) error { _, err := c.Priming.WaitImport(ctx, "a1", ".."); return err }},
		{"ListImportJobs limit", "ImportJobListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Priming.ListImportJobs(ctx, "a1", sonzai.ImportJobListParams{Limit: -1})
			return err
		}},
		{"ListImportJobUsers limit", "ImportJobUserListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Priming.ListImportJobUsers(ctx, "a1", "j1", sonzai.ImportJobUserListParams{Limit: -5})
			return err
		}},
		{"Prime no name", "PrimeParams.DisplayName", func(c *sonzai.Client) error {
			_, err := c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{})
			return err
		}},
		{"Prime fact type", "PrimeParams.Facts[0].FactType", func(c *sonzai.Client) error {
			_, err := c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "A", Facts: []sonzai.PrimeFact{{Text: "t"}}})
			return err
		}},
		{"Prime sentiment", "PrimeParams.Facts[0].Sentiment", func(c *sonzai.Client) error {
			_, err := c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "A", Facts: []sonzai.PrimeFact{{Text: "t", FactType: "fact", Sentiment: "happy"}}})
			return err
		}},
		{"Prime content body", "PrimeParams.Content[0].Body", func(c *sonzai.Client) error {
			_, err := c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "A", Content: []sonzai.ContentBlock{{Type: "text"}}})
			return err
		}},
		{"Prime structured", "PrimeParams.StructuredImport.ColumnMapping", func(c *sonzai.Client) error {
			_, err := c.Priming.Prime(ctx, "a1", "u1", sonzai.PrimeParams{DisplayName: "A",
				StructuredImport: &sonzai.StructuredImport{EntityType: "product", ContentCSV: "a\n1"}})
			return err
		}},
		{"PrimeStatus user", "userID", func(c *sonzai.Client) error { _, err := c.Priming.PrimeStatus(ctx, "a1", "", "j1"); return err }},
		{"WaitPrime job", "jobID", func(c *sonzai.Client) error { _, err := c.Priming.WaitPrime(ctx, "a1", "u1", ""); return err }},
		{"AddContent empty", "ContentAddParams.Content", func(c *sonzai.Client) error {
			_, err := c.Priming.AddContent(ctx, "a1", "u1", sonzai.ContentAddParams{})
			return err
		}},
		{"AddContent type", "ContentAddParams.Content[0].Type", func(c *sonzai.Client) error {
			_, err := c.Priming.AddContent(ctx, "a1", "u1", sonzai.ContentAddParams{Content: []sonzai.ContentBlock{{Body: "x"}}})
			return err
		}},
		{"Metadata user", "userID", func(c *sonzai.Client) error { _, err := c.Priming.Metadata(ctx, "a1", "."); return err }},
		{"UpdateMetadata nothing", "UserMetadataUpdateParams", func(c *sonzai.Client) error {
			_, err := c.Priming.UpdateMetadata(ctx, "a1", "u1", sonzai.UserMetadataUpdateParams{})
			return err
		}},
	})
}

// importServer answers batchImportUsers, recording each batch's user ids,
// and answers the batches whose first user is in fail with that status.
type importServer struct {
	mu      sync.Mutex
	batches [][]string
	fail    map[string]int
}

func (s *importServer) handle(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Users []struct {
			UserID string `json:"user_id"`
		} `json:"users"`
	}
	b, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(b, &body)
	ids := make([]string, len(body.Users))
	for i, u := range body.Users {
		ids[i] = u.UserID
	}
	s.mu.Lock()
	s.batches = append(s.batches, ids)
	n := len(s.batches)
	status := s.fail[ids[0]]
	s.mu.Unlock()
	if status != 0 {
		writeProblem(w, status, "refused")
		return
	}
	writeRaw(w, 200, fmt.Sprintf(`{"job_id":"job_%d","status":"pending","total_users":%d,"facts_created":0}`, n, len(ids)))
}

func importUsers(n int) []sonzai.ImportUser {
	out := make([]sonzai.ImportUser, n)
	for i := range out {
		out[i] = sonzai.ImportUser{UserID: fmt.Sprintf("u%d", i)}
	}
	return out
}

// A refused batch is reported with its users and the import goes on; a
// batch that may have been accepted (5xx) is sent once and stops it.
func TestImportUsersBatchFailures(t *testing.T) {
	ctx := context.Background()
	t.Run("refused batch goes on", func(t *testing.T) {
		srv := &importServer{fail: map[string]int{"u2": 422}}
		c, _ := newTestServer(t, http.HandlerFunc(srv.handle))
		imp, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: importUsers(7), BatchSize: 2})
		var ie *sonzai.UserImportError
		if !errors.As(err, &ie) {
			t.Fatalf("err = %v, want *UserImportError", err)
		}
		if len(srv.batches) != 4 || ie.Stopped || ie.Next != 7 || len(ie.Failed) != 1 {
			t.Fatalf("batches %v, error %+v", srv.batches, ie)
		}
		f := ie.Failed[0]
		if f.Batch != 1 || f.Start != 2 || f.End != 4 || f.MaybeAccepted || len(f.Users) != 2 || f.Users[1].UserID != "u3" {
			t.Errorf("failure = %+v", f)
		}
		if imp.Users != 5 || len(imp.Batches) != 3 || ie.Imported.Users != 5 || imp.Batches[2].Start != 6 {
			t.Errorf("imported = %+v", imp)
		}
		if !errors.Is(err, sonzai.ErrInvalidArgument) && !strings.Contains(err.Error(), "batch 1") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("5xx stops and is not re-sent", func(t *testing.T) {
		srv := &importServer{fail: map[string]int{"u2": 503}}
		c, _ := newTestServer(t, http.HandlerFunc(srv.handle))
		read := 0
		from := func(yield func(sonzai.ImportUser) bool) {
			for _, u := range importUsers(9) {
				read++
				if !yield(u) {
					return
				}
			}
		}
		_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{From: from, BatchSize: 2})
		var ie *sonzai.UserImportError
		if !errors.As(err, &ie) || !errors.Is(err, sonzai.ErrServer) {
			t.Fatalf("err = %v, want *UserImportError wrapping ErrServer", err)
		}
		if len(srv.batches) != 2 || !ie.Stopped || ie.Next != 4 || !ie.Failed[0].MaybeAccepted || ie.Imported.Users != 2 {
			t.Errorf("batches %v, error %+v", srv.batches, ie)
		}
		if read > 5 {
			t.Errorf("read %d users from the source after stopping at 4", read)
		}
	})
	t.Run("invalid user from the source stops before sending its batch", func(t *testing.T) {
		srv := &importServer{}
		c, _ := newTestServer(t, http.HandlerFunc(srv.handle))
		users := importUsers(5)
		users[3].UserID = ""
		var seen []sonzai.ImportBatch
		_, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{From: func(yield func(sonzai.ImportUser) bool) {
			for _, u := range users {
				if !yield(u) {
					return
				}
			}
		}, BatchSize: 2, OnBatch: func(b sonzai.ImportBatch) { seen = append(seen, b) }})
		var ie *sonzai.UserImportError
		var ve *sonzai.ValidationError
		if !errors.As(err, &ie) || !errors.As(err, &ve) || ve.Field != "UserImportParams.From[3].UserID" {
			t.Fatalf("err = %v", err)
		}
		if len(srv.batches) != 1 || len(seen) != 1 || ie.Failed[0].MaybeAccepted || ie.Next != 4 {
			t.Errorf("batches %v, OnBatch %v, error %+v", srv.batches, seen, ie)
		}
	})
	t.Run("all accepted", func(t *testing.T) {
		srv := &importServer{}
		c, _ := newTestServer(t, http.HandlerFunc(srv.handle))
		imp, err := c.Priming.ImportUsers(ctx, "a1", sonzai.UserImportParams{Users: importUsers(1001)})
		if err != nil {
			t.Fatal(err)
		}
		if len(srv.batches) != 3 || len(srv.batches[0]) != sonzai.DefaultImportBatchSize || imp.Users != 1001 || len(imp.JobIDs()) != 3 {
			t.Errorf("batches of %d, %d, %d; import %+v", len(srv.batches[0]), len(srv.batches[1]), len(srv.batches[2]), imp)
		}
	})
}

// TestPrimeResultDecodesLeniently: the answer is free-form.
func TestPrimeResultDecodesLeniently(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: http.MethodPost, path: "/api/v1/agents/a1/users/u%2F1/prime",
		body: `{"display_name":"Ana","metadata":{"company":"Globex"},"facts":[{"atomic_text":"t","fact_type":"fact","confidence":0,"importance":1}]}`}, 200,
		`{"job_id":"j1","status":"pending","facts_created":2,"extra":{"x":1}}`)
	res, err := c.Priming.Prime(context.Background(), "a1", "u/1", sonzai.PrimeParams{DisplayName: "Ana",
		Profile: sonzai.UserProfile{Company: "Globex"}, Facts: []sonzai.PrimeFact{{Text: "t", FactType: "fact", Importance: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.JobID != "j1" || res.Status != sonzai.ImportPending || res.FactsCreated != 2 || res.Raw["extra"] == nil {
		t.Errorf("Prime = %+v", res)
	}
}

// TestUpdateMetadataSendsOnlyWhatIsSet: nil stays off, "" is sent.
func TestUpdateMetadataSendsOnlyWhatIsSet(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: http.MethodPatch, path: "/api/v1/agents/a1/users/u1/metadata",
		body: `{"phone":"","custom":{}}`}, 200,
		`{"facts_created":0,"metadata":{"AgentID":"a1","UserID":"u1","DisplayName":"d","Email":"e","Company":"c","Title":"t","Phone":"p","Timezone":"z","LinkedinURL":"l","CustomFields":{"k":"v"},"SourceType":"s","SourceID":"i","FactsCount":1,"WarmthScore":2,"FirstMetAt":"2026-01-02T03:04:05Z","PrimedAt":"2026-01-02T03:04:05Z","CreatedAt":"2026-01-02T03:04:05Z","UpdatedAt":"2026-01-02T03:04:05Z"}}`)
	up, err := c.Priming.UpdateMetadata(context.Background(), "a1", "u1", sonzai.UserMetadataUpdateParams{Phone: sonzai.Ptr(""), Custom: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	requireAllSet(t, "UserMetadata", up.Metadata)
}

// TestWaitImportFailedAndTimeout: a failed job carries its final state; a
// job that never finishes is a *PollTimeoutError with the last one.
func TestWaitImportFailedAndTimeout(t *testing.T) {
	ctx := context.Background()
	c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/users/import/j1"}, 200,
		`{"job_id":"j1","tenant_id":"t","agent_id":"a1","job_type":"batch_import","source_type":"api","status":"failed","total_users":2,"processed_users":1,"facts_extracted":0,"facts_stored":0,"facts_deduped":0,"constellation_nodes":0,"warmth_score":0,"errors":1,"error_details":{"reason":"bad content"},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`)
	_, err := c.Priming.WaitImport(ctx, "a1", "j1")
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) || failed.Reason != "bad content" || failed.Final.(*sonzai.ImportJob).Errors != 1 {
		t.Errorf("err = %v", err)
	}
	c, _ = serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/users/u1/prime/j2"}, 200,
		`{"job_id":"j2","tenant_id":"t","agent_id":"a1","user_id":"u1","job_type":"prime_user","source_type":"api","status":"processing","total_users":1,"processed_users":0,"facts_extracted":0,"facts_stored":0,"facts_deduped":0,"constellation_nodes":0,"warmth_score":0,"errors":0,"error_details":null,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Millisecond)
	defer cancel()
	var reads int
	_, err = c.Priming.WaitPrime(tctx, "a1", "u1", "j2", sonzai.WithPollInterval(10*time.Millisecond, 10*time.Millisecond),
		sonzai.WithProgress(func(*sonzai.ImportJob) { reads++ }))
	var timeout *sonzai.PollTimeoutError
	if !errors.As(err, &timeout) || timeout.Last.(*sonzai.ImportJob).Status != sonzai.ImportProcessing || reads < 2 {
		t.Errorf("err = %v, %d progress calls", err, reads)
	}
}

// TestUsersListStopsOnRepeatedCursor: a server that sends the same cursor
// twice is an error, not a loop.
func TestUsersListStopsOnRepeatedCursor(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, 200, `{"users":[{"user_id":"u","role":"user"}],"has_more":true,"next_cursor":"same"}`)
	}))
	var users int
	var last error
	for _, err := range c.Users.List(context.Background(), "a1", sonzai.UserListParams{}) {
		if err != nil {
			last = err
			break
		}
		users++
	}
	if last == nil || !strings.Contains(last.Error(), "second time") || users != 2 || n.total.Load() != 2 {
		t.Errorf("users %d, requests %d, err %v", users, n.total.Load(), last)
	}
}
