package sonzai

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// ImportJobStatus is where an import or priming job is.
type ImportJobStatus string

// The job states. A job is finished once it is completed or failed (or
// once the server sets its CompletedAt); any other state is running.
const (
	ImportPending    ImportJobStatus = "pending"
	ImportProcessing ImportJobStatus = "processing"
	ImportCompleted  ImportJobStatus = "completed"
	ImportFailed     ImportJobStatus = "failed"
)

// ImportJob is the state of a batch import, a priming or an added
// content: the server extracts what the users' content says in the
// background, and these counts grow as it goes.
type ImportJob struct {
	// JobID identifies the job.
	JobID string `json:"job_id"`
	// TenantID and AgentID say whose job it is; UserID is the user of a
	// priming or content job (empty for a batch import).
	TenantID string `json:"tenant_id"`
	AgentID  string `json:"agent_id"`
	UserID   string `json:"user_id"`
	// JobType is the kind of job; SourceType and SourceID where its data
	// came from.
	JobType    string `json:"job_type"`
	SourceType string `json:"source_type"`
	SourceID   string `json:"source_id"`
	// Status is where the job is.
	Status ImportJobStatus `json:"status"`
	// TotalUsers is how many users the job covers; ProcessedUsers how
	// many are done so far: the progress.
	TotalUsers     int64 `json:"total_users"`
	ProcessedUsers int64 `json:"processed_users"`
	// FactsExtracted, FactsStored and FactsDeduped count the facts found,
	// kept, and dropped as repeats.
	FactsExtracted int64 `json:"facts_extracted"`
	FactsStored    int64 `json:"facts_stored"`
	FactsDeduped   int64 `json:"facts_deduped"`
	// ConstellationNodes counts the knowledge-graph nodes created.
	ConstellationNodes int64 `json:"constellation_nodes"`
	// WarmthScore is how well the agent knows the user(s) afterwards, from
	// 0 to 100.
	WarmthScore int64 `json:"warmth_score"`
	// Errors counts the users that failed; ErrorDetails is the server's
	// free-form account of what went wrong (null or {} when nothing did).
	Errors       int64           `json:"errors"`
	ErrorDetails json.RawMessage `json:"error_details"`
	// Payload is the server's free-form record of the job's input.
	Payload json.RawMessage `json:"payload"`
	// CreatedAt, StartedAt, CompletedAt and UpdatedAt are when the job was
	// queued, started, finished and last changed; StartedAt and
	// CompletedAt are zero until then.
	CreatedAt   time.Time `json:"created_at"`
	StartedAt   time.Time `json:"started_at"`
	CompletedAt time.Time `json:"completed_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func (j *ImportJob) pollState() string {
	return fmt.Sprintf("%s, %d of %d users processed", j.Status, j.ProcessedUsers, j.TotalUsers)
}

// Finished reports whether the job has stopped: completed, failed, or
// with a completion time.
func (j *ImportJob) Finished() bool {
	return j.Status == ImportCompleted || j.Status == ImportFailed || !j.CompletedAt.IsZero()
}

// failure is the job's failure reason, or "" when it did not fail.
func (j *ImportJob) failure() (string, bool) {
	if j.Status != ImportFailed {
		return "", false
	}
	reason := ""
	if d := string(j.ErrorDetails); d != "" && d != "null" && d != "{}" {
		var d struct {
			Reason string `json:"reason"`
			Error  string `json:"error"`
		}
		if json.Unmarshal(j.ErrorDetails, &d) == nil && (d.Reason != "" || d.Error != "") {
			reason = d.Reason + d.Error
		} else {
			reason = string(j.ErrorDetails)
		}
	}
	return reason, true
}

// waitImportJob polls a job's status read until it finishes; see WaitImport.
func waitImportJob(ctx context.Context, c *Client, kind, jobID string, opts []PollOption, read func(ctx context.Context) (*ImportJob, *response, error)) (*ImportJob, error) {
	return poll(ctx, newPollConfig(opts), func(ctx context.Context) (pollStep[*ImportJob], error) {
		j, resp, err := read(ctx)
		if err != nil {
			return pollStep[*ImportJob]{}, err
		}
		if reason, failed := j.failure(); failed {
			if key := c.ep.apiKey.value(); len(key) >= minScrubbedKey && bytes.Contains(j.ErrorDetails, []byte(key)) {
				j.ErrorDetails = bytes.ReplaceAll(j.ErrorDetails, []byte(key), []byte("[redacted]"))
			}
			return pollStep[*ImportJob]{State: j, Done: true}, c.jobFailed(kind, jobID, &reason, j)
		}
		switch j.Status {
		case ImportCompleted, ImportPending, ImportProcessing:
		default:
			if !j.CompletedAt.IsZero() {
				// Over, in a state the SDK does not know as a success
				// ("cancelled", say): not reported as done.
				reason := fmt.Sprintf("ended with status %q", sanitize(string(j.Status), 64))
				return pollStep[*ImportJob]{State: j, Done: true}, c.jobFailed(kind, jobID, &reason, j)
			}
		}
		return pollStep[*ImportJob]{State: j, Done: j.Finished(), RetryAfter: retryAfterOf(resp)}, nil
	})
}

// UserProfile is what a CRM or another system knows about a user. Every
// field is optional.
type UserProfile struct {
	Company string
	Title   string
	Email   string
	Phone   string
	// Custom holds the caller's own fields.
	Custom map[string]string
}

func (p UserProfile) toGen() gen.PrimeUserMetadata {
	return gen.PrimeUserMetadata{Company: p.Company, Title: p.Title, Email: p.Email, Phone: p.Phone, Custom: p.Custom}
}

// PrimeFact is a fact already known about a user, written to memory as
// is: the server does not extract it again, and keeps its times. Use it
// to migrate from another memory service.
type PrimeFact struct {
	// Text is the fact, as one sentence ("The user is vegetarian").
	// Required.
	Text string
	// FactType classifies it: preference, commitment, fact, experience,
	// correction, milestone, habit, identity or emotion. Required.
	FactType string
	// Confidence and Importance weigh the fact, from 0 to 1; zero is sent
	// as 0.
	Confidence float64
	Importance float64
	// EmotionalIntensity and RelationshipRelevance, from 0 to 1; nil
	// leaves them to the server.
	EmotionalIntensity    *float64
	RelationshipRelevance *float64
	// Sentiment is positive, negative, neutral or mixed; empty for none.
	Sentiment string
	// TemporalRelevance is ongoing, past, future, recurring or one_time;
	// empty for none.
	TemporalRelevance string
	// Entities and TopicTags name what the fact is about.
	Entities  []string
	TopicTags []string
	// SourceID is the fact's id in the system it comes from.
	SourceID string
	// CreatedAt is when that system learned it (zero: now); EventTime
	// when what it describes happened.
	CreatedAt time.Time
	EventTime time.Time
}

// primeFactTypes, primeSentiments and primeTemporal are the contract's
// enums for a PrimeFact, as functions so that no package-level slice can
// be changed.
func primeFactTypes() []string {
	return []string{"preference", "commitment", "fact", "experience", "correction", "milestone", "habit", "identity", "emotion"}
}
func primeSentiments() []string { return []string{"positive", "negative", "neutral", "mixed"} }
func primeTemporal() []string   { return []string{"ongoing", "past", "future", "recurring", "one_time"} }

func primeOneOf(field, v string, allowed []string) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return invalid(field, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
}

func (f PrimeFact) validate(at string) error {
	if strings.TrimSpace(f.Text) == "" {
		return invalid(at+".Text", "empty; say what the fact is")
	}
	if strings.TrimSpace(f.FactType) == "" {
		return invalid(at+".FactType", "empty; classify the fact (preference, fact, experience, ...)")
	}
	if err := primeOneOf(at+".FactType", f.FactType, primeFactTypes()); err != nil {
		return err
	}
	for _, w := range []struct {
		name string
		v    *float64
	}{{"Confidence", &f.Confidence}, {"Importance", &f.Importance},
		{"EmotionalIntensity", f.EmotionalIntensity}, {"RelationshipRelevance", f.RelationshipRelevance}} {
		if err := unitInterval(at+"."+w.name, w.v); err != nil {
			return err
		}
	}
	if err := primeOneOf(at+".Sentiment", f.Sentiment, primeSentiments()); err != nil {
		return err
	}
	return primeOneOf(at+".TemporalRelevance", f.TemporalRelevance, primeTemporal())
}

func (f PrimeFact) toGen() gen.PrimeFact {
	return gen.PrimeFact{
		AtomicText: f.Text, FactType: f.FactType, Confidence: f.Confidence, Importance: f.Importance,
		EmotionalIntensity: f.EmotionalIntensity, RelationshipRelevance: f.RelationshipRelevance,
		Sentiment: f.Sentiment, TemporalRelevance: f.TemporalRelevance, Entities: f.Entities, TopicTags: f.TopicTags,
		SourceId: f.SourceID, CreatedAt: f.CreatedAt, EventTime: f.EventTime,
	}
}

// ContentBlock is raw text about a user for the server to extract facts
// from: notes, a profile, a chat transcript.
type ContentBlock struct {
	// Type says what the text is (for example "text" or
	// "chat_transcript"). Required.
	Type string
	// Body is the text. Required.
	Body string
}

func (b ContentBlock) validate(at string) error {
	if strings.TrimSpace(b.Type) == "" {
		return invalid(at+".Type", "empty; say what the content is (e.g. \"text\")")
	}
	if strings.TrimSpace(b.Body) == "" {
		return invalid(at+".Body", "empty; a content block needs text")
	}
	return nil
}

// PrimeMessage is one message of an earlier conversation with the user.
// With three messages or more, the server processes them as if the
// conversation had happened live (summaries, diary, personality).
type PrimeMessage struct {
	// Role is "user" or "assistant". Required.
	Role string
	// Content is the message. Required.
	Content string
	// OccurredAt is when it was said; zero when unknown.
	OccurredAt time.Time
}

func (m PrimeMessage) validate(at string) error {
	if m.Role != "user" && m.Role != "assistant" {
		return invalid(at+".Role", fmt.Sprintf("%q is not user or assistant", m.Role))
	}
	if strings.TrimSpace(m.Content) == "" {
		return invalid(at+".Content", "empty; a message needs content")
	}
	return sendableTime(at+".OccurredAt", m.OccurredAt)
}

// primeUserData is what an imported or primed user comes with, checked and
// converted the same way for both.
type primeUserData struct {
	facts    []PrimeFact
	content  []ContentBlock
	messages []PrimeMessage
}

func (d primeUserData) validate(at string) error {
	for i, f := range d.facts {
		if err := f.validate(fmt.Sprintf("%s.Facts[%d]", at, i)); err != nil {
			return err
		}
	}
	for i, b := range d.content {
		if err := b.validate(fmt.Sprintf("%s.Content[%d]", at, i)); err != nil {
			return err
		}
	}
	for i, m := range d.messages {
		if err := m.validate(fmt.Sprintf("%s.Messages[%d]", at, i)); err != nil {
			return err
		}
	}
	return nil
}

func (d primeUserData) toGen() ([]gen.PrimeFact, []gen.PrimeContentBlock, []gen.PrimeMessage) {
	var facts []gen.PrimeFact
	if len(d.facts) > 0 {
		facts = make([]gen.PrimeFact, len(d.facts))
		for i, f := range d.facts {
			facts[i] = f.toGen()
		}
	}
	var content []gen.PrimeContentBlock
	if len(d.content) > 0 {
		content = make([]gen.PrimeContentBlock, len(d.content))
		for i, b := range d.content {
			content[i] = gen.PrimeContentBlock{Type: b.Type, Body: b.Body}
		}
	}
	var msgs []gen.PrimeMessage
	if len(d.messages) > 0 {
		msgs = make([]gen.PrimeMessage, len(d.messages))
		for i, m := range d.messages {
			msgs[i] = gen.PrimeMessage{Role: m.Role, Content: m.Content, OccurredAt: m.OccurredAt}
		}
	}
	return facts, content, msgs
}

// StructuredImport is tabular data about the user's world, as CSV, for
// the agent's knowledge graph.
type StructuredImport struct {
	// EntityType is what each row is. Required.
	EntityType string
	// ContentCSV is the table, with a header row. Required.
	ContentCSV string
	// ColumnMapping maps CSV columns to entity properties. Required.
	ColumnMapping map[string]ColumnMapping
	// ProjectID is the project of the knowledge base; empty for the API
	// key's own.
	ProjectID string
}

// ColumnMapping says what one CSV column of a StructuredImport holds.
type ColumnMapping struct {
	// Property is the entity property the column fills. Required.
	Property string
	// Type is the property's type; empty lets the server infer it.
	Type string
	// IsLabel marks the column that names the entity; nil leaves it to the
	// server.
	IsLabel *bool
}

func (s *StructuredImport) validate() (gen.StructuredImportSpec, error) {
	const at = "PrimeParams.StructuredImport"
	if s == nil {
		return gen.StructuredImportSpec{}, nil
	}
	switch {
	case strings.TrimSpace(s.EntityType) == "":
		return gen.StructuredImportSpec{}, invalid(at+".EntityType", "empty; say what each row is")
	case strings.TrimSpace(s.ContentCSV) == "":
		return gen.StructuredImportSpec{}, invalid(at+".ContentCSV", "empty; pass the CSV table")
	case len(s.ColumnMapping) == 0:
		return gen.StructuredImportSpec{}, invalid(at+".ColumnMapping", "empty; map at least one column")
	}
	cols := make(map[string]gen.ColumnMappingSpec, len(s.ColumnMapping))
	for name, m := range s.ColumnMapping {
		if strings.TrimSpace(m.Property) == "" {
			return gen.StructuredImportSpec{}, invalid(fmt.Sprintf("%s.ColumnMapping[%q].Property", at, name), "empty; name the property the column fills")
		}
		cols[name] = gen.ColumnMappingSpec{Property: m.Property, Type: m.Type, IsLabel: m.IsLabel}
	}
	return gen.StructuredImportSpec{EntityType: s.EntityType, ContentCsv: s.ContentCSV, ColumnMapping: cols, ProjectId: s.ProjectID}, nil
}

// PrimeParams is what PrimingService.Prime tells an agent about one
// user. DisplayName is required; everything else is optional.
type PrimeParams struct {
	// DisplayName is what the user is called. Required.
	DisplayName string
	// Source names the system the data comes from (e.g. "crm").
	Source string
	// FirstMetAt is when that system first knew the user; zero when
	// unknown.
	FirstMetAt time.Time
	// Profile is the user's company, title and contact details; the
	// server turns company and title into facts at once.
	Profile UserProfile
	// Facts are facts already known, written as they are.
	Facts []PrimeFact
	// Content is text to extract facts from, in the background.
	Content []ContentBlock
	// Messages are an earlier conversation with the user.
	Messages []PrimeMessage
	// StructuredImport is tabular data for the knowledge graph.
	StructuredImport *StructuredImport
}

// PrimeResult is PrimingService.Prime's answer.
type PrimeResult struct {
	// JobID is the background job that extracts the content and messages;
	// pass it to WaitPrime or PrimeStatus. Empty when the server queued
	// none.
	JobID string `json:"job_id"`
	// Status is the job's state when it was queued.
	Status ImportJobStatus `json:"status"`
	// FactsCreated counts the facts written at once (the profile's and
	// Facts).
	FactsCreated int64 `json:"facts_created"`
	// Raw is the whole answer, which the contract leaves free-form.
	Raw map[string]any `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw and reads the known fields
// leniently: a field of another type is left zero.
func (r *PrimeResult) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &r.Raw); err != nil {
		return err
	}
	if s, ok := r.Raw["job_id"].(string); ok {
		r.JobID = s
	}
	if s, ok := r.Raw["status"].(string); ok {
		r.Status = ImportJobStatus(s)
	}
	if n, ok := r.Raw["facts_created"].(float64); ok {
		r.FactsCreated = int64(n)
	}
	return nil
}

// Prime tells an agent what another system knows about a user, so that it
// knows them from the first conversation: the profile and Facts are
// stored at once; Content and Messages are extracted by a background job,
// which WaitPrime waits for. It is a POST, retried only when the server
// provably did not act on it, so the SDK never primes twice; after a 5xx,
// a timeout or a lost connection, Metadata tells whether it took.
func (s *PrimingService) Prime(ctx context.Context, agentID, userID string, p PrimeParams, opts ...Option) (*PrimeResult, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.DisplayName) == "" {
		return nil, invalid("PrimeParams.DisplayName", "empty; say what the user is called")
	}
	if err := sendableTime("PrimeParams.FirstMetAt", p.FirstMetAt); err != nil {
		return nil, err
	}
	data := primeUserData{facts: p.Facts, content: p.Content, messages: p.Messages}
	if err := data.validate("PrimeParams"); err != nil {
		return nil, err
	}
	structured, err := p.StructuredImport.validate()
	if err != nil {
		return nil, err
	}
	facts, content, msgs := data.toGen()
	body := gen.PrimeUserRequest{
		DisplayName: p.DisplayName, Source: p.Source, FirstMetAt: p.FirstMetAt, Metadata: p.Profile.toGen(),
		Facts: facts, Content: content, Messages: msgs, StructuredImport: structured,
	}
	return call[PrimeResult](ctx, s.c, opts, "primeUser", func(server string) (*http.Request, error) {
		return gen.NewPrimeUserRequest(server, agentID, userID, body)
	})
}

// PrimeStatus reads a priming or content job of one user once.
func (s *PrimingService) PrimeStatus(ctx context.Context, agentID, userID, jobID string, opts ...Option) (*ImportJob, error) {
	j, _, err := s.primeStatus(ctx, agentID, userID, jobID, opts)
	return j, err
}

func (s *PrimingService) primeStatus(ctx context.Context, agentID, userID, jobID string, opts []Option) (*ImportJob, *response, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "jobID", jobID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewGetPrimeStatusRequest(ep.server, agentID, userID, jobID)
	out := new(ImportJob)
	resp, err := ep.doJSON(ctx, "getPrimeStatus", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitPrime polls a priming job (Prime) or a content job (AddContent)
// until it finishes, and returns its final state. It needs only the ids,
// so it works from another process. A failed job, or one that ended with a
// status other than completed, is a *JobFailedError carrying the final
// *ImportJob; running out of time is a
// *PollTimeoutError carrying the last one. WithProgress sees every state
// read.
func (s *PrimingService) WaitPrime(ctx context.Context, agentID, userID, jobID string, opts ...PollOption) (*ImportJob, error) {
	if err := requireIDs("agentID", agentID, "userID", userID, "jobID", jobID); err != nil {
		return nil, err
	}
	return waitImportJob(ctx, s.c, "priming", jobID, opts, func(ctx context.Context) (*ImportJob, *response, error) {
		return s.primeStatus(ctx, agentID, userID, jobID, nil)
	})
}

// ContentAddParams is text to add about a user. Content is required.
type ContentAddParams struct {
	// Content is the text to extract facts from, at least one block.
	Content []ContentBlock
	// Source names the system the text comes from.
	Source string
}

// ContentJob is AddContent's answer: the job that extracts the text.
type ContentJob struct {
	// JobID identifies the job; pass it to WaitPrime or PrimeStatus.
	JobID string `json:"job_id"`
	// Status is the job's state when it was queued.
	Status ImportJobStatus `json:"status"`
}

// AddContent queues text about a user (notes, a transcript) for the
// server to extract facts from, and returns the job; WaitPrime waits for
// it. It is a POST, retried only when the server provably did not act on
// it; after a 5xx, a timeout or a lost connection the text may have been
// queued, which a second call would queue again.
func (s *PrimingService) AddContent(ctx context.Context, agentID, userID string, p ContentAddParams, opts ...Option) (*ContentJob, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if len(p.Content) == 0 {
		return nil, invalid("ContentAddParams.Content", "empty; pass at least one content block")
	}
	if err := (primeUserData{content: p.Content}).validate("ContentAddParams"); err != nil {
		return nil, err
	}
	_, content, _ := primeUserData{content: p.Content}.toGen()
	out, err := call[ContentJob](ctx, s.c, opts, "addUserContent", func(server string) (*http.Request, error) {
		return gen.NewAddUserContentRequest(server, agentID, userID, gen.AddContentRequest{Content: content, Source: p.Source})
	})
	if err == nil && out.JobID == "" {
		// Queued, perhaps, but under no id the caller can wait for.
		return nil, &APIError{StatusCode: http.StatusOK, Operation: "addUserContent", Method: http.MethodPost,
			Detail: "the server accepted the content but sent no job_id to wait for"}
	}
	return out, err
}

// UserMetadata is what an agent knows about a user from imports, priming
// and metadata updates. The wire names are the server's.
type UserMetadata struct {
	AgentID     string `json:"AgentID"`
	UserID      string `json:"UserID"`
	DisplayName string `json:"DisplayName"`
	Email       string `json:"Email"`
	Company     string `json:"Company"`
	Title       string `json:"Title"`
	Phone       string `json:"Phone"`
	Timezone    string `json:"Timezone"`
	LinkedinURL string `json:"LinkedinURL"`
	// CustomFields holds the caller's own fields.
	CustomFields map[string]string `json:"CustomFields"`
	// SourceType and SourceID say where the user came from.
	SourceType string `json:"SourceType"`
	SourceID   string `json:"SourceID"`
	// FactsCount counts the facts the agent has about the user;
	// WarmthScore (0 to 100) is how well it knows them.
	FactsCount  int64 `json:"FactsCount"`
	WarmthScore int64 `json:"WarmthScore"`
	// FirstMetAt is when the source system first knew the user (zero when
	// unknown); PrimedAt when the agent was primed; CreatedAt and
	// UpdatedAt when this record was created and last changed.
	FirstMetAt time.Time `json:"FirstMetAt"`
	PrimedAt   time.Time `json:"PrimedAt"`
	CreatedAt  time.Time `json:"CreatedAt"`
	UpdatedAt  time.Time `json:"UpdatedAt"`
}

// Metadata reads what an agent knows about a user from imports, priming
// and metadata updates; a user it has none for is not found (404).
func (s *PrimingService) Metadata(ctx context.Context, agentID, userID string, opts ...Option) (*UserMetadata, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	return call[UserMetadata](ctx, s.c, opts, "getUserMetadata", func(server string) (*http.Request, error) {
		return gen.NewGetUserMetadataRequest(server, agentID, userID)
	})
}

// UserMetadataUpdateParams changes what an agent knows about a user. Only
// what is set is sent: a nil field stays as it is, Ptr("") clears it.
// Custom fields are added to (or replace) the user's; a nil map sends
// none. At least one field must be set.
type UserMetadataUpdateParams struct {
	DisplayName *string
	Email       *string
	Phone       *string
	Company     *string
	Title       *string
	Custom      map[string]string
}

// UserMetadataUpdate is UpdateMetadata's answer.
type UserMetadataUpdate struct {
	// Metadata is the user's metadata after the update.
	Metadata UserMetadata `json:"metadata"`
	// FactsCreated counts the facts the update wrote (a new company or
	// title becomes a fact).
	FactsCreated int64 `json:"facts_created"`
}

// UpdateMetadata changes what an agent knows about a user and returns the
// result. A new company or title also becomes a fact the agent recalls.
func (s *PrimingService) UpdateMetadata(ctx context.Context, agentID, userID string, p UserMetadataUpdateParams, opts ...Option) (*UserMetadataUpdate, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if p.DisplayName == nil && p.Email == nil && p.Phone == nil && p.Company == nil && p.Title == nil && p.Custom == nil {
		return nil, invalid("UserMetadataUpdateParams", "nothing to update; set at least one field")
	}
	body := gen.UpdateMetadataRequest{DisplayName: p.DisplayName, Email: p.Email, Phone: p.Phone, Company: p.Company, Title: p.Title}
	if p.Custom != nil {
		body.Custom = &p.Custom
	}
	return call[UserMetadataUpdate](ctx, s.c, opts, "updateUserMetadata", func(server string) (*http.Request, error) {
		return gen.NewUpdateUserMetadataRequest(server, agentID, userID, body)
	})
}
