package sonzai_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewWaitImportUnknownEndedStatusIsNotSuccess: an import job that
// ended (completed_at set) in a status the SDK does not know, such as
// "cancelled", used to make WaitImport return the job with a nil error,
// as if every user had been imported.
func TestReviewWaitImportUnknownEndedStatusIsNotSuccess(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/users/import/j1"}, 200,
		`{"job_id":"j1","agent_id":"a1","status":"cancelled","total_users":5,"processed_users":2,"errors":0,"error_details":null,"created_at":"2026-01-02T03:04:05Z","completed_at":"2026-01-02T03:05:05Z","updated_at":"2026-01-02T03:05:05Z"}`)
	job, err := c.Priming.WaitImport(context.Background(), "a1", "j1")
	var failed *sonzai.JobFailedError
	if !errors.As(err, &failed) {
		t.Fatalf("WaitImport = %+v, %v; want a *JobFailedError", job, err)
	}
	if !strings.Contains(failed.Reason, "cancelled") || failed.Final.(*sonzai.ImportJob).ProcessedUsers != 2 {
		t.Errorf("reason %q, final %+v", failed.Reason, failed.Final)
	}

	// A completed job is still a success, and a known running state with
	// a completion time keeps the old reading (done).
	for _, body := range []string{
		`{"job_id":"j2","status":"completed","completed_at":"2026-01-02T03:05:05Z","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:05:05Z"}`,
		`{"job_id":"j2","status":"processing","completed_at":"2026-01-02T03:05:05Z","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:05:05Z"}`,
	} {
		c, _ := serveCall(t, wantCall{method: http.MethodGet, path: "/api/v1/agents/a1/users/u1/prime/j2"}, 200, body)
		if _, err := c.Priming.WaitPrime(context.Background(), "a1", "u1", "j2"); err != nil {
			t.Errorf("%s: %v", body, err)
		}
	}
}

// TestReviewImportUsersAnswerWithoutJobID: a batch answered 200 without a
// job_id used to be recorded as imported with an empty JobID, which
// WaitImport refuses and ListImportJobs cannot match: the import looked
// complete while nothing about that batch could be followed. It is now a
// failed batch, marked MaybeAccepted, and the import stops there.
func TestReviewImportUsersAnswerWithoutJobID(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		if n.total.Load() == 1 {
			writeRaw(w, http.StatusOK, `{"job_id":"job-1","status":"queued","total_users":1,"facts_created":0}`)
			return
		}
		writeRaw(w, http.StatusOK, `{"status":"queued","total_users":1}`)
	}))
	users := []sonzai.ImportUser{{UserID: "u1"}, {UserID: "u2"}, {UserID: "u3"}}
	res, err := c.Priming.ImportUsers(context.Background(), "a1", sonzai.UserImportParams{Users: users, BatchSize: 1})
	var ie *sonzai.UserImportError
	if !errors.As(err, &ie) {
		t.Fatalf("ImportUsers = %+v, %v; want a *UserImportError", res, err)
	}
	if got := res.JobIDs(); len(got) != 1 || got[0] != "job-1" {
		t.Errorf("imported jobs %v, want [job-1]", got)
	}
	if len(ie.Failed) != 1 || !ie.Failed[0].MaybeAccepted || ie.Failed[0].Start != 1 || !ie.Stopped || ie.Next != 2 {
		t.Errorf("failed %+v, stopped %v, next %d", ie.Failed, ie.Stopped, ie.Next)
	}
	if got := n.total.Load(); got != 2 {
		t.Errorf("%d batches sent, want 2 (stop after the answer without a job)", got)
	}
}

// TestReviewPrimeFactTypeIsChecked: the contract lists the fact types a
// primed or imported fact may have (as it lists the sentiments and
// temporal relevances, which were checked), but FactType was only checked
// for being non-empty: a misspelt type was sent for the server to refuse,
// and in ImportUsers that refused a whole batch of users.
func TestReviewPrimeFactTypeIsChecked(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"job_id":"j1","status":"queued"}`)
	}))
	facts := []sonzai.PrimeFact{{Text: "The user likes tea.", FactType: "preferences", Confidence: 0.9, Importance: 0.5}}
	_, err := c.Priming.Prime(context.Background(), "a1", "u1", sonzai.PrimeParams{DisplayName: "Ana", Facts: facts})
	var ve *sonzai.ValidationError
	if !errors.As(err, &ve) || ve.Field != "PrimeParams.Facts[0].FactType" {
		t.Errorf("Prime: err = %v, want a *ValidationError on PrimeParams.Facts[0].FactType", err)
	}
	_, err = c.Priming.ImportUsers(context.Background(), "a1", sonzai.UserImportParams{Users: []sonzai.ImportUser{{UserID: "u1", Facts: facts}}})
	if !errors.As(err, &ve) || ve.Field != "UserImportParams.Users[0].Facts[0].FactType" {
		t.Errorf("ImportUsers: err = %v, want a *ValidationError on UserImportParams.Users[0].Facts[0].FactType", err)
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("sent %d request(s)", got)
	}
	for _, ft := range []string{"preference", "commitment", "fact", "experience", "correction", "milestone", "habit", "identity", "emotion"} {
		facts[0].FactType = ft
		if _, err := c.Priming.Prime(context.Background(), "a1", "u1", sonzai.PrimeParams{DisplayName: "Ana", Facts: facts}); err != nil {
			t.Errorf("%s: %v", ft, err)
		}
	}
}

// TestReviewAnswersWithoutTheirID: AddContent and Knowledge.Upload start
// background work the caller follows by id (WaitPrime, WaitDocument); an
// answer without that id used to be returned as a success with an empty
// id, which the waiters then refuse as invalid input. Like Agents.Fork, it
// is now an error saying so (and neither call is sent twice).
func TestReviewAnswersWithoutTheirID(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		writeRaw(w, http.StatusOK, `{"status":"queued"}`)
	}))
	ctx := context.Background()
	job, err := c.Priming.AddContent(ctx, "a1", "u1", sonzai.ContentAddParams{Content: []sonzai.ContentBlock{{Type: "text", Body: "Ana likes tea."}}})
	if err == nil || !strings.Contains(err.Error(), "job_id") {
		t.Errorf("AddContent = %+v, %v; want an error about the missing job_id", job, err)
	}
	doc, err := c.Knowledge.Upload(ctx, "p1", sonzai.DocumentUploadParams{File: strings.NewReader("hello"), FileName: "a.txt"})
	if err == nil || !strings.Contains(err.Error(), "document_id") {
		t.Errorf("Upload = %+v, %v; want an error about the missing document_id", doc, err)
	}
	if got := n.total.Load(); got != 2 {
		t.Errorf("%d requests, want 2", got)
	}
}
