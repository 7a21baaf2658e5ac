package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// StoredFact is a fact as listed by MemoryService.ListFacts.
type StoredFact struct {
	// FactID identifies the fact.
	FactID string `json:"fact_id"`
	// Content is the fact's text.
	Content string `json:"content"`
	// FactType classifies the fact.
	FactType string `json:"fact_type"`
	// Entity is the person, place or thing the fact is about, if any.
	Entity string `json:"entity"`
	// Importance and Confidence weigh the fact, from 0 to 1.
	Importance float64 `json:"importance"`
	Confidence float64 `json:"confidence"`
	// MentionCount is how often the fact came up.
	MentionCount int64 `json:"mention_count"`
	// Metadata is free-form data attached to the fact.
	Metadata map[string]any `json:"metadata"`
	// SessionID is the session it was learned in, if any.
	SessionID string `json:"session_id"`
	// SourceID and SourceType say where the fact came from.
	SourceID   string `json:"source_id"`
	SourceType string `json:"source_type"`
	// CreatedAt and UpdatedAt are when the fact was stored and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *StoredFact) UnmarshalJSON(b []byte) error {
	type plain StoredFact
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt serverTime `json:"created_at"`
		UpdatedAt serverTime `json:"updated_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}, serverTime{&v.UpdatedAt}})
}

// FactPage is one page of MemoryService.ListFactsPage.
type FactPage struct {
	// Facts are this page's facts.
	Facts []StoredFact `json:"facts"`
	// NextPageToken is where the next page starts; empty on the last page.
	NextPageToken string `json:"next_page_token"`
	// TotalCount counts the facts matching the filters, across all pages.
	TotalCount int64 `json:"total_count"`
}

// FactListParams filters and pages MemoryService.ListFacts. Every field is
// optional.
type FactListParams struct {
	// UserID keeps only the facts about this user.
	UserID string
	// InstanceID keeps only the facts of this agent instance.
	InstanceID string
	// FactType keeps only the facts of this type.
	FactType string
	// Limit is how many facts a page holds, 1 to 500; zero means the
	// server's default (50).
	Limit int
	// PageToken is the NextPageToken of the previous page; empty for the
	// first.
	PageToken string
}

// maxFactPages bounds ListFacts, so a server that never stops paging
// cannot keep a caller looping forever.
const maxFactPages = 10_000

func (p FactListParams) validate() error {
	if p.Limit < 0 || p.Limit > 500 {
		return invalid("FactListParams.Limit", fmt.Sprintf("%d is outside 1..500 (0 means the server's default)", p.Limit))
	}
	return nil
}

// ListFactsPage reads one page of an agent's facts. Pass the page's
// NextPageToken as PageToken to read the next one; ListFacts does that for
// you.
func (s *MemoryService) ListFactsPage(ctx context.Context, agentID string, p FactListParams, opts ...Option) (*FactPage, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	return s.listFactsPage(ctx, ep, agentID, p)
}

func (s *MemoryService) listFactsPage(ctx context.Context, ep *endpoint, agentID string, p FactListParams) (*FactPage, error) {
	req, err := gen.NewListFactsRequest(ep.server, agentID, &gen.ListFactsParams{
		UserId:     optional(p.UserID),
		InstanceId: optional(p.InstanceID),
		FactType:   optional(p.FactType),
		Limit:      optional(int64(p.Limit)),
		PageToken:  optional(p.PageToken),
	})
	out := new(FactPage)
	if _, err := ep.doJSON(ctx, "listFacts", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListFacts returns every fact matching p, following the pages. It is
// lazy: nothing is sent until the loop starts, and each page is one
// request, sent when the previous page's facts have all been yielded, so
// breaking out of the loop stops the fetching. p.PageToken, when set, is
// where the walk starts.
//
// An error (a failed request, a server that repeats a page token, or more
// than 10,000 pages) is yielded once, with a zero StoredFact, and ends the
// iteration.
func (s *MemoryService) ListFacts(ctx context.Context, agentID string, p FactListParams, opts ...Option) iter.Seq2[StoredFact, error] {
	return func(yield func(StoredFact, error) bool) {
		if err := requireID("agentID", agentID); err != nil {
			yield(StoredFact{}, err)
			return
		}
		if err := p.validate(); err != nil {
			yield(StoredFact{}, err)
			return
		}
		ep, err := s.c.endpointFor(opts)
		if err != nil {
			yield(StoredFact{}, err)
			return
		}
		walkPages("listFacts", p.PageToken, maxFactPages, func(token string) (cursorPage[StoredFact], error) {
			p.PageToken = token
			page, err := s.listFactsPage(ctx, ep, agentID, p)
			if err != nil {
				return cursorPage[StoredFact]{}, err
			}
			return cursorPage[StoredFact]{items: page.Facts, next: page.NextPageToken, more: page.NextPageToken != ""}, nil
		}, yield)
	}
}

// FactCreateParams is a fact to add to an agent's memory.
type FactCreateParams struct {
	// Content is the fact, as one sentence. Required.
	Content string
	// UserID is the user the fact is about; empty for the agent's own
	// memory. In CreateFacts it overrides FactBulkCreateParams.UserID.
	UserID string
	// InstanceID is the agent instance whose memory gets the fact; empty
	// for the default instance. Not allowed in CreateFacts, where
	// FactBulkCreateParams.InstanceID applies to every fact.
	InstanceID string
	// FactType classifies the fact; empty means the server's default
	// ("user_fact").
	FactType string
	// NodeID is the memory node to file the fact under; empty lets the
	// server choose.
	NodeID string
	// Entities are the people, places and things the fact names.
	Entities []string
	// Importance and Confidence weigh the fact, from 0 to 1; nil leaves
	// them to the server.
	Importance *float64
	Confidence *float64
	// Metadata is free-form data attached to the fact.
	Metadata map[string]any
}

func (p FactCreateParams) validate(typ string) error {
	if strings.TrimSpace(p.Content) == "" {
		return invalid(typ+".Content", "empty; say what the fact is")
	}
	if err := unitInterval(typ+".Importance", p.Importance); err != nil {
		return err
	}
	if err := unitInterval(typ+".Confidence", p.Confidence); err != nil {
		return err
	}
	return encodable(typ+".Metadata", p.Metadata)
}

// unitInterval checks a score the contract documents as 0.0 to 1.0.
func unitInterval(field string, v *float64) error {
	if v != nil && !(*v >= 0 && *v <= 1) {
		return invalid(field, fmt.Sprintf("%v is outside 0..1", *v))
	}
	return nil
}

// CreateFact adds one fact to an agent's memory and returns it as stored.
// It is a POST, retried only when the server provably did not act on it (a
// 429, or a connection that failed before the request was sent), so the
// SDK never stores it twice. After a 5xx, a timeout or a lost connection
// it may or may not have been stored: ListFacts tells.
func (s *MemoryService) CreateFact(ctx context.Context, agentID string, p FactCreateParams, opts ...Option) (*AtomicFact, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate("FactCreateParams"); err != nil {
		return nil, err
	}
	return call[AtomicFact](ctx, s.c, opts, "createFact", func(server string) (*http.Request, error) {
		return gen.NewCreateFactRequest(server, agentID, &gen.CreateFactParams{InstanceId: optional(p.InstanceID)},
			gen.CreateFactInputBody{
				Content: p.Content, UserId: p.UserID, FactType: p.FactType, NodeId: p.NodeID,
				Entities: p.Entities, Importance: p.Importance, Confidence: p.Confidence, Metadata: p.Metadata,
			})
	})
}

// FactUpdateParams changes a fact. Only the fields set are sent: a nil
// pointer, slice or map leaves that field as it is, while a non-nil one is
// sent even when empty (Ptr(""), an empty slice, an empty map).
type FactUpdateParams struct {
	// Content is the fact's new text; it cannot be set to empty (delete
	// the fact instead).
	Content *string
	// FactType is the fact's new type.
	FactType *string
	// Importance and Confidence are new weights, from 0 to 1.
	Importance *float64
	Confidence *float64
	// Entities replaces the fact's entities; an empty non-nil slice
	// clears them.
	Entities []string
	// Metadata replaces the fact's metadata; an empty non-nil map clears
	// it.
	Metadata map[string]any
}

func (p FactUpdateParams) validate() error {
	if p.Content == nil && p.FactType == nil && p.Importance == nil && p.Confidence == nil && p.Entities == nil && p.Metadata == nil {
		return invalid("FactUpdateParams", "no field set; set at least one field to change")
	}
	if p.Content != nil && strings.TrimSpace(*p.Content) == "" {
		return invalid("FactUpdateParams.Content", "empty; a fact needs text (delete the fact to remove it)")
	}
	if err := unitInterval("FactUpdateParams.Importance", p.Importance); err != nil {
		return err
	}
	if err := unitInterval("FactUpdateParams.Confidence", p.Confidence); err != nil {
		return err
	}
	return encodable("FactUpdateParams.Metadata", p.Metadata)
}

// UpdateFact changes a fact and returns it as stored; the previous version
// stays readable through FactHistory.
func (s *MemoryService) UpdateFact(ctx context.Context, agentID, factID string, p FactUpdateParams, opts ...Option) (*AtomicFact, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := requireID("factID", factID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	body := gen.UpdateFactInputBody{Content: p.Content, FactType: p.FactType, Importance: p.Importance, Confidence: p.Confidence}
	if p.Entities != nil {
		body.Entities = &p.Entities
	}
	if p.Metadata != nil {
		body.Metadata = &p.Metadata
	}
	req, err := gen.NewUpdateFactRequest(ep.server, agentID, factID, body)
	out := new(AtomicFact)
	if _, err := ep.doJSON(ctx, "updateFact", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteFact deletes a fact from an agent's memory for good: the agent no
// longer recalls it, and it cannot be restored. A DELETE is retried after a
// 5xx; if the retry then finds nothing to delete, the result is an
// *AmbiguousResultError (the first attempt probably deleted it).
func (s *MemoryService) DeleteFact(ctx context.Context, agentID, factID string, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := requireID("factID", factID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteFact", func(server string) (*http.Request, error) {
		return gen.NewDeleteFactRequest(server, agentID, factID)
	}, nil)
}

// FactHistory is a fact and the versions it replaced.
type FactHistory struct {
	// Current is the fact as it is now.
	Current AtomicFact `json:"current"`
	// PreviousVersions are its earlier versions.
	PreviousVersions []AtomicFact `json:"previous_versions"`
}

// FactHistory reads a fact and its earlier versions.
func (s *MemoryService) FactHistory(ctx context.Context, agentID, factID string, opts ...Option) (*FactHistory, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := requireID("factID", factID); err != nil {
		return nil, err
	}
	return call[FactHistory](ctx, s.c, opts, "getFactHistory", func(server string) (*http.Request, error) {
		return gen.NewGetFactHistoryRequest(server, agentID, factID)
	})
}

// MaxFactsPerRequest is the most facts one bulkCreateFacts request may
// carry (the contract's limit); CreateFacts splits larger sets.
const MaxFactsPerRequest = 1000

// FactBulkCreateParams is a set of facts to add at once, of any size.
type FactBulkCreateParams struct {
	// Facts are the facts to add, at least one. Their InstanceID must be
	// empty: InstanceID below applies to all.
	Facts []FactCreateParams
	// UserID is the user the facts are about, unless a fact names its own.
	UserID string
	// InstanceID is the agent instance whose memory gets the facts; empty
	// for the default instance.
	InstanceID string
	// BatchSize is how many facts each request carries, 1 to
	// MaxFactsPerRequest; zero means MaxFactsPerRequest.
	BatchSize int
}

func (p FactBulkCreateParams) validate() error {
	if len(p.Facts) == 0 {
		return invalid("FactBulkCreateParams.Facts", "empty; pass at least one fact")
	}
	if p.BatchSize < 0 || p.BatchSize > MaxFactsPerRequest {
		return invalid("FactBulkCreateParams.BatchSize", fmt.Sprintf("%d is outside 1..%d (0 means %d)", p.BatchSize, MaxFactsPerRequest, MaxFactsPerRequest))
	}
	for i, f := range p.Facts {
		typ := fmt.Sprintf("FactBulkCreateParams.Facts[%d]", i)
		if f.InstanceID != "" {
			return invalid(typ+".InstanceID", "set; set FactBulkCreateParams.InstanceID instead, which applies to every fact")
		}
		if err := f.validate(typ); err != nil {
			return err
		}
	}
	return nil
}

// FactBulkResult is what CreateFacts stored.
type FactBulkResult struct {
	// Created counts the facts the server reports created.
	Created int64
	// Facts are the facts as stored, in the order sent.
	Facts []AtomicFact
}

// factBulkResult is the wire shape of one bulkCreateFacts answer.
type factBulkResult struct {
	FactsCreated int64        `json:"facts_created"`
	Facts        []AtomicFact `json:"facts"`
}

// FactBatchError says which batch of CreateFacts failed. The batches
// before it were stored (Accepted) and the facts from End on were not
// sent. The failed batch, Facts[Start:End], was not stored when Err is a
// 4xx; after a 5xx, a timeout or a lost connection it may have been (the
// request may have reached the server, and the SDK does not re-send it),
// which ListFacts tells. To resume, call CreateFacts again with
// Facts[Start:], or Facts[End:] when the failed batch was stored.
type FactBatchError struct {
	// Batch is the failed batch's index, from 0.
	Batch int
	// Start and End bound the failed batch in FactBulkCreateParams.Facts:
	// Facts[Start:End].
	Start, End int
	// Accepted is what the earlier batches stored.
	Accepted FactBulkResult
	// Err is the failed request's error.
	Err error
}

// Error names the failed batch, the facts it held and the cause.
func (e *FactBatchError) Error() string {
	return fmt.Sprintf("sonzai: bulkCreateFacts: batch %d (facts %d..%d) failed after %d facts were stored: %v",
		e.Batch, e.Start, e.End-1, e.Accepted.Created, e.Err)
}

// Unwrap returns the failed request's error, for errors.Is and errors.As.
func (e *FactBatchError) Unwrap() error { return e.Err }

// CreateFacts adds any number of facts, in requests of at most
// p.BatchSize facts each, sent one after the other. Everything is
// validated before the first request. If a request fails, the later
// batches are not sent, and the error is a *FactBatchError saying which
// batch failed and carrying what the earlier ones stored. Each request is
// a POST, not retried once it may have reached the server, so no fact is
// stored twice by the SDK.
func (s *MemoryService) CreateFacts(ctx context.Context, agentID string, p FactBulkCreateParams, opts ...Option) (*FactBulkResult, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	size := p.BatchSize
	if size == 0 {
		size = MaxFactsPerRequest
	}
	var done FactBulkResult
	for batch, start := 0, 0; start < len(p.Facts); batch, start = batch+1, start+size {
		end := min(start+size, len(p.Facts))
		items := make([]gen.BulkCreateFactItem, 0, end-start)
		for _, f := range p.Facts[start:end] {
			items = append(items, gen.BulkCreateFactItem{
				Content: f.Content, UserId: f.UserID, FactType: f.FactType, NodeId: f.NodeID,
				Entities: f.Entities, Importance: f.Importance, Confidence: f.Confidence, Metadata: f.Metadata,
			})
		}
		req, err := gen.NewBulkCreateFactsRequest(ep.server, agentID, &gen.BulkCreateFactsParams{InstanceId: optional(p.InstanceID)},
			gen.BulkCreateFactsInputBody{Facts: items, UserId: p.UserID})
		var out factBulkResult
		if _, err := ep.doJSON(ctx, "bulkCreateFacts", req, err, &out); err != nil {
			return nil, &FactBatchError{Batch: batch, Start: start, End: end, Accepted: done, Err: err}
		}
		done.Created += out.FactsCreated
		done.Facts = append(done.Facts, out.Facts...)
	}
	return &done, nil
}
