package sonzai_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

const kbProject = "proj-kb-test"

// invalidCase is a call that must fail validation on field without
// sending anything.
type invalidCase struct {
	sdkCall
	field string
}

// checkInvalidSendsNothing runs each case against a server that fails the
// test if reached.
func checkInvalidSendsNothing(t *testing.T, cases []invalidCase) {
	t.Helper()
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 500, "must not be reached")
	}))
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
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

// checkNotFound runs each call against the fake and wants a 404.
func checkNotFound(t *testing.T, c *sonzai.Client, cases []sdkCall) {
	t.Helper()
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
		var apiErr *sonzai.APIError
		if !errors.Is(err, sonzai.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
			t.Errorf("%s: err = %v, want a 404", tc.name, err)
		}
	}
}

func TestKnowledgeDocumentsLifecycle(t *testing.T) {
	clock := sonzaitest.NewFakeClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	fake := sonzaitest.NewServer(t, sonzaitest.WithClock(clock), sonzaitest.WithJobDuration(3*time.Second))
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	content := bytes.Repeat([]byte("Aspirin: 300 mg every 4 hours.\n"), 10_000) // 310 kB
	sum := sha256.Sum256(content)

	var calls, last atomic.Int64
	up, err := c.Knowledge.Upload(ctx, kbProject, sonzai.DocumentUploadParams{
		File: bytes.NewReader(content), FileName: "dosage.txt",
		Progress: func(sent int64) {
			if sent <= last.Load() {
				t.Errorf("progress went from %d to %d", last.Load(), sent)
			}
			last.Store(sent)
			calls.Add(1)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.DocumentID == "" || up.FileName != "dosage.txt" || up.FileSize != int64(len(content)) ||
		up.Checksum != hex.EncodeToString(sum[:]) || up.Status != sonzai.DocumentPending {
		t.Errorf("Upload = %+v", up)
	}
	if last.Load() != int64(len(content)) || calls.Load() < 4 {
		t.Errorf("progress ended at %d after %d calls, want %d in several calls", last.Load(), calls.Load(), len(content))
	}

	docs, err := c.Knowledge.ListDocuments(ctx, kbProject, sonzai.DocumentListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if d := docs.Documents; len(d) != 1 || docs.Total != 1 || d[0].DocumentID != up.DocumentID || d[0].ContentType != "text/plain; charset=utf-8" ||
		d[0].FileSize != up.FileSize || d[0].CreatedAt.IsZero() {
		t.Fatalf("ListDocuments = %+v", docs)
	}

	// The status walks on the fake's clock.
	for _, step := range []struct {
		advance time.Duration
		want    sonzai.DocumentStatus
	}{{0, sonzai.DocumentPending}, {time.Second, sonzai.DocumentProcessing}, {2 * time.Second, sonzai.DocumentCompleted}} {
		clock.Advance(step.advance)
		d, err := c.Knowledge.GetDocument(ctx, kbProject, up.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != step.want {
			t.Errorf("after %s: status %q, want %q", step.advance, d.Status, step.want)
		}
	}
	d, err := c.Knowledge.WaitDocument(ctx, kbProject, up.DocumentID, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != sonzai.DocumentCompleted || d.NodeCount != 1 || d.ExtractionTokens == 0 {
		t.Errorf("WaitDocument = %+v", d)
	}

	cost, err := c.Knowledge.DocumentCost(ctx, kbProject, up.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if cost.DocumentID != up.DocumentID || cost.TotalCostUSD <= 0 || len(cost.LLMRows) != 1 || len(cost.DocumentAIRows) != 1 || cost.DocumentAIRows[0].Pages == nil {
		t.Errorf("DocumentCost = %+v", cost)
	}

	cl, err := c.Knowledge.ClassifyDocument(ctx, kbProject, up.DocumentID, sonzai.DocumentClassifyParams{
		EntityType: "medication", Key: map[string]any{"name": "Aspirin"}})
	if err != nil {
		t.Fatal(err)
	}
	if cl.DocumentID != up.DocumentID || cl.Status == "" {
		t.Errorf("ClassifyDocument = %+v", cl)
	}
	d, err = c.Knowledge.GetDocument(ctx, kbProject, up.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if d.RootEntityType != "medication" || d.RootEntityKey != `{"name":"Aspirin"}` {
		t.Errorf("after ClassifyDocument: %+v", d)
	}

	// The same content again is a conflict, unless replaced.
	_, err = c.Knowledge.Upload(ctx, kbProject, sonzai.DocumentUploadParams{File: bytes.NewReader(content), FileName: "again.txt"})
	if !errors.Is(err, sonzai.ErrConflict) {
		t.Errorf("second upload: err = %v, want a conflict", err)
	}
	re, err := c.Knowledge.Upload(ctx, kbProject, sonzai.DocumentUploadParams{
		File: bytes.NewReader(content), FileName: "again.txt", ContentType: "text/markdown", ForceReplace: true})
	if err != nil {
		t.Fatal(err)
	}
	if re.DocumentID == up.DocumentID {
		t.Errorf("a replacing upload kept the id %s", re.DocumentID)
	}
	if _, err := c.Knowledge.GetDocument(ctx, kbProject, up.DocumentID); !errors.Is(err, sonzai.ErrNotFound) {
		t.Errorf("the replaced document: err = %v, want a 404", err)
	}

	clock.Advance(3 * time.Second)
	ri, err := c.Knowledge.ReingestDocument(ctx, kbProject, re.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if ri.DocumentID != re.DocumentID || ri.Status != sonzai.DocumentPending || ri.Mode == "" {
		t.Errorf("ReingestDocument = %+v", ri)
	}

	if err := c.Knowledge.DeleteDocument(ctx, kbProject, re.DocumentID); err != nil {
		t.Fatal(err)
	}
	docs, err = c.Knowledge.ListDocuments(ctx, kbProject, sonzai.DocumentListParams{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs.Documents) != 0 || docs.Total != 0 {
		t.Errorf("after DeleteDocument: %+v", docs)
	}
	checkNotFound(t, c, []sdkCall{
		{"GetDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetDocument(ctx, kbProject, re.DocumentID)
			return err
		}},
		{"DeleteDocument", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteDocument(ctx, kbProject, "kbdoc_missing")
		}},
		{"ReingestDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ReingestDocument(ctx, kbProject, "kbdoc_missing")
			return err
		}},
		{"ClassifyDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ClassifyDocument(ctx, kbProject, "kbdoc_missing", sonzai.DocumentClassifyParams{EntityType: "x", Key: map[string]any{"k": 1}})
			return err
		}},
		{"DocumentCost", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.DocumentCost(ctx, kbProject, "kbdoc_missing")
			return err
		}},
		{"WaitDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.WaitDocument(ctx, kbProject, "kbdoc_missing", fastPoll)
			return err
		}},
	})
}

func TestKnowledgeWaitDocumentFailed(t *testing.T) {
	fake := sonzaitest.NewServer(t, sonzaitest.WithJobDuration(30*time.Millisecond))
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	fake.FailExtractions(true)
	ctx := context.Background()
	up, err := c.Knowledge.Upload(ctx, kbProject, sonzai.DocumentUploadParams{File: strings.NewReader("broken"), FileName: "broken.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Knowledge.WaitDocument(ctx, kbProject, up.DocumentID, fastPoll)
	var jf *sonzai.JobFailedError
	if !errors.As(err, &jf) || jf.ID != up.DocumentID || jf.Reason == "" {
		t.Fatalf("WaitDocument: err = %v, want a *JobFailedError", err)
	}
	if final, ok := jf.Final.(*sonzai.KnowledgeDocument); !ok || final.Status != sonzai.DocumentFailed || d != final {
		t.Errorf("Final = %#v, returned %+v", jf.Final, d)
	}
}

func TestKnowledgeWaitDocumentTimeout(t *testing.T) {
	clock := sonzaitest.NewFakeClock(time.Now())
	fake := sonzaitest.NewServer(t, sonzaitest.WithClock(clock))
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	up, err := c.Knowledge.Upload(context.Background(), kbProject, sonzai.DocumentUploadParams{File: strings.NewReader("x"), FileName: "x.txt"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	d, err := c.Knowledge.WaitDocument(ctx, kbProject, up.DocumentID, fastPoll)
	var pt *sonzai.PollTimeoutError
	if !errors.As(err, &pt) || !errors.Is(err, context.DeadlineExceeded) || d == nil || d.Status != sonzai.DocumentPending {
		t.Errorf("WaitDocument = %+v, %v; want a timeout with the pending document", d, err)
	}
}

// countingReader counts how many bytes were read from it, and how many
// times it was read to its end.
type countingReader struct {
	r    io.Reader
	n    atomic.Int64
	eofs atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	if errors.Is(err, io.EOF) {
		c.eofs.Add(1)
	}
	return n, err
}

// TestKnowledgeUploadNeverResent: an upload answered with a status the
// transport would retry on another call (503, 429) is sent once.
func TestKnowledgeUploadNeverResent(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client(sonzai.WithRetryBackoff(time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	for i, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusInternalServerError} {
		if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpKbUploadDocument, Status: status}); err != nil {
			t.Fatal(err)
		}
		r := &countingReader{r: bytes.NewReader(bytes.Repeat([]byte("x"), 1<<20))}
		_, err := c.Knowledge.Upload(context.Background(), kbProject, sonzai.DocumentUploadParams{File: r, FileName: "big.bin"})
		var apiErr *sonzai.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
			t.Errorf("%d: err = %v, want the %d", status, err, status)
		}
		if got := fake.Requests(sonzaitest.OpKbUploadDocument); got != i+1 {
			t.Errorf("%d: the upload was sent %d times, want once", status, got-i)
		}
		if r.eofs.Load() > 1 {
			t.Errorf("%d: the file was read to its end %d times", status, r.eofs.Load())
		}
	}
}

// TestKnowledgeUploadConnectionReset: a connection reset before the
// answer is not retried either (the server may have stored the file).
func TestKnowledgeUploadConnectionReset(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client(sonzai.WithRetryBackoff(time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpKbUploadDocument, ResetAfter: 1, Times: 3}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Knowledge.Upload(context.Background(), kbProject, sonzai.DocumentUploadParams{File: strings.NewReader("hello"), FileName: "a.txt"})
	if err == nil {
		t.Fatal("Upload succeeded through a reset connection")
	}
	if got := fake.Requests(sonzaitest.OpKbUploadDocument); got != 1 {
		t.Errorf("the upload was sent %d times, want once", got)
	}
}

// endlessReader is a file that never ends.
type endlessReader struct{}

func (endlessReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'z'
	}
	return len(p), nil
}

func TestKnowledgeUploadCanceled(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sent atomic.Int64
	_, err = c.Knowledge.Upload(ctx, kbProject, sonzai.DocumentUploadParams{File: endlessReader{}, FileName: "endless.bin",
		Progress: func(n int64) {
			sent.Store(n)
			if n >= 4<<20 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if sent.Load() < 4<<20 {
		t.Errorf("canceled after %d bytes", sent.Load())
	}
	docs, err := c.Knowledge.ListDocuments(context.Background(), kbProject, sonzai.DocumentListParams{})
	if err != nil || len(docs.Documents) != 0 {
		t.Errorf("after a canceled upload: %+v, %v", docs, err)
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestKnowledgeUploadFileError(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	disk := errors.New("disk on fire")
	_, err = c.Knowledge.Upload(context.Background(), kbProject, sonzai.DocumentUploadParams{
		File: io.MultiReader(strings.NewReader("start"), failingReader{disk}), FileName: "a.txt"})
	if !errors.Is(err, disk) || !strings.Contains(err.Error(), "DocumentUploadParams.File") {
		t.Errorf("err = %v, want the reader's error", err)
	}
	// The fake may not even see the request: the body broke at once.
	if got := fake.Requests(sonzaitest.OpKbUploadDocument); got > 1 {
		t.Errorf("sent %d times", got)
	}
}

func TestKnowledgeDocumentsInvalidInput(t *testing.T) {
	file := strings.NewReader("x")
	checkInvalidSendsNothing(t, []invalidCase{
		{sdkCall{"Upload project", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Upload(ctx, "", sonzai.DocumentUploadParams{File: file, FileName: "a"})
			return err
		}}, "projectID"},
		{sdkCall{"Upload file", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Upload(ctx, "p", sonzai.DocumentUploadParams{FileName: "a"})
			return err
		}}, "DocumentUploadParams.File"},
		{sdkCall{"Upload name", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Upload(ctx, "p", sonzai.DocumentUploadParams{File: file, FileName: " "})
			return err
		}}, "DocumentUploadParams.FileName"},
		{sdkCall{"Upload name newline", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Upload(ctx, "p", sonzai.DocumentUploadParams{File: file, FileName: "a\r\nX-Evil: 1"})
			return err
		}}, "DocumentUploadParams.FileName"},
		{sdkCall{"Upload content type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.Upload(ctx, "p", sonzai.DocumentUploadParams{File: file, FileName: "a", ContentType: "not a type;;"})
			return err
		}}, "DocumentUploadParams.ContentType"},
		{sdkCall{"ListDocuments limit", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListDocuments(ctx, "p", sonzai.DocumentListParams{Limit: 1001})
			return err
		}}, "DocumentListParams.Limit"},
		{sdkCall{"ListDocuments project", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ListDocuments(ctx, ".", sonzai.DocumentListParams{})
			return err
		}}, "projectID"},
		{sdkCall{"GetDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.GetDocument(ctx, "p", "")
			return err
		}}, "documentID"},
		{sdkCall{"WaitDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.WaitDocument(ctx, "", "d")
			return err
		}}, "projectID"},
		{sdkCall{"DeleteDocument", func(ctx context.Context, c *sonzai.Client) error {
			return c.Knowledge.DeleteDocument(ctx, "p", "..")
		}}, "documentID"},
		{sdkCall{"ReingestDocument", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ReingestDocument(ctx, "p", "")
			return err
		}}, "documentID"},
		{sdkCall{"DocumentCost", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.DocumentCost(ctx, "", "d")
			return err
		}}, "projectID"},
		{sdkCall{"ClassifyDocument type", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ClassifyDocument(ctx, "p", "d", sonzai.DocumentClassifyParams{Key: map[string]any{"a": 1}})
			return err
		}}, "DocumentClassifyParams.EntityType"},
		{sdkCall{"ClassifyDocument key", func(ctx context.Context, c *sonzai.Client) error {
			_, err := c.Knowledge.ClassifyDocument(ctx, "p", "d", sonzai.DocumentClassifyParams{EntityType: "x"})
			return err
		}}, "DocumentClassifyParams.Key"},
	})
}
