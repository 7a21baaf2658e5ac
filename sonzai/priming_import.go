package sonzai

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// DefaultImportBatchSize is how many users ImportUsers sends per request
// unless UserImportParams.BatchSize says otherwise. The contract sets no
// limit; 500 keeps each request well under a megabyte for users with a
// profile and a few facts. Lower it for users with much content.
const DefaultImportBatchSize = 500

// ImportUser is one user of a batch import. UserID is required.
type ImportUser struct {
	// UserID identifies the user in your system. Required.
	UserID string
	// DisplayName is what the user is called.
	DisplayName string
	// FirstMetAt is when your system first knew the user; zero when
	// unknown.
	FirstMetAt time.Time
	// Profile is the user's company, title and contact details.
	Profile UserProfile
	// Facts are facts already known, written as they are.
	Facts []PrimeFact
	// Content is text to extract facts from, in the background.
	Content []ContentBlock
	// Messages are an earlier conversation with the user.
	Messages []PrimeMessage
}

func (u ImportUser) validate(at string) error {
	if strings.TrimSpace(u.UserID) == "" {
		return invalid(at+".UserID", "empty; every imported user needs an id")
	}
	if err := sendableTime(at+".FirstMetAt", u.FirstMetAt); err != nil {
		return err
	}
	return primeUserData{facts: u.Facts, content: u.Content, messages: u.Messages}.validate(at)
}

func (u ImportUser) toGen() gen.BatchImportUser {
	facts, content, msgs := primeUserData{facts: u.Facts, content: u.Content, messages: u.Messages}.toGen()
	return gen.BatchImportUser{
		UserId: u.UserID, DisplayName: u.DisplayName, FirstMetAt: u.FirstMetAt, Metadata: u.Profile.toGen(),
		Facts: facts, Content: content, Messages: msgs,
	}
}

// UserImportParams is a user import of any size. Set exactly one of Users
// and From.
type UserImportParams struct {
	// Users are the users to import, all validated before the first
	// request.
	Users []ImportUser
	// From yields the users to import, read as the batches are sent, so an
	// import of any size holds one batch in memory at a time. Each batch is
	// validated before it is sent: an invalid user stops the import with a
	// *UserImportError.
	From iter.Seq[ImportUser]
	// Source names the system the users come from (e.g. "crm").
	Source string
	// BatchSize is how many users each request carries; zero means
	// DefaultImportBatchSize.
	BatchSize int
	// OnBatch, when set, is called after each batch the server accepted,
	// from the importing goroutine: the send-side progress. The jobs'
	// processing progress is WaitImport's (with WithProgress).
	OnBatch func(ImportBatch)
}

// ImportBatch is one batch the server accepted: a job of its own.
type ImportBatch struct {
	// Batch is the batch's index, from 0; Start and End bound its users in
	// the order given (Users[Start:End]).
	Batch, Start, End int
	// JobID is the server's job for the batch; pass it to WaitImport.
	JobID string
	// Status is the job's state when it was queued.
	Status ImportJobStatus
	// TotalUsers counts the batch's users, as the server reports them;
	// FactsCreated the facts written at once.
	TotalUsers   int64
	FactsCreated int64
}

// UserImport is what ImportUsers sent and the server accepted.
type UserImport struct {
	// Batches are the accepted batches, in order, each with its job.
	Batches []ImportBatch
	// Users counts the users accepted; FactsCreated the facts written at
	// once.
	Users        int64
	FactsCreated int64
}

// JobIDs returns the jobs of the accepted batches, in order.
func (u *UserImport) JobIDs() []string {
	ids := make([]string, len(u.Batches))
	for i, b := range u.Batches {
		ids[i] = b.JobID
	}
	return ids
}

// ImportBatchFailure is a batch ImportUsers could not import.
type ImportBatchFailure struct {
	// Batch, Start and End identify the batch as in ImportBatch.
	Batch, Start, End int
	// Users are the batch's users, to fix and send again.
	Users []ImportUser
	// MaybeAccepted is true when the request may have reached the server
	// and been accepted (a 5xx, a timeout, a lost connection): the SDK
	// does not send it again; ListImportJobs tells whether a job was
	// created for it. False when the server refused it (a 4xx) or it was
	// never sent: sending Users again is safe.
	MaybeAccepted bool
	// Err is why it failed.
	Err error
}

// UserImportError is an import in which some batches failed. The other
// batches were imported: Imported lists them and their jobs, and Failed
// the batches that were not, with their users. A batch the server refused
// as invalid (400, 409, 413, 422) does not stop the import; any other
// failure (authentication, an unknown agent, rate limiting, a 5xx, a lost
// connection, an invalid user read from From, the context) stops it, and
// the users after that batch are not read: Next counts the users read
// (imported or in Failed), so a caller resumes with Users[Next:] or the
// rest of its source.
type UserImportError struct {
	// Imported is what the server accepted.
	Imported UserImport
	// Failed are the failed batches, in order.
	Failed []ImportBatchFailure
	// Stopped is true when a failure stopped the import before the end;
	// Next is then where it stopped, in the order given.
	Stopped bool
	Next    int
}

// Error says how many batches failed and the first one's cause.
func (e *UserImportError) Error() string {
	if len(e.Failed) == 0 {
		return fmt.Sprintf("sonzai: batchImportUsers: stopped after %d users, %d imported", e.Next, e.Imported.Users)
	}
	first := e.Failed[0]
	msg := fmt.Sprintf("sonzai: batchImportUsers: %d batch(es) failed, %d users imported; first: batch %d (users %d..%d): %v",
		len(e.Failed), e.Imported.Users, first.Batch, first.Start, first.End-1, first.Err)
	if e.Stopped {
		msg += fmt.Sprintf("; stopped after %d users", e.Next)
	}
	return msg
}

// Unwrap returns each failed batch's error, for errors.Is and errors.As.
func (e *UserImportError) Unwrap() []error {
	errs := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		errs[i] = f.Err
	}
	return errs
}

// importRefused reports whether err is the server refusing this batch's
// content, which the next batch may not share: the import goes on.
func importRefused(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// importAccepted is the wire shape of batchImportUsers' answer.
type importAccepted struct {
	JobID        string `json:"job_id"`
	Status       string `json:"status"`
	TotalUsers   int64  `json:"total_users"`
	FactsCreated int64  `json:"facts_created"`
}

// importMaybeAccepted reports whether a request that was sent and failed may
// have been acted on: not when the server answered 4xx.
func importMaybeAccepted(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= 500 || apiErr.StatusCode == http.StatusRequestTimeout
	}
	return true
}

// ImportUsers imports any number of users into an agent, in batches of
// p.BatchSize sent one after the other; each accepted batch is a job the
// server runs in the background (WaitImport waits for one). Users are
// read from p.Users or p.From as the batches go, and only the current
// batch is held, so tens of thousands of users import in bounded memory.
//
// Each request is a POST, retried only when the server provably did not
// act on it, so no batch is sent twice. When a batch fails, the result is
// a *UserImportError with what was imported and the failed batches (see
// there for when the import goes on).
func (s *PrimingService) ImportUsers(ctx context.Context, agentID string, p UserImportParams, opts ...Option) (*UserImport, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if (p.Users == nil) == (p.From == nil) {
		return nil, invalid("UserImportParams.Users", "set exactly one of Users and From")
	}
	if p.Users != nil && len(p.Users) == 0 {
		return nil, invalid("UserImportParams.Users", "empty; pass at least one user")
	}
	if p.BatchSize < 0 {
		return nil, invalid("UserImportParams.BatchSize", fmt.Sprintf("%d is negative (0 means %d)", p.BatchSize, DefaultImportBatchSize))
	}
	for i, u := range p.Users {
		if err := u.validate(fmt.Sprintf("UserImportParams.Users[%d]", i)); err != nil {
			return nil, err
		}
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	size := p.BatchSize
	if size == 0 {
		size = DefaultImportBatchSize
	}
	source := p.From
	if source == nil {
		source = func(yield func(ImportUser) bool) {
			for _, u := range p.Users {
				if !yield(u) {
					return
				}
			}
		}
	}

	var (
		done    UserImport
		failed  *UserImportError
		batch   = make([]ImportUser, 0, size)
		wire    = make([]gen.BatchImportUser, 0, size)
		start   int
		index   int
		stopped bool
	)
	fail := func(err error, sent, stop bool) {
		if failed == nil {
			failed = &UserImportError{}
		}
		failed.Failed = append(failed.Failed, ImportBatchFailure{
			Batch: index, Start: start, End: start + len(batch), Users: append([]ImportUser(nil), batch...),
			MaybeAccepted: sent && importMaybeAccepted(err), Err: err,
		})
		stopped = stop
	}
	flush := func() {
		defer func() {
			start += len(batch)
			index++
			clear(batch)
			batch = batch[:0]
			clear(wire)
			wire = wire[:0]
		}()
		if p.From != nil {
			for i, u := range batch {
				if err := u.validate(fmt.Sprintf("UserImportParams.From[%d]", start+i)); err != nil {
					fail(err, false, true)
					return
				}
			}
		}
		if err := ctx.Err(); err != nil {
			fail(err, false, true)
			return
		}
		for _, u := range batch {
			wire = append(wire, u.toGen())
		}
		req, err := gen.NewBatchImportUsersRequest(ep.server, agentID, gen.BatchImportRequest{Users: wire, Source: p.Source})
		var out importAccepted
		if _, err := ep.doJSON(ctx, "batchImportUsers", req, err, &out); err != nil {
			fail(err, true, !importRefused(err))
			return
		}
		if out.JobID == "" {
			// Accepted, but with no job to wait for or to find it by: the
			// batch is reported as maybe accepted, and the import stops.
			fail(errors.New("sonzai: batchImportUsers: the server answered without a job_id"), true, true)
			return
		}
		b := ImportBatch{Batch: index, Start: start, End: start + len(batch), JobID: out.JobID,
			Status: ImportJobStatus(out.Status), TotalUsers: out.TotalUsers, FactsCreated: out.FactsCreated}
		done.Batches = append(done.Batches, b)
		done.Users += out.TotalUsers
		done.FactsCreated += out.FactsCreated
		if p.OnBatch != nil {
			p.OnBatch(b)
		}
	}
	for u := range source {
		batch = append(batch, u)
		if len(batch) == size {
			if flush(); stopped {
				break
			}
		}
	}
	if !stopped && len(batch) > 0 {
		flush()
	}
	if failed != nil {
		failed.Imported, failed.Stopped, failed.Next = done, stopped, start
		return &done, failed
	}
	if index == 0 {
		return nil, invalid("UserImportParams.From", "yielded no user; pass at least one")
	}
	return &done, nil
}

// ImportStatus reads a batch import job once.
func (s *PrimingService) ImportStatus(ctx context.Context, agentID, jobID string, opts ...Option) (*ImportJob, error) {
	j, _, err := s.importStatus(ctx, agentID, jobID, opts)
	return j, err
}

func (s *PrimingService) importStatus(ctx context.Context, agentID, jobID string, opts []Option) (*ImportJob, *response, error) {
	if err := requireIDs("agentID", agentID, "jobID", jobID); err != nil {
		return nil, nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, nil, err
	}
	req, err := gen.NewGetImportStatusRequest(ep.server, agentID, jobID)
	out := new(ImportJob)
	resp, err := ep.doJSON(ctx, "getImportStatus", req, err, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// WaitImport polls a batch import job until it finishes, and returns its
// final state. It needs only the ids, so it works from another process
// (ImportBatch.JobID, or ListImportJobs). Pass WithProgress to see each
// state read, e.g. ProcessedUsers of TotalUsers:
//
//	job, err := client.Priming.WaitImport(ctx, agentID, jobID,
//		sonzai.WithProgress(func(j *sonzai.ImportJob) { log.Printf("%d/%d", j.ProcessedUsers, j.TotalUsers) }))
//
// A failed job, or one that ended (CompletedAt set) with a status other
// than completed, is a *JobFailedError carrying the final *ImportJob;
// running out of time is a *PollTimeoutError carrying the last one. A completed
// job may still report Errors for some users: ListImportJobUsers says
// which.
func (s *PrimingService) WaitImport(ctx context.Context, agentID, jobID string, opts ...PollOption) (*ImportJob, error) {
	if err := requireIDs("agentID", agentID, "jobID", jobID); err != nil {
		return nil, err
	}
	return waitImportJob(ctx, s.c, "user import", jobID, opts, func(ctx context.Context) (*ImportJob, *response, error) {
		return s.importStatus(ctx, agentID, jobID, nil)
	})
}

// ImportJobListParams bounds PrimingService.ListImportJobs.
type ImportJobListParams struct {
	// Limit is how many jobs to return, newest first; zero means the
	// server's default (20).
	Limit int
}

// importJobList is the wire shape of listImportJobs' answer.
type importJobList struct {
	Jobs  []ImportJob `json:"jobs"`
	Count int64       `json:"count"`
}

// ListImportJobs lists an agent's recent import jobs, newest first.
func (s *PrimingService) ListImportJobs(ctx context.Context, agentID string, p ImportJobListParams, opts ...Option) ([]ImportJob, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.Limit < 0 {
		return nil, invalid("ImportJobListParams.Limit", fmt.Sprintf("%d is negative (0 means the server's default)", p.Limit))
	}
	out, err := call[importJobList](ctx, s.c, opts, "listImportJobs", func(server string) (*http.Request, error) {
		return gen.NewListImportJobsRequest(server, agentID, &gen.ListImportJobsParams{Limit: optional(int64(p.Limit))})
	})
	if err != nil {
		return nil, err
	}
	return out.Jobs, nil
}

// ImportJobUser is one user's progress in an import job.
type ImportJobUser struct {
	// JobID and UserID say whose progress it is.
	JobID  string `json:"job_id"`
	UserID string `json:"user_id"`
	// Status is where the user's import is; ErrorMessage says why it
	// failed.
	Status       ImportJobStatus `json:"status"`
	ErrorMessage string          `json:"error_message"`
	// FactsStored and FactsDeduped count the user's facts kept and dropped
	// as repeats; WarmthScore (0 to 100) is how well the agent knows them.
	FactsStored  int64 `json:"facts_stored"`
	FactsDeduped int64 `json:"facts_deduped"`
	WarmthScore  int64 `json:"warmth_score"`
	// StartedAt and CompletedAt are zero until then; UpdatedAt is the last
	// change.
	StartedAt   time.Time `json:"started_at"`
	CompletedAt time.Time `json:"completed_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ImportJobUserListParams bounds PrimingService.ListImportJobUsers.
type ImportJobUserListParams struct {
	// Limit is how many users to return; zero means the server's default
	// (100).
	Limit int
}

// importJobUserList is the wire shape of listImportJobUsers' answer.
type importJobUserList struct {
	Users []ImportJobUser `json:"users"`
	Count int64           `json:"count"`
}

// ListImportJobUsers lists the users of an import job with their
// progress, up to p.Limit.
func (s *PrimingService) ListImportJobUsers(ctx context.Context, agentID, jobID string, p ImportJobUserListParams, opts ...Option) ([]ImportJobUser, error) {
	if err := requireIDs("agentID", agentID, "jobID", jobID); err != nil {
		return nil, err
	}
	if p.Limit < 0 {
		return nil, invalid("ImportJobUserListParams.Limit", fmt.Sprintf("%d is negative (0 means the server's default)", p.Limit))
	}
	out, err := call[importJobUserList](ctx, s.c, opts, "listImportJobUsers", func(server string) (*http.Request, error) {
		return gen.NewListImportJobUsersRequest(server, agentID, jobID, &gen.ListImportJobUsersParams{Limit: optional(int64(p.Limit))})
	})
	if err != nil {
		return nil, err
	}
	return out.Users, nil
}
