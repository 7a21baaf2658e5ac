package sonzai_test

import (
	"context"
	"errors"
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
