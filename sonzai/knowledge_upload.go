package sonzai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// DocumentUploadParams is a file to add to a project's knowledge base,
// for KnowledgeService.Upload.
type DocumentUploadParams struct {
	// File is the document's content, read once from start to end while it
	// is sent: it is never held in memory whole, whatever its size.
	// Required.
	File io.Reader
	// FileName is the document's name, as the server records it.
	// Required; it may not contain control characters.
	FileName string
	// ContentType is the file's media type; empty means the type of
	// FileName's extension, or application/octet-stream.
	ContentType string
	// ForceReplace replaces a document with identical content instead of
	// the server refusing the upload.
	ForceReplace bool
	// Progress, when set, is called as the file is sent, with the number of
	// the file's bytes the connection has taken so far (after each chunk of
	// up to 64 KiB). It is called from another goroutine than Upload's, one
	// call at a time; it should return quickly.
	Progress func(sent int64)
}

// uploadChunk is how much of the file is read, sent and reported at a
// time: the most an upload holds in memory.
const uploadChunk = 64 << 10

func (p DocumentUploadParams) validate() (contentType string, err error) {
	const at = "DocumentUploadParams."
	if p.File == nil {
		return "", invalid(at+"File", "nil; pass the document's content")
	}
	if strings.TrimSpace(p.FileName) == "" {
		return "", invalid(at+"FileName", "empty; the server records the document under its name")
	}
	if strings.ContainsFunc(p.FileName, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", invalid(at+"FileName", fmt.Sprintf("%q contains a control character", p.FileName))
	}
	contentType = p.ContentType
	if contentType == "" {
		contentType = mime.TypeByExtension(filepath.Ext(p.FileName))
	}
	if contentType == "" {
		return "application/octet-stream", nil
	}
	if strings.ContainsFunc(contentType, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		// ParseMediaType lets "text/plain;\r\n x=1" through, which would
		// fold a line break into the part's header.
		return "", invalid(at+"ContentType", fmt.Sprintf("%q contains a control character", contentType))
	}
	if _, _, err := mime.ParseMediaType(contentType); err != nil {
		return "", invalid(at+"ContentType", fmt.Sprintf("%q is not a media type: %v", contentType, err))
	}
	return contentType, nil
}

// DocumentUpload is the server's answer to an upload: the document is
// stored and queued for ingestion.
type DocumentUpload struct {
	// DocumentID identifies the new document; wait for its ingestion with
	// KnowledgeService.WaitDocument.
	DocumentID string `json:"document_id"`
	// FileName and FileSize are the file as the server received it;
	// Checksum is its SHA-256, in hex.
	FileName string `json:"file_name"`
	FileSize int64  `json:"file_size"`
	Checksum string `json:"checksum"`
	// Status is where ingestion is (usually DocumentPending).
	Status DocumentStatus `json:"status"`
	// GCSPath is where the server stores the file.
	GCSPath string `json:"gcs_path"`
}

// Upload sends a document to a project's knowledge base and returns once
// the server has stored it; ingestion (extracting its entities and facts)
// continues on the server: wait for it with WaitDocument.
//
// The file is streamed: Upload reads p.File in chunks of 64 KiB as the
// connection takes them, so a file of any size costs the same little
// memory. ctx cancels the upload at any point. Upload is sent at most once:
// it is never retried, since p.File cannot be read a second time and the
// server may have stored the document before a failure; after a 5xx, a
// timeout or a lost connection, ListDocuments tells whether it arrived.
//
// Upload returns once it has stopped reading p.File, unless ctx ends while
// a read of p.File is blocked. A read error of p.File ends the upload and
// is returned (wrapped). A success the server sends before the whole file
// was sent is not one: Upload fails with ErrUploadIncomplete (the document
// it names may hold part of the file; delete it and upload again).
func (s *KnowledgeService) Upload(ctx context.Context, projectID string, p DocumentUploadParams, opts ...Option) (*DocumentUpload, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	contentType, err := p.validate()
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	form := multipart.NewWriter(pw)
	done := make(chan struct{})
	var readErr error  // set by the writer when p.File fails, read after done
	var writeErr error // set by the writer unless it sent the whole form, read after done
	started := false
	out, err := call[DocumentUpload](ctx, s.c, once(opts), "kbUploadDocument", func(server string) (*http.Request, error) {
		started = true
		go func() {
			defer close(done)
			err := writeUploadForm(form, p, contentType)
			writeErr = err
			var fe *fileReadError
			if errors.As(err, &fe) {
				readErr = fe.err
			}
			_ = pw.CloseWithError(err)
		}()
		return gen.NewKbUploadDocumentRequestWithBody(server, projectID,
			&gen.KbUploadDocumentParams{ForceReplace: optional(p.ForceReplace)}, form.FormDataContentType(), pr)
	})
	// The connection may have stopped reading before the end of the form
	// (an early answer, a cancellation): closing the pipe ends the writer.
	_ = pr.CloseWithError(errUploadOver)
	if started {
		select {
		case <-done:
		case <-ctx.Done():
		}
		finished := false
		select {
		case <-done:
			finished = true
		default: // still in a read of p.File: the form was not finished
		}
		if finished && err != nil && readErr != nil {
			// The file failed, not the API: say so first.
			return nil, fmt.Errorf("sonzai: kbUploadDocument: reading DocumentUploadParams.File: %w", readErr)
		}
		if err == nil && (!finished || writeErr != nil) {
			// A success before the end of the form: what the server
			// stored is not the whole file.
			return nil, fmt.Errorf("sonzai: kbUploadDocument: the server answered success before the whole file was sent; document %q may be incomplete: %w",
				sanitize(out.DocumentID, 128), ErrUploadIncomplete)
		}
	}
	if err != nil {
		return nil, err
	}
	if out.DocumentID == "" {
		// Stored, perhaps, but under no id the caller can wait for.
		return nil, &APIError{StatusCode: http.StatusOK, Operation: "kbUploadDocument", Method: http.MethodPost,
			Detail: "the server accepted the upload but sent no document_id; ListDocuments tells whether it was stored"}
	}
	return out, nil
}

// ErrUploadIncomplete is matched (errors.Is) by the error of an upload the
// server answered with a success before it had read the whole file: the
// document it reports may hold only part of the file, and should be
// deleted (DeleteDocument) and uploaded again.
const ErrUploadIncomplete = sentinel("sonzai: upload incomplete")

// errUploadOver ends an upload's writer once the request is over.
const errUploadOver = sentinel("sonzai: the upload request is over")

// fileReadError is a failure to read the file being uploaded.
type fileReadError struct{ err error }

func (e *fileReadError) Error() string { return "reading the file: " + e.err.Error() }
func (e *fileReadError) Unwrap() error { return e.err }

// writeUploadForm writes the multipart form of an upload: one part, the
// file, copied in uploadChunk pieces and reported to p.Progress.
func writeUploadForm(form *multipart.Writer, p DocumentUploadParams, contentType string) error {
	h := make(textproto.MIMEHeader, 2)
	name := strings.NewReplacer("\\", "\\\\", `"`, "\\\"").Replace(p.FileName)
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
	h.Set("Content-Type", contentType)
	part, err := form.CreatePart(h)
	if err != nil {
		return err
	}
	w := &progressWriter{w: part, report: p.Progress}
	buf := make([]byte, uploadChunk)
	for {
		n, rerr := p.File.Read(buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return err
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return &fileReadError{err: rerr}
		}
	}
	return form.Close()
}

// progressWriter counts what the pipe to the connection has taken. A pipe
// write returns once the reader consumed all of it, so the count is what
// the transport has read, not just what was read from the file.
type progressWriter struct {
	w      io.Writer
	sent   int64
	report func(int64)
}

func (pw *progressWriter) Write(b []byte) (int, error) {
	n, err := pw.w.Write(b)
	pw.sent += int64(n)
	if n > 0 && pw.report != nil {
		pw.report(pw.sent)
	}
	return n, err
}
