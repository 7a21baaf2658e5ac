package sonzai_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

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

// blockingReader yields its data, then blocks until release is closed.
type blockingReader struct {
	data    []byte
	release chan struct{}
}

func (b *blockingReader) Read(p []byte) (int, error) {
	if len(b.data) > 0 {
		n := copy(p, b.data)
		b.data = b.data[n:]
		return n, nil
	}
	<-b.release
	return 0, io.EOF
}

// TestReviewUploadEarlySuccessWhileFileBlocks: the early success is also
// an error when Upload returns because ctx ended while a read of p.File
// was blocked (the form could not have been finished).
func TestReviewUploadEarlySuccessWhileFileBlocks(t *testing.T) {
	answered := make(chan struct{})
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.CopyN(io.Discard, r.Body, 1024)
		// Answer without waiting for the rest of the body (net/http's own
		// server would first try to read it).
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		body := `{"document_id":"doc-1","status":"pending"}`
		_, _ = fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
		_ = buf.Flush()
		close(answered)
		_ = conn.Close()
	}))
	file := &blockingReader{data: make([]byte, 1024), release: make(chan struct{})}
	defer close(file.release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-answered; time.Sleep(20 * time.Millisecond); cancel() }()
	res, err := c.Knowledge.Upload(ctx, "proj-1", sonzai.DocumentUploadParams{File: file, FileName: "a.bin"})
	if !errors.Is(err, sonzai.ErrUploadIncomplete) || res != nil {
		t.Errorf("Upload = %+v, %v; want an ErrUploadIncomplete error", res, err)
	}
}

// TestReviewUploadContentTypeWithLineBreak: mime.ParseMediaType accepts
// "text/plain;\r\n x=1", and Upload wrote it as is into the multipart part
// header, where the CR LF folds the line; a ContentType with a control
// character is now refused like such a FileName, and nothing is sent.
func TestReviewUploadContentTypeWithLineBreak(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		writeRaw(w, http.StatusOK, `{"document_id":"doc-1","status":"pending"}`)
	}))
	_, err := c.Knowledge.Upload(context.Background(), "proj-1", sonzai.DocumentUploadParams{
		File: bytes.NewReader([]byte("hi")), FileName: "a.txt", ContentType: "text/plain;\r\n x=1"})
	var ve *sonzai.ValidationError
	if !errors.As(err, &ve) || ve.Field != "DocumentUploadParams.ContentType" {
		t.Errorf("err = %v, want a *ValidationError on DocumentUploadParams.ContentType", err)
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("sent %d request(s)", got)
	}
}
