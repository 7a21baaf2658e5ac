package sonzaitest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// Consolidation, summaries, the timeline, wisdom (the agent's own facts,
// those without a user) and a user's facts and conversations.

// storedFact is a fact as listFacts and listUserFacts show it.
func (st *state) storedFact(a *agent, f *fact) gen.StoredFact {
	g := st.memory.factToGen(a, f)
	return gen.StoredFact{
		FactId: g.FactId, Content: g.AtomicText, FactType: g.FactType, Importance: deref(g.Importance),
		Confidence: g.Confidence, MentionCount: g.MentionCount, Metadata: g.Metadata,
		SessionId: g.SessionId, SourceType: g.SourceType,
		CreatedAt: rfc3339(g.CreatedAt), UpdatedAt: rfc3339(g.UpdatedAt),
	}
}

func (h *api) ConsolidateMemory(_ context.Context, req fakeserver.ConsolidateMemoryRequestObject) (fakeserver.ConsolidateMemoryResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	b := req.Body
	span := 24 * time.Hour
	switch b.Period {
	case "daily":
	case "weekly":
		span = 7 * 24 * time.Hour
	default:
		return nil, failAt(http.StatusUnprocessableEntity, "body.period", b.Period, "the period is daily or weekly")
	}
	if b.UserId == "" {
		return nil, failAt(http.StatusUnprocessableEntity, "body.user_id", b.UserId, "say whose memories to consolidate")
	}
	from := now.Add(-span)
	var texts, topics []string
	for _, f := range a.facts {
		if f.userID == b.UserId && !f.updated.Before(from) {
			texts = append(texts, strings.TrimSuffix(f.text, "."))
			if !contains(topics, f.factType) {
				topics = append(topics, f.factType)
			}
		}
	}
	text := fmt.Sprintf("Nothing new about %s this %s.", b.UserId, map[string]string{"daily": "day", "weekly": "week"}[string(b.Period)])
	if len(texts) > 0 {
		text = fmt.Sprintf("About %s: %s.", b.UserId, strings.Join(texts, "; "))
	}
	st.dir.init()
	st.dir.consolidations[a.id] = append(st.dir.consolidations[a.id], gen.MemorySummary{
		SummaryId: st.nextID("summary"), AgentId: a.id, UserId: b.UserId, Stage: string(b.Period), Summary: text,
		Topics: topics, PeriodStart: from.UTC(), PeriodEnd: now.UTC(), CreatedAt: now.UTC(),
	})
	return fakeserver.ConsolidateMemory200JSONResponse{Success: true}, nil
}

func (h *api) ListSummaries(_ context.Context, req fakeserver.ListSummariesRequestObject) (fakeserver.ListSummariesResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	period := string(deref(req.Params.Period))
	var all []gen.MemorySummary
	if period == "" {
		for i, s := range a.summaries {
			all = append(all, gen.MemorySummary{
				SummaryId: fmt.Sprintf("summary_session_%d", i+1), AgentId: a.id, UserId: s.userID, SessionId: s.sessionID,
				Stage: "session", Summary: s.text, PeriodStart: s.at.UTC(), PeriodEnd: s.at.UTC(), CreatedAt: s.at.UTC(),
			})
		}
	}
	st.dir.init()
	for _, s := range st.dir.consolidations[a.id] {
		if period == "" || s.Stage == period {
			all = append(all, s)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].CreatedAt.After(all[j].CreatedAt) })
	if limit := limitOr(req.Params.Limit, 20); len(all) > limit {
		all = all[:limit]
	}
	return fakeserver.ListSummaries200JSONResponse{Summaries: list(all)}, nil
}

// parseTimelineDay reads a YYYY-MM-DD query parameter.
func parseTimelineDay(loc string, v *string, def time.Time) (time.Time, error) {
	if v == nil || *v == "" {
		return def, nil
	}
	t, err := time.Parse(time.DateOnly, *v)
	if err != nil {
		return time.Time{}, failAt(http.StatusUnprocessableEntity, loc, *v, "not a date (YYYY-MM-DD)")
	}
	return t, nil
}

func (h *api) GetMemoryTimeline(_ context.Context, req fakeserver.GetMemoryTimelineRequestObject) (fakeserver.GetMemoryTimelineResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	today := now.UTC().Truncate(24 * time.Hour)
	start, err := parseTimelineDay("query.start", p.Start, today.AddDate(0, 0, -30))
	if err != nil {
		return nil, err
	}
	end, err := parseTimelineDay("query.end", p.End, today)
	if err != nil {
		return nil, err
	}
	if end.Before(start) {
		return nil, failAt(http.StatusUnprocessableEntity, "query.end", deref(p.End), "the end is before the start")
	}
	end = end.AddDate(0, 0, 1)
	out := fakeserver.GetMemoryTimeline200JSONResponse{Sessions: []gen.TimelineSession{}}
	bySession := map[string]int{}
	for _, f := range a.facts {
		if p.UserId != nil && f.userID != *p.UserId || f.created.Before(start) || !f.created.Before(end) {
			continue
		}
		i, ok := bySession[f.sessionID]
		if !ok {
			i = len(out.Sessions)
			bySession[f.sessionID] = i
			out.Sessions = append(out.Sessions, gen.TimelineSession{SessionId: f.sessionID, Facts: []gen.AtomicFact{},
				FirstFactAt: rfc3339(f.created)})
		}
		s := &out.Sessions[i]
		s.Facts = append(s.Facts, st.memory.factToGen(a, f))
		s.FactCount++
		s.LastFactAt = rfc3339(f.created)
		out.TotalFacts++
	}
	return out, nil
}

// wisdomFact finds one of the agent's own facts (without a user).
func (a *agent) wisdomFact(id string) (*fact, int, error) {
	f, i, err := a.factByID(id)
	if err != nil || f.userID != "" {
		return nil, -1, fail(http.StatusNotFound, "wisdom fact %q not found", id)
	}
	return f, i, nil
}

func (h *api) GetWisdomAudit(_ context.Context, req fakeserver.GetWisdomAuditRequestObject) (fakeserver.GetWisdomAuditResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	f, _, err := a.wisdomFact(req.FactId)
	if err != nil {
		return nil, err
	}
	st.memory.init()
	g := st.memory.factToGen(a, f)
	sum := sha256.Sum256([]byte(strings.ToLower(f.text)))
	return fakeserver.GetWisdomAudit200JSONResponse{
		FactId: f.id, Content: f.text, SourceUserCount: 1, PromotionConfidence: g.Confidence,
		PromotedAt: rfc3339(f.created), TargetPath: "wisdom/" + f.factType,
		DerivedFromHashes: []string{hex.EncodeToString(sum[:8])},
	}, nil
}

func (h *api) DeleteWisdomFact(_ context.Context, req fakeserver.DeleteWisdomFactRequestObject) (fakeserver.DeleteWisdomFactResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	_, i, err := a.wisdomFact(req.FactId)
	if err != nil {
		return nil, err
	}
	a.facts = append(a.facts[:i], a.facts[i+1:]...)
	st.memory.init()
	st.memory.forget(req.FactId)
	return fakeserver.DeleteWisdomFact200JSONResponse{Success: true, FactId: req.FactId}, nil
}

func (h *api) ListUserConversations(_ context.Context, req fakeserver.ListUserConversationsRequestObject) (fakeserver.ListUserConversationsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	limit := limitOr(req.Params.Limit, 50)
	if limit > 200 {
		return nil, failAt(http.StatusUnprocessableEntity, "query.limit", limit, "at most 200 messages")
	}
	var msgs []gen.ConversationMessage
	for _, s := range st.sessions {
		if s.agentID != a.id || s.userID != req.UserId {
			continue
		}
		for _, t := range s.recent {
			at, _ := time.Parse(time.RFC3339Nano, t.Timestamp)
			msgs = append(msgs, gen.ConversationMessage{Role: t.Role, Content: t.Content, Timestamp: at.UTC(), SessionId: s.id})
		}
	}
	sort.SliceStable(msgs, func(i, j int) bool {
		if !msgs[i].Timestamp.Equal(msgs[j].Timestamp) {
			return msgs[i].Timestamp.After(msgs[j].Timestamp)
		}
		return msgs[i].SessionId < msgs[j].SessionId
	})
	if len(msgs) > limit {
		msgs = msgs[:limit]
	}
	return fakeserver.ListUserConversations200JSONResponse{Messages: list(msgs), Source: "memory_timeline"}, nil
}

func (h *api) ListUserFacts(_ context.Context, req fakeserver.ListUserFactsRequestObject) (fakeserver.ListUserFactsResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	p := req.Params
	limit := limitOr(p.Limit, 1000)
	if limit < 1 || limit > 5000 {
		return nil, failAt(http.StatusUnprocessableEntity, "query.limit", limit, "between 1 and 5000")
	}
	st.memory.init()
	filters := map[string]*string{
		"kind": p.MetadataKind, "item_type": p.MetadataItemType, "subject_relation": p.MetadataSubjectRelation,
		"temporal_relevance": p.MetadataTemporalRelevance, "sentiment": p.MetadataSentiment,
	}
	out := fakeserver.ListUserFacts200JSONResponse{Facts: []gen.StoredFact{}}
	for _, f := range a.facts {
		if f.userID != req.UserId {
			continue
		}
		meta := st.memory.extras[f.id].metadata
		if deref(p.HasMetadata) == "true" && len(meta) == 0 {
			continue
		}
		keep := true
		for key, want := range filters {
			if want != nil && *want != "" && fmt.Sprint(meta[key]) != *want {
				keep = false
			}
		}
		if !keep {
			continue
		}
		out.Total++
		if len(out.Facts) < limit {
			out.Facts = append(out.Facts, st.storedFact(a, f))
		}
	}
	return out, nil
}
