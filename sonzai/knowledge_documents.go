package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// DocumentStatus is where a knowledge-base document's ingestion is. The
// contract leaves it a free string: the constants are the values the SDK
// knows, and a value it does not know is kept as sent.
type DocumentStatus string

// The document statuses, in order. WaitDocument treats DocumentCompleted
// as done and DocumentFailed as failed; any other value as still running.
const (
	DocumentPending    DocumentStatus = "pending"
	DocumentProcessing DocumentStatus = "processing"
	DocumentCompleted  DocumentStatus = "completed"
	DocumentFailed     DocumentStatus = "failed"
)

// KnowledgeDocument is a document uploaded to a project's knowledge base.
type KnowledgeDocument struct {
	// ProjectID and DocumentID identify the document.
	ProjectID  string `json:"project_id"`
	DocumentID string `json:"document_id"`
	// FileName, ContentType and FileSize describe the uploaded file;
	// Checksum is its SHA-256, in hex.
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	FileSize    int64  `json:"file_size"`
	Checksum    string `json:"checksum"`
	// GCSPath is where the server stores the file.
	GCSPath string `json:"gcs_path"`
	// Status is where ingestion is; ErrorMsg says why it failed.
	Status   DocumentStatus `json:"status"`
	ErrorMsg string         `json:"error_msg"`
	// DocType is the kind of document the server recognized.
	DocType string `json:"doc_type"`
	// NodeCount and EdgeCount count what ingestion added to the graph;
	// ExtractionTokens what it cost in model tokens.
	NodeCount        int64 `json:"node_count"`
	EdgeCount        int64 `json:"edge_count"`
	ExtractionTokens int64 `json:"extraction_tokens"`
	// ClassificationStatus, ClassificationConfidence and
	// ClassificationCandidatesJSON describe how the server classified the
	// document (the candidates are JSON text, as sent).
	ClassificationStatus         string   `json:"classification_status"`
	ClassificationConfidence     *float64 `json:"classification_confidence"`
	ClassificationCandidatesJSON string   `json:"classification_candidates_json"`
	// RootEntityType, RootEntityKey (JSON text of the key fields) and
	// RootEntityNodeID name the entity the document is about.
	RootEntityType   string `json:"root_entity_type"`
	RootEntityKey    string `json:"root_entity_key"`
	RootEntityNodeID string `json:"root_entity_node_id"`
	// SchemaVersionUsed is the schema version extraction used, if any.
	SchemaVersionUsed *int64 `json:"schema_version_used"`
	// UploadedBy is who uploaded it.
	UploadedBy string `json:"uploaded_by"`
	// EffectiveDate is the date the document's facts hold from, if known.
	EffectiveDate time.Time `json:"effective_date"`
	// CreatedAt and UpdatedAt are when it was uploaded and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (d *KnowledgeDocument) pollState() string { return string(d.Status) }

// KnowledgeDocumentList is a project's documents, as ListDocuments reads
// them: the list does not page, so Total is how a caller sees that the
// limit cut it.
type KnowledgeDocumentList struct {
	// Documents are the documents returned, at most the Limit asked for.
	Documents []KnowledgeDocument `json:"documents"`
	// Total counts every document of the project, which is more than
	// len(Documents) when the limit cut the list.
	Total int64 `json:"total"`
}

// DocumentListParams bounds KnowledgeService.ListDocuments.
type DocumentListParams struct {
	// Limit is how many documents to return, 1 to 1000, newest first;
	// zero means the server's default (50).
	Limit int
}

func (p DocumentListParams) validate() error {
	if p.Limit < 0 || p.Limit > 1000 {
		return invalid("DocumentListParams.Limit", fmt.Sprintf("%d is outside 1..1000 (0 means the server's default)", p.Limit))
	}
	return nil
}

// ListDocuments lists a project's documents, up to p.Limit of them. The
// list does not page: compare len(Documents) with Total to see whether
// the limit cut it.
func (s *KnowledgeService) ListDocuments(ctx context.Context, projectID string, p DocumentListParams, opts ...Option) (*KnowledgeDocumentList, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return call[KnowledgeDocumentList](ctx, s.c, opts, "kbListDocuments", func(server string) (*http.Request, error) {
		return gen.NewKbListDocumentsRequest(server, projectID, &gen.KbListDocumentsParams{Limit: optional(int64(p.Limit))})
	})
}

// GetDocument reads a document, with its ingestion status.
func (s *KnowledgeService) GetDocument(ctx context.Context, projectID, documentID string, opts ...Option) (*KnowledgeDocument, error) {
	d, _, err := s.getDocument(ctx, projectID, documentID, opts)
	return d, err
}

func (s *KnowledgeService) getDocument(ctx context.Context, projectID, documentID string, opts []Option) (*KnowledgeDocument, *response, error) {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewKbGetDocumentRequest(ep.server, projectID, documentID)
	out := new(KnowledgeDocument)
	resp, err := ep.doJSON(ctx, "kbGetDocument", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitDocument polls a document until its ingestion is over, on the same
// schedule as the other Wait methods (see PollOption), and returns it. A
// failed ingestion is a *JobFailedError carrying the final
// *KnowledgeDocument; running out of time (ctx's deadline) is a
// *PollTimeoutError carrying the last one read.
func (s *KnowledgeService) WaitDocument(ctx context.Context, projectID, documentID string, opts ...PollOption) (*KnowledgeDocument, error) {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return nil, err
	}
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*KnowledgeDocument], error) {
		d, resp, err := s.getDocument(ctx, projectID, documentID, nil)
		if err != nil {
			return pollStep[*KnowledgeDocument]{}, err
		}
		switch d.Status {
		case DocumentCompleted:
			return pollStep[*KnowledgeDocument]{State: d, Done: true}, nil
		case DocumentFailed:
			return pollStep[*KnowledgeDocument]{State: d, Done: true},
				s.c.jobFailed("document ingestion", documentID, &d.ErrorMsg, d)
		}
		return pollStep[*KnowledgeDocument]{State: d, RetryAfter: retryAfterOf(resp)}, nil
	})
}

// DeleteDocument deletes a document and what its ingestion added to the
// knowledge graph; neither can be restored. A DELETE is retried after a
// 5xx; when the retry finds the document already gone (404), the first
// attempt may have deleted it, and the result is an *AmbiguousResultError.
func (s *KnowledgeService) DeleteDocument(ctx context.Context, projectID, documentID string, opts ...Option) error {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "kbDeleteDocument", func(server string) (*http.Request, error) {
		return gen.NewKbDeleteDocumentRequest(server, projectID, documentID)
	}, nil)
}

// DocumentReingest is the server's answer to KnowledgeService.ReingestDocument.
type DocumentReingest struct {
	// DocumentID is the document queued again.
	DocumentID string `json:"document_id"`
	// Status is the document's status after the request.
	Status DocumentStatus `json:"status"`
	// Mode says how the server re-ingests it.
	Mode string `json:"mode"`
}

// ReingestDocument queues a document's ingestion again (after a schema
// change, say); wait for it with WaitDocument. It is a POST, retried only
// when the server provably did not act on it (a 429, or a connection that
// failed before the request was sent), so the work is never queued twice.
func (s *KnowledgeService) ReingestDocument(ctx context.Context, projectID, documentID string, opts ...Option) (*DocumentReingest, error) {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return nil, err
	}
	return call[DocumentReingest](ctx, s.c, opts, "kbReingestDocument", func(server string) (*http.Request, error) {
		return gen.NewKbReingestDocumentRequest(server, projectID, documentID)
	})
}

// DocumentClassifyParams names the entity a document is about, for
// KnowledgeService.ClassifyDocument.
type DocumentClassifyParams struct {
	// EntityType is the root entity's type (e.g. "hospital"). Required.
	EntityType string
	// Key holds the fields that identify the entity (e.g. {"name": "Mt
	// Elizabeth"}); at least one.
	Key map[string]any
}

func (p DocumentClassifyParams) toGen() (gen.KbPatchClassificationInputBody, error) {
	if strings.TrimSpace(p.EntityType) == "" {
		return gen.KbPatchClassificationInputBody{}, invalid("DocumentClassifyParams.EntityType", "empty; name the root entity's type")
	}
	if len(p.Key) == 0 {
		return gen.KbPatchClassificationInputBody{}, invalid("DocumentClassifyParams.Key", "empty; give at least one field that identifies the entity")
	}
	if _, err := json.Marshal(p.Key); err != nil {
		return gen.KbPatchClassificationInputBody{}, invalid("DocumentClassifyParams.Key", "not JSON: "+err.Error())
	}
	return gen.KbPatchClassificationInputBody{RootEntity: gen.RootEntityStruct{Type: p.EntityType, Key: p.Key}}, nil
}

// DocumentClassification is the server's answer to
// KnowledgeService.ClassifyDocument.
type DocumentClassification struct {
	// DocumentID is the document classified.
	DocumentID string `json:"document_id"`
	// Status is the server's outcome.
	Status string `json:"status"`
}

// ClassifyDocument sets the root entity a document is about, overriding
// the server's own classification.
func (s *KnowledgeService) ClassifyDocument(ctx context.Context, projectID, documentID string, p DocumentClassifyParams, opts ...Option) (*DocumentClassification, error) {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[DocumentClassification](ctx, s.c, opts, "kbPatchDocumentClassification", func(server string) (*http.Request, error) {
		return gen.NewKbPatchDocumentClassificationRequest(server, projectID, documentID, body)
	})
}

// DocumentCost is what ingesting a document cost.
type DocumentCost struct {
	// DocumentID is the document.
	DocumentID string `json:"document_id"`
	// TotalCostUSD is the sum of the rows, in US dollars.
	TotalCostUSD float64 `json:"total_cost_usd"`
	// LLMRows are the model calls; DocumentAIRows the document parsing.
	LLMRows        []DocumentCostRow `json:"llm_rows"`
	DocumentAIRows []DocumentCostRow `json:"document_ai_rows"`
}

// DocumentCostRow is one line of a DocumentCost.
type DocumentCostRow struct {
	// Operation and Model say what was done, with which model.
	Operation string `json:"operation"`
	Model     string `json:"model"`
	// CostUSD is its cost, in US dollars.
	CostUSD float64 `json:"cost_usd"`
	// Pages is how many pages it covered, when the server says.
	Pages *int64 `json:"pages"`
}

// DocumentCost reads what ingesting a document cost.
func (s *KnowledgeService) DocumentCost(ctx context.Context, projectID, documentID string, opts ...Option) (*DocumentCost, error) {
	if err := requireIDs("projectID", projectID, "documentID", documentID); err != nil {
		return nil, err
	}
	return call[DocumentCost](ctx, s.c, opts, "kbGetDocumentCost", func(server string) (*http.Request, error) {
		return gen.NewKbGetDocumentCostRequest(server, projectID, documentID)
	})
}
