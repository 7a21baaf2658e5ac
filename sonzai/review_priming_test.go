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
