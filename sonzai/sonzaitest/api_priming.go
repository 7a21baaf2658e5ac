package sonzaitest

import (
	"context"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// Users, imports and priming. Imported and primed users are known at once
// (listUsers, getUserMetadata), with the facts they came with and those
// their company and title state; their content and messages are extracted
// when the job finishes, on the Clock, and then show in every memory read
// and the context. FailExtractions fails the jobs queued after it.

func (h *api) ListUsers(_ context.Context, req fakeserver.ListUsersRequestObject) (fakeserver.ListUsersResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	size := limitOr(req.Params.PageSize, 100)
	if size < 1 || size > 500 {
		return nil, failAt(http.StatusUnprocessableEntity, "query.page_size", size, "between 1 and 500")
	}
	ids := st.knownUsers(a)
	start := 0
	if c := deref(req.Params.Cursor); c != "" {
		after, err := base64.RawURLEncoding.DecodeString(c)
		if err != nil {
			return nil, failAt(http.StatusBadRequest, "query.cursor", c, "not a cursor this server gave out")
		}
		start = sort.SearchStrings(ids, string(after))
		if start < len(ids) && ids[start] == string(after) {
			start++
		}
	}
	out := fakeserver.ListUsers200JSONResponse{Users: []gen.UserEntry{}}
	end := min(start+size, len(ids))
	for _, id := range ids[start:end] {
		out.Users = append(out.Users, st.userEntry(a, id))
	}
	if end < len(ids) {
		out.HasMore = true
		out.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(ids[end-1]))
	}
	return out, nil
}

func (st *state) userEntry(a *agent, id string) gen.UserEntry {
	e := gen.UserEntry{UserId: id, Role: "user"}
	var first, last time.Time
	seen := func(t time.Time) {
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if u := st.userRecord(a, id); u != nil {
		e.DisplayName = u.displayName
		e.Metadata = gen.UserMetadata{Email: u.email, Phone: u.phone, Custom: u.custom}
		seen(u.created)
	}
	for _, s := range st.sessions {
		if s.agentID == a.id && s.userID == id {
			seen(s.started)
			if e.DisplayName == "" {
				e.DisplayName = s.displayName
			}
		}
	}
	if m, ok := a.moods[id]; ok {
		e.Mood = a.moodToGen(m)
		seen(m.updated)
	}
	if !first.IsZero() {
		e.CreatedAt, e.LastInteractionAt = rfc3339(first), rfc3339(last)
	}
	return e
}

// primeContentOf is what a user's content blocks and messages give the
// extractor.
func primeContentOf(userID string, blocks []gen.PrimeContentBlock, msgs []gen.PrimeMessage) []pendingContent {
	var texts []chatMsg
	for _, b := range blocks {
		if strings.TrimSpace(b.Body) != "" {
			texts = append(texts, chatMsg{role: "user", content: b.Body})
		}
	}
	for _, m := range msgs {
		texts = append(texts, chatMsg{role: m.Role, content: m.Content})
	}
	if len(texts) == 0 {
		return nil
	}
	return []pendingContent{{userID: userID, texts: texts}}
}

func checkPrimeContent(loc string, blocks []gen.PrimeContentBlock) error {
	for i, b := range blocks {
		if strings.TrimSpace(b.Type) == "" {
			return failAt(http.StatusUnprocessableEntity, loc+"["+strconv.Itoa(i)+"].type", b.Type, "a content block needs a type")
		}
	}
	return nil
}

func checkPrimeMessages(loc string, msgs []gen.PrimeMessage) error {
	for i, m := range msgs {
		if m.Role != "user" && m.Role != "assistant" {
			return failAt(http.StatusUnprocessableEntity, loc+"["+strconv.Itoa(i)+"].role", m.Role, "the role is user or assistant")
		}
	}
	return nil
}

// applyProfile stores what an import or a priming says about a user and
// returns how many facts that wrote at once.
func (fa *factAdder) applyProfile(u *userRecord, displayName string, md gen.PrimeUserMetadata, firstMet time.Time, facts []gen.PrimeFact, now time.Time) int64 {
	if displayName != "" {
		u.displayName = displayName
	}
	if md.Email != "" {
		u.email = md.Email
	}
	if md.Phone != "" {
		u.phone = md.Phone
	}
	if md.Company != "" {
		u.company = md.Company
	}
	if md.Title != "" {
		u.title = md.Title
	}
	if len(md.Custom) > 0 {
		if u.custom == nil {
			u.custom = map[string]string{}
		}
		for k, v := range md.Custom {
			u.custom[k] = v
		}
	}
	if !firstMet.IsZero() {
		u.firstMet = firstMet
	}
	u.primed, u.updated = now, now
	return fa.metadataFacts(u, now) + fa.primeFacts(u.id, facts, now)
}

func (h *api) BatchImportUsers(_ context.Context, req fakeserver.BatchImportUsersRequestObject) (fakeserver.BatchImportUsersResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if len(b.Users) == 0 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.users", b.Users, "import at least one user")
	}
	// All or nothing: check every user before storing any.
	seen := make(map[string]struct{}, len(b.Users))
	for i, u := range b.Users {
		loc := "body.users[" + strconv.Itoa(i) + "]"
		if strings.TrimSpace(u.UserId) == "" {
			return nil, failAt(http.StatusUnprocessableEntity, loc+".user_id", u.UserId, "a user needs an id")
		}
		if _, dup := seen[u.UserId]; dup {
			return nil, failAt(http.StatusUnprocessableEntity, loc+".user_id", u.UserId, "the user is in the batch twice")
		}
		seen[u.UserId] = struct{}{}
		if err := checkPrimeContent(loc+".content", u.Content); err != nil {
			return nil, err
		}
		if err := checkPrimeMessages(loc+".messages", u.Messages); err != nil {
			return nil, err
		}
	}
	ids := make([]string, len(b.Users))
	var content []pendingContent
	for i, bu := range b.Users {
		ids[i] = bu.UserId
	}
	var facts int64
	adder := st.newFactAdder(a, ids...)
	for _, bu := range b.Users {
		u := st.touchUser(a, bu.UserId, b.Source, now)
		facts += adder.applyProfile(u, bu.DisplayName, bu.Metadata, bu.FirstMetAt, bu.Facts, now)
		content = append(content, primeContentOf(bu.UserId, bu.Content, bu.Messages)...)
	}
	ij := st.newImportJob(a, jobTypeBatchImport, b.Source, "", ids, content, now)
	ij.factsStored = facts
	return fakeserver.BatchImportUsers200JSONResponse{JobId: ij.id, Status: ij.status(now), TotalUsers: int64(len(ids)), FactsCreated: facts}, nil
}

func (h *api) GetImportStatus(_ context.Context, req fakeserver.GetImportStatusRequestObject) (fakeserver.GetImportStatusResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	ij, err := st.importJob(a, req.JobId)
	if err != nil {
		return nil, err
	}
	return fakeserver.GetImportStatus200JSONResponse(ij.toGen(now)), nil
}

func (h *api) ListImportJobUsers(_ context.Context, req fakeserver.ListImportJobUsersRequestObject) (fakeserver.ListImportJobUsersResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	ij, err := st.importJob(a, req.JobId)
	if err != nil {
		return nil, err
	}
	limit := limitOr(req.Params.Limit, 100)
	users := ij.users
	if ij.jobType != jobTypeBatchImport {
		users = []string{ij.userID}
	}
	done := ij.processed(now)
	stage := ij.stage(now)
	out := fakeserver.ListImportJobUsers200JSONResponse{Users: []gen.JobUser{}}
	for i, id := range users {
		if len(out.Users) >= limit {
			break
		}
		ju := gen.JobUser{JobId: ij.id, UserId: id, Status: "pending", UpdatedAt: ij.created.UTC()}
		switch {
		case stage == stageFinished && ij.fail:
			ju.Status, ju.ErrorMessage = "failed", ij.reason
			ju.StartedAt, ju.CompletedAt, ju.UpdatedAt = ij.startedAt().UTC(), ij.finishedAt().UTC(), ij.finishedAt().UTC()
		case int64(i) < done:
			facts := a.factCount(id)
			ju.Status, ju.FactsStored, ju.WarmthScore = "completed", facts, warmth(facts)
			ju.StartedAt, ju.CompletedAt, ju.UpdatedAt = ij.startedAt().UTC(), now.UTC(), now.UTC()
			if stage == stageFinished {
				ju.CompletedAt, ju.UpdatedAt = ij.finishedAt().UTC(), ij.finishedAt().UTC()
			}
		case stage == stageRunning && int64(i) == done:
			ju.Status, ju.StartedAt, ju.UpdatedAt = "processing", ij.startedAt().UTC(), ij.startedAt().UTC()
		}
		out.Users = append(out.Users, ju)
	}
	out.Count = int64(len(out.Users))
	return out, nil
}

func (h *api) ListImportJobs(_ context.Context, req fakeserver.ListImportJobsRequestObject) (fakeserver.ListImportJobsResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	limit := limitOr(req.Params.Limit, 20)
	st.dir.init()
	jobs := st.dir.agentJobs[a.id]
	out := fakeserver.ListImportJobs200JSONResponse{Jobs: []gen.ImportJob{}}
	for i := len(jobs) - 1; i >= 0 && len(out.Jobs) < limit; i-- {
		out.Jobs = append(out.Jobs, jobs[i].toGen(now))
	}
	out.Count = int64(len(out.Jobs))
	return out, nil
}

func (h *api) AddUserContent(_ context.Context, req fakeserver.AddUserContentRequestObject) (fakeserver.AddUserContentResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if len(b.Content) == 0 {
		return nil, failAt(http.StatusUnprocessableEntity, "body.content", b.Content, "add at least one content block")
	}
	if err := checkPrimeContent("body.content", b.Content); err != nil {
		return nil, err
	}
	st.touchUser(a, req.UserId, b.Source, now)
	ij := st.newImportJob(a, jobTypeContent, b.Source, req.UserId, nil, primeContentOf(req.UserId, b.Content, nil), now)
	return fakeserver.AddUserContent200JSONResponse{JobId: ij.id, Status: ij.status(now)}, nil
}

func (h *api) GetUserMetadata(_ context.Context, req fakeserver.GetUserMetadataRequestObject) (fakeserver.GetUserMetadataResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	u := st.userRecord(a, req.UserId)
	if u == nil {
		return nil, fail(http.StatusNotFound, "no metadata for user %q", req.UserId)
	}
	return fakeserver.GetUserMetadata200JSONResponse(u.toGen(a, a.factCount(u.id))), nil
}

func (h *api) UpdateUserMetadata(_ context.Context, req fakeserver.UpdateUserMetadataRequestObject) (fakeserver.UpdateUserMetadataResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	u := st.touchUser(a, req.UserId, "api", now)
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&u.displayName, b.DisplayName)
	set(&u.email, b.Email)
	set(&u.phone, b.Phone)
	set(&u.company, b.Company)
	set(&u.title, b.Title)
	if b.Custom != nil {
		if u.custom == nil {
			u.custom = map[string]string{}
		}
		for k, v := range *b.Custom {
			u.custom[k] = v
		}
	}
	u.updated = now
	facts := st.newFactAdder(a, u.id).metadataFacts(u, now)
	return fakeserver.UpdateUserMetadata200JSONResponse{Metadata: u.toGen(a, a.factCount(u.id)), FactsCreated: facts}, nil
}

func (h *api) PrimeUser(_ context.Context, req fakeserver.PrimeUserRequestObject) (fakeserver.PrimeUserResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	if strings.TrimSpace(b.DisplayName) == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.display_name", b.DisplayName, "say what the user is called")
	}
	if err := checkPrimeContent("body.content", b.Content); err != nil {
		return nil, err
	}
	if err := checkPrimeMessages("body.messages", b.Messages); err != nil {
		return nil, err
	}
	u := st.touchUser(a, req.UserId, b.Source, now)
	facts := st.newFactAdder(a, u.id).applyProfile(u, b.DisplayName, b.Metadata, b.FirstMetAt, b.Facts, now)
	ij := st.newImportJob(a, jobTypePrime, b.Source, req.UserId, nil, primeContentOf(req.UserId, b.Content, b.Messages), now)
	ij.factsStored = facts
	return fakeserver.PrimeUser200JSONResponse{"job_id": ij.id, "status": ij.status(now), "facts_created": facts}, nil
}

func (h *api) GetPrimeStatus(_ context.Context, req fakeserver.GetPrimeStatusRequestObject) (fakeserver.GetPrimeStatusResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	ij, err := st.importJob(a, req.JobId)
	if err != nil {
		return nil, err
	}
	if ij.userID != req.UserId {
		return nil, fail(http.StatusNotFound, "no priming job %q for user %q", req.JobId, req.UserId)
	}
	return fakeserver.GetPrimeStatus200JSONResponse(ij.toGen(now)), nil
}
