package sonzai_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewUploadEarlySuccessIsAnError: a server (or a proxy) that
// answers 200 after reading only the start of the file used to make Upload
// report success, although the rest of the file was never sent: the
// caller believed a truncated document was stored whole.
func TestReviewUploadEarlySuccessIsAnError(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.CopyN(io.Discard, r.Body, 1<<20)
		writeRaw(w, http.StatusOK, `{"document_id":"doc-1","file_name":"a.bin","file_size":1048576,"status":"pending"}`)
	}))
	res, err := c.Knowledge.Upload(context.Background(), "proj-1", sonzai.DocumentUploadParams{
		File: bytes.NewReader(make([]byte, 8<<20)), FileName: "a.bin"})
	if !errors.Is(err, sonzai.ErrUploadIncomplete) || res != nil {
		t.Errorf("Upload = %+v, %v; want an ErrUploadIncomplete error", res, err)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("sent %d times, want once", got)
	}

	// The whole file read before the answer is a success.
	c2, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.MultipartReader(); err != nil {
			t.Errorf("not multipart: %v", err)
		}
		_, _ = io.Copy(io.Discard, r.Body)
		writeRaw(w, http.StatusOK, `{"document_id":"doc-2","file_name":"a.bin","file_size":8388608,"status":"pending"}`)
	}))
	res, err = c2.Knowledge.Upload(context.Background(), "proj-1", sonzai.DocumentUploadParams{
		File: bytes.NewReader(make([]byte, 8<<20)), FileName: "a.bin"})
	if err != nil || res.DocumentID != "doc-2" {
		t.Errorf("whole upload: %+v, %v", res, err)
	}
}
