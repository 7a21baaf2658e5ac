package sonzaitest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"slices"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// kbProject takes the state's lock and returns the project's knowledge
// base with the documents whose ingestion finished settled.
func (st *state) kbProject(projectID string) (p *kbProject, now time.Time, unlock func()) {
	now, unlock = st.lock()
	p = st.knowledge.project(projectID)
	st.settleDocs(p, now)
	return p, now, unlock
}

func (h *api) KbListDocuments(_ context.Context, req fakeserver.KbListDocumentsRequestObject) (fakeserver.KbListDocumentsResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	limit := 50
	if req.Params.Limit != nil {
		limit = int(*req.Params.Limit)
	}
	out := []gen.KBDocument{}
	for _, d := range slices.Backward(p.docs) { // newest first
		if len(out) == limit {
			break
		}
		out = append(out, d.toGen(p.id, now))
	}
	return fakeserver.KbListDocuments200JSONResponse{Documents: out, Total: int64(len(p.docs))}, nil
}

// upload is what the fake measured of an uploaded file.
type upload struct {
	fileName, contentType, checksum string
	size                            int64
}

// readUpload streams the multipart form: the "file" part is counted and
// hashed as it arrives, never held; other fields are skipped.
func readUpload(body *multipart.Reader) (*upload, error) {
	var up *upload
	for {
		part, err := body.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadError(err)
		}
		if part.FormName() != "file" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, uploadError(err)
			}
			continue
		}
		if up != nil {
			return nil, failAt(http.StatusUnprocessableEntity, "body.file", nil, "the form has more than one file; upload one document per request")
		}
		up = &upload{fileName: part.FileName(), contentType: part.Header.Get("Content-Type")}
		if up.fileName == "" {
			return nil, failAt(http.StatusUnprocessableEntity, "body.file", nil, "the file part has no filename")
		}
		if up.contentType == "" {
			up.contentType = "application/octet-stream"
		}
		hash := sha256.New()
		buf := make([]byte, 256<<10)
		if up.size, err = io.CopyBuffer(hash, part, buf); err != nil {
			return nil, uploadError(err)
		}
		up.checksum = hex.EncodeToString(hash.Sum(nil))
	}
	switch {
	case up == nil:
		return nil, failAt(http.StatusUnprocessableEntity, "body.file", nil, "the form has no field named file")
	case up.size == 0:
		return nil, failAt(http.StatusUnprocessableEntity, "body.file", up.fileName, "the file is empty")
	}
	return up, nil
}

func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fail(http.StatusRequestEntityTooLarge, "the upload is larger than %d bytes", tooLarge.Limit)
	}
	return failAt(http.StatusBadRequest, "body", nil, "reading the multipart form: %v", err)
}

func (h *api) KbUploadDocument(_ context.Context, req fakeserver.KbUploadDocumentRequestObject) (fakeserver.KbUploadDocumentResponseObject, error) {
	// The body is read before the lock is taken: an upload may be large.
	up, err := readUpload(req.Body)
	if err != nil {
		return nil, err
	}
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	for _, d := range p.docs {
		if d.checksum != up.checksum {
			continue
		}
		if !deref(req.Params.ForceReplace) {
			return nil, failAt(http.StatusConflict, "body.file", up.fileName,
				"document %s has the same content; set force_replace to replace it", d.id)
		}
		p.deleteDoc(d)
		break
	}
	d := &kbDoc{id: st.nextID("kbdoc"), fileName: up.fileName, contentType: up.contentType, checksum: up.checksum,
		size: up.size, created: now, updated: now, since: now, dur: st.jobDur, fail: st.failJobs}
	p.docs = append(p.docs, d)
	g := d.toGen(p.id, now)
	return fakeserver.KbUploadDocument200JSONResponse{DocumentId: d.id, FileName: d.fileName, FileSize: d.size,
		Checksum: d.checksum, Status: g.Status, GcsPath: g.GcsPath}, nil
}

// deleteDoc removes a document and what its ingestion stored.
func (p *kbProject) deleteDoc(d *kbDoc) {
	p.docs = slices.DeleteFunc(p.docs, func(x *kbDoc) bool { return x == d })
	if d.nodeID != "" {
		if n, err := p.node(d.nodeID); err == nil {
			n.active = false
			p.dropFacts(n.id)
		}
	}
}

func (h *api) KbGetDocument(_ context.Context, req fakeserver.KbGetDocumentRequestObject) (fakeserver.KbGetDocumentResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	d, err := p.doc(req.DocId)
	if err != nil {
		return nil, err
	}
	return fakeserver.KbGetDocument200JSONResponse(d.toGen(p.id, now)), nil
}

func (h *api) KbDeleteDocument(_ context.Context, req fakeserver.KbDeleteDocumentRequestObject) (fakeserver.KbDeleteDocumentResponseObject, error) {
	p, _, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	d, err := p.doc(req.DocId)
	if err != nil {
		return nil, err
	}
	p.deleteDoc(d)
	return fakeserver.KbDeleteDocument204Response{}, nil
}

func (h *api) KbReingestDocument(_ context.Context, req fakeserver.KbReingestDocumentRequestObject) (fakeserver.KbReingestDocumentResponseObject, error) {
	st := h.st
	p, now, unlock := st.kbProject(req.ProjectId)
	defer unlock()
	d, err := p.doc(req.DocumentId)
	if err != nil {
		return nil, err
	}
	d.since, d.updated, d.dur, d.fail, d.ingested = now, now, st.jobDur, st.failJobs, false
	return fakeserver.KbReingestDocument200JSONResponse{DocumentId: d.id, Status: d.docStatus(now), Mode: "full"}, nil
}

func (h *api) KbPatchDocumentClassification(_ context.Context, req fakeserver.KbPatchDocumentClassificationRequestObject) (fakeserver.KbPatchDocumentClassificationResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	d, err := p.doc(req.DocumentId)
	if err != nil {
		return nil, err
	}
	root := req.Body.RootEntity
	if root.Type == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.root_entity.type", root.Type, "the root entity needs a type")
	}
	key, err := json.Marshal(root.Key)
	if err != nil {
		return nil, err
	}
	d.rootType, d.rootKey, d.classification, d.updated = root.Type, string(key), "confirmed", now
	return fakeserver.KbPatchDocumentClassification200JSONResponse{DocumentId: d.id, Status: "updated"}, nil
}

func (h *api) KbGetDocumentCost(_ context.Context, req fakeserver.KbGetDocumentCostRequestObject) (fakeserver.KbGetDocumentCostResponseObject, error) {
	p, now, unlock := h.st.kbProject(req.ProjectId)
	defer unlock()
	d, err := p.doc(req.DocumentId)
	if err != nil {
		return nil, err
	}
	out := fakeserver.KbGetDocumentCost200JSONResponse{DocumentId: d.id, LlmRows: []gen.KbDocCostBreakdown{}, DocumentAiRows: []gen.KbDocCostBreakdown{}}
	if d.docStatus(now) == "completed" {
		// Made-up rates: a cent per 100k tokens, a tenth of a cent a page.
		llm := math.Round(float64(d.tokens())*1e-7*1e6) / 1e6
		pages := d.size/3000 + 1
		ocr := math.Round(float64(pages)*0.001*1e6) / 1e6
		out.LlmRows = append(out.LlmRows, gen.KbDocCostBreakdown{Operation: "extraction", Model: defaultModel, CostUsd: llm})
		out.DocumentAiRows = append(out.DocumentAiRows, gen.KbDocCostBreakdown{Operation: "ocr", Model: "document-ai", CostUsd: ocr, Pages: &pages})
		out.TotalCostUsd = llm + ocr
	}
	return out, nil
}
