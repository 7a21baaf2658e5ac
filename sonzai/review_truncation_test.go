package sonzai_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// kbListDocuments answers at most Limit documents (default 50) with the
// project's total; ListDocuments returns both, so a caller sees that a
// project with more documents was cut short.
func TestReviewListDocumentsSaysWhenCut(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"documents":[{"document_id":"d1","project_id":"p1","status":"completed"}],"total":120}`)
	}))
	docs, err := c.Knowledge.ListDocuments(context.Background(), "p1", sonzai.DocumentListParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs.Documents) != 1 || docs.Total != 120 {
		t.Errorf("ListDocuments = %+v, want 1 document of 120", docs)
	}
}

// NodeHistory keeps the answer's total the same way.
func TestReviewNodeHistorySaysWhenCut(t *testing.T) {
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"history":[{"version":3}],"total":3}`)
	}))
	h, err := c.Knowledge.NodeHistory(context.Background(), "p1", "n1", sonzai.NodeHistoryParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.History) != 1 || h.Total != 3 {
		t.Errorf("NodeHistory = %+v, want 1 version of 3", h)
	}
}
