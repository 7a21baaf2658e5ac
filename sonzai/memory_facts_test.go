package sonzai_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// TestFactsLifecycleThroughFake writes facts through the API and reads
// them back through every view the fake keeps: listFacts, searchMemories,
// the context's loaded_facts and getFactHistory; deletes delete.
func TestFactsLifecycleThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const user = "user-facts"

	f, err := c.Memory.CreateFact(ctx, agentID, sonzai.FactCreateParams{
		Content: "Ada keeps bees on her roof.", UserID: user, FactType: "hobby",
		Importance: sonzai.Ptr(0.8), Confidence: sonzai.Ptr(0.6), Entities: []string{"bees"},
		Metadata: map[string]any{"source": "crm"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if f.FactID == "" || f.AtomicText != "Ada keeps bees on her roof." || f.FactType != "hobby" || f.UserID != user ||
		f.Confidence != 0.6 || f.Importance != 0.8 || f.Metadata["source"] != "crm" || f.CreatedAt.IsZero() {
		t.Errorf("CreateFact = %+v", f)
	}

	var listed []sonzai.StoredFact
	for sf, err := range c.Memory.ListFacts(ctx, agentID, sonzai.FactListParams{UserID: user}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, sf)
	}
	if len(listed) != 1 || listed[0].FactID != f.FactID || listed[0].Content != f.AtomicText || listed[0].CreatedAt.IsZero() {
		t.Fatalf("ListFacts = %+v, want the created fact", listed)
	}

	hits, err := c.Memory.Search(ctx, agentID, sonzai.MemorySearchParams{Query: "bees", UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].FactID != f.FactID {
		t.Errorf("Search(bees) = %+v, want the created fact first", hits)
	}

	s, err := c.Sessions.Start(ctx, agentID, sonzai.StartParams{UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	enriched, err := s.Context(ctx, sonzai.ContextParams{Query: "bees"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(enriched.LoadedFacts, func(cf sonzai.ContextFact) bool { return cf.AtomicText == f.AtomicText }) {
		t.Errorf("context loaded_facts = %+v, want the created fact", enriched.LoadedFacts)
	}
	if _, err := s.End(ctx, sonzai.EndParams{}); err != nil {
		t.Fatal(err)
	}

	// Update: change the text, clear the entities, send an explicit 0
	// importance; the unset fact type stays.
	up, err := c.Memory.UpdateFact(ctx, agentID, f.FactID, sonzai.FactUpdateParams{
		Content: sonzai.Ptr("Ada keeps two hives of bees."), Entities: []string{}, Importance: sonzai.Ptr(0.0),
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.AtomicText != "Ada keeps two hives of bees." || len(up.Entities) != 0 || up.Importance != 0 || up.FactType != "hobby" {
		t.Errorf("UpdateFact = %+v", up)
	}
	h, err := c.Memory.FactHistory(ctx, agentID, f.FactID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Current.AtomicText != up.AtomicText || len(h.PreviousVersions) != 1 || h.PreviousVersions[0].AtomicText != f.AtomicText {
		t.Errorf("FactHistory = %+v", h)
	}

	if err := c.Memory.DeleteFact(ctx, agentID, f.FactID); err != nil {
		t.Fatal(err)
	}
	page, err := c.Memory.ListFactsPage(ctx, agentID, sonzai.FactListParams{UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Facts) != 0 || page.TotalCount != 0 {
		t.Errorf("after DeleteFact, ListFactsPage = %+v", page)
	}
	for name, err := range map[string]error{
		"DeleteFact again": c.Memory.DeleteFact(ctx, agentID, f.FactID),
		"FactHistory":      func() error { _, err := c.Memory.FactHistory(ctx, agentID, f.FactID); return err }(),
		"UpdateFact": func() error {
			_, err := c.Memory.UpdateFact(ctx, agentID, f.FactID, sonzai.FactUpdateParams{FactType: sonzai.Ptr("x")})
			return err
		}(),
		"CreateFact unknown agent": func() error {
			_, err := c.Memory.CreateFact(ctx, "no-such-agent", sonzai.FactCreateParams{Content: "x"})
			return err
		}(),
	} {
		if !errors.Is(err, sonzai.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// TestFactUpdateSendsOnlyWhatIsSet checks the update semantics on the
// wire: nil stays off, zero values and empty collections are sent.
func TestFactUpdateSendsOnlyWhatIsSet(t *testing.T) {
	var got atomic.Value
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.EscapedPath() != "/api/v1/agents/a%2F1/memory/facts/f%201" {
			t.Errorf("request = %s %s", r.Method, r.URL.EscapedPath())
		}
		b, _ := io.ReadAll(r.Body)
		got.Store(string(b))
		writeRaw(w, 200, `{"fact_id":"f 1","agent_id":"a/1","atomic_text":"x","fact_type":"","confidence":0,"mention_count":1,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`)
	}))
	_, err := c.Memory.UpdateFact(context.Background(), "a/1", "f 1", sonzai.FactUpdateParams{
		FactType: sonzai.Ptr(""), Confidence: sonzai.Ptr(0.0), Entities: []string{}, Metadata: map[string]any{},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"confidence":0,"entities":[],"fact_type":"","metadata":{}}`
	if body, _ := got.Load().(string); compactJSON(body) != compactJSON(want) {
		t.Errorf("body = %s, want %s", body, want)
	}
}

// bulkServer answers bulkCreateFacts, recording each batch's contents,
// and fails the batch whose first fact is failAt.
type bulkServer struct {
	batches [][]string
	failAt  string
	status  int
}

func (b *bulkServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/agents/a1/memory/facts/bulk" || r.URL.Query().Get("instance_id") != "inst" {
			t.Errorf("request = %s %s", r.Method, r.URL)
		}
		var body struct {
			Facts []struct {
				Content string `json:"content"`
			} `json:"facts"`
			UserID string `json:"user_id"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.UserID != "u1" {
			t.Errorf("body: %v, user_id %q", err, body.UserID)
		}
		var texts []string
		for _, f := range body.Facts {
			texts = append(texts, f.Content)
		}
		b.batches = append(b.batches, texts)
		if texts[0] == b.failAt {
			writeProblem(w, b.status, "batch refused")
			return
		}
		var facts []string
		for i, s := range texts {
			facts = append(facts, fmt.Sprintf(`{"fact_id":"f-%s-%d","agent_id":"a1","atomic_text":%q,"fact_type":"user_fact","confidence":0.9,"mention_count":1,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}`, s, i, s))
		}
		writeRaw(w, 200, fmt.Sprintf(`{"facts_created":%d,"facts":[%s]}`, len(texts), strings.Join(facts, ",")))
	}
}

func numberedFacts(n int) []sonzai.FactCreateParams {
	out := make([]sonzai.FactCreateParams, n)
	for i := range out {
		out[i] = sonzai.FactCreateParams{Content: fmt.Sprintf("fact %d", i)}
	}
	return out
}

func TestCreateFactsSplitsIntoBatches(t *testing.T) {
	b := &bulkServer{}
	c, _ := newTestServer(t, b.handler(t))
	res, err := c.Memory.CreateFacts(context.Background(), "a1", sonzai.FactBulkCreateParams{
		Facts: numberedFacts(2501), UserID: "u1", InstanceID: "inst",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.batches) != 3 || len(b.batches[0]) != 1000 || len(b.batches[1]) != 1000 || len(b.batches[2]) != 501 {
		t.Fatalf("batch sizes = %d batches", len(b.batches))
	}
	if b.batches[1][0] != "fact 1000" || b.batches[2][500] != "fact 2500" {
		t.Errorf("batches not in order: %q, %q", b.batches[1][0], b.batches[2][500])
	}
	if res.Created != 2501 || len(res.Facts) != 2501 || res.Facts[2500].AtomicText != "fact 2500" {
		t.Errorf("result: created %d, %d facts", res.Created, len(res.Facts))
	}
}

// TestCreateFactsReportsTheFailedBatch: a batch refused by the server
// stops the run; the error says which batch and carries what the earlier
// batches stored, and nothing is re-sent.
func TestCreateFactsReportsTheFailedBatch(t *testing.T) {
	b := &bulkServer{failAt: "fact 4", status: http.StatusUnprocessableEntity}
	c, _ := newTestServer(t, b.handler(t))
	res, err := c.Memory.CreateFacts(context.Background(), "a1", sonzai.FactBulkCreateParams{
		Facts: numberedFacts(7), UserID: "u1", InstanceID: "inst", BatchSize: 2,
	})
	var be *sonzai.FactBatchError
	if res != nil || !errors.As(err, &be) {
		t.Fatalf("CreateFacts = %v, %v; want a *FactBatchError", res, err)
	}
	if be.Batch != 2 || be.Start != 4 || be.End != 6 || be.Accepted.Created != 4 || len(be.Accepted.Facts) != 4 || be.Accepted.Facts[3].AtomicText != "fact 3" {
		t.Errorf("FactBatchError = batch %d [%d:%d], accepted %d/%d", be.Batch, be.Start, be.End, be.Accepted.Created, len(be.Accepted.Facts))
	}
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("err does not unwrap to the 422: %v", err)
	}
	if len(b.batches) != 3 {
		t.Errorf("server saw %d batches, want 3 (none after the failed one, none re-sent)", len(b.batches))
	}
	if !strings.Contains(err.Error(), "batch 2 (facts 4..5)") {
		t.Errorf("Error() = %q", err)
	}
}

// TestCreateFactsDoesNotResendAfterA5xx: a POST that reached the server is
// not retried, so a 503 on a batch does not store it twice.
func TestCreateFactsDoesNotResendAfterA5xx(t *testing.T) {
	b := &bulkServer{failAt: "fact 2", status: http.StatusServiceUnavailable}
	c, _ := newTestServer(t, b.handler(t))
	_, err := c.Memory.CreateFacts(context.Background(), "a1", sonzai.FactBulkCreateParams{
		Facts: numberedFacts(4), UserID: "u1", InstanceID: "inst", BatchSize: 2,
	})
	var be *sonzai.FactBatchError
	if !errors.As(err, &be) || be.Batch != 1 {
		t.Fatalf("err = %v, want a *FactBatchError for batch 1", err)
	}
	if len(b.batches) != 2 {
		t.Errorf("server saw %d batches, want 2: the failed POST must not be re-sent", len(b.batches))
	}
}

func TestCreateFactsThroughFake(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := c.Memory.CreateFacts(ctx, agentID, sonzai.FactBulkCreateParams{Facts: numberedFacts(5), UserID: "bulk-user", BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 5 || len(res.Facts) != 5 {
		t.Fatalf("CreateFacts = %+v", res)
	}
	// Page through them two at a time.
	var texts []string
	for f, err := range c.Memory.ListFacts(ctx, agentID, sonzai.FactListParams{UserID: "bulk-user", Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, f.Content)
	}
	if len(texts) != 5 || texts[0] != "fact 0" || texts[4] != "fact 4" {
		t.Errorf("ListFacts = %q", texts)
	}
}

func TestListFactsRepeatedTokenIsAnError(t *testing.T) {
	var n atomic.Int64
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeRaw(w, 200, `{"facts":[{"fact_id":"f1","content":"x","fact_type":"t","importance":0.5,"confidence":0.5,"mention_count":1,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}],"total_count":9,"next_page_token":"same"}`)
	}))
	var errs []error
	count := 0
	for _, err := range c.Memory.ListFacts(context.Background(), "a1", sonzai.FactListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		count++
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "a second time") || count != 2 || n.Load() != 2 {
		t.Errorf("errs %v, %d facts, %d requests; want one repeated-token error after 2 pages", errs, count, n.Load())
	}
}

func TestFactsInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, field string
		do          func(c *sonzai.Client) error
	}{
		{"ListFactsPage limit", "FactListParams.Limit", func(c *sonzai.Client) error {
			_, err := c.Memory.ListFactsPage(ctx, "a1", sonzai.FactListParams{Limit: 501})
			return err
		}},
		{"ListFacts agent", "agentID", func(c *sonzai.Client) error { return firstSeqErr(c.Memory.ListFacts(ctx, "", sonzai.FactListParams{})) }},
		{"ListFacts limit", "FactListParams.Limit", func(c *sonzai.Client) error {
			return firstSeqErr(c.Memory.ListFacts(ctx, "a1", sonzai.FactListParams{Limit: -1}))
		}},
		{"CreateFact content", "FactCreateParams.Content", func(c *sonzai.Client) error {
			_, err := c.Memory.CreateFact(ctx, "a1", sonzai.FactCreateParams{Content: " "})
			return err
		}},
		{"CreateFact importance", "FactCreateParams.Importance", func(c *sonzai.Client) error {
			_, err := c.Memory.CreateFact(ctx, "a1", sonzai.FactCreateParams{Content: "x", Importance: sonzai.Ptr(1.5)})
			return err
		}},
		{"CreateFacts empty", "FactBulkCreateParams.Facts", func(c *sonzai.Client) error {
			_, err := c.Memory.CreateFacts(ctx, "a1", sonzai.FactBulkCreateParams{})
			return err
		}},
		{"CreateFacts batch size", "FactBulkCreateParams.BatchSize", func(c *sonzai.Client) error {
			_, err := c.Memory.CreateFacts(ctx, "a1", sonzai.FactBulkCreateParams{Facts: numberedFacts(1), BatchSize: 1001})
			return err
		}},
		{"CreateFacts bad fact late", "FactBulkCreateParams.Facts[1500].Content", func(c *sonzai.Client) error {
			facts := numberedFacts(2000)
			facts[1500].Content = ""
			_, err := c.Memory.CreateFacts(ctx, "a1", sonzai.FactBulkCreateParams{Facts: facts})
			return err
		}},
		{"CreateFacts instance per fact", "FactBulkCreateParams.Facts[0].InstanceID", func(c *sonzai.Client) error {
			_, err := c.Memory.CreateFacts(ctx, "a1", sonzai.FactBulkCreateParams{Facts: []sonzai.FactCreateParams{{Content: "x", InstanceID: "i"}}})
			return err
		}},
		{"UpdateFact nothing", "FactUpdateParams", func(c *sonzai.Client) error {
			_, err := c.Memory.UpdateFact(ctx, "a1", "f1", sonzai.FactUpdateParams{})
			return err
		}},
		{"UpdateFact empty content", "FactUpdateParams.Content", func(c *sonzai.Client) error {
			_, err := c.Memory.UpdateFact(ctx, "a1", "f1", sonzai.FactUpdateParams{Content: sonzai.Ptr("")})
			return err
		}},
		{"UpdateFact confidence", "FactUpdateParams.Confidence", func(c *sonzai.Client) error {
			_, err := c.Memory.UpdateFact(ctx, "a1", "f1", sonzai.FactUpdateParams{Confidence: sonzai.Ptr(-0.1)})
			return err
		}},
		{"UpdateFact id", "factID", func(c *sonzai.Client) error {
			_, err := c.Memory.UpdateFact(ctx, "a1", "..", sonzai.FactUpdateParams{FactType: sonzai.Ptr("x")})
			return err
		}},
		{"DeleteFact id", "factID", func(c *sonzai.Client) error { return c.Memory.DeleteFact(ctx, "a1", "") }},
		{"FactHistory agent", "agentID", func(c *sonzai.Client) error { _, err := c.Memory.FactHistory(ctx, "", "f1"); return err }},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, 500, "must not be reached") }))
	for _, tc := range cases {
		err := tc.do(c)
		var ve *sonzai.ValidationError
		switch {
		case !errors.Is(err, sonzai.ErrInvalidArgument) || !errors.As(err, &ve):
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
		case ve.Field != tc.field:
			t.Errorf("%s: field = %q, want %q (%v)", tc.name, ve.Field, tc.field, err)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("invalid input sent %d requests", got)
	}
}
