package sonzai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// SummaryPeriod is the span a consolidation summarizes.
type SummaryPeriod string

// The consolidation periods.
const (
	SummaryDaily  SummaryPeriod = "daily"
	SummaryWeekly SummaryPeriod = "weekly"
)

func (p SummaryPeriod) check(field string, allowEmpty bool) error {
	switch p {
	case SummaryDaily, SummaryWeekly:
		return nil
	case "":
		if allowEmpty {
			return nil
		}
		return invalid(field, "empty; use SummaryDaily or SummaryWeekly")
	}
	return invalid(field, fmt.Sprintf("%q is not a period; use SummaryDaily or SummaryWeekly", string(p)))
}

// MemoryConsolidateParams says what MemoryService.Consolidate summarizes.
// Both fields are required.
type MemoryConsolidateParams struct {
	// Period is the span to consolidate: daily or weekly.
	Period SummaryPeriod
	// UserID is the user whose memories are consolidated.
	UserID string
}

// Consolidate asks the server to consolidate an agent's memories of one
// user over a day or a week: it writes a summary, which Summaries then
// lists. It is a POST, retried only when the server provably did not act
// on it; after a 5xx, a timeout or a lost connection it may have run,
// which Summaries tells.
func (s *MemoryService) Consolidate(ctx context.Context, agentID string, p MemoryConsolidateParams, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := p.Period.check("MemoryConsolidateParams.Period", false); err != nil {
		return err
	}
	if strings.TrimSpace(p.UserID) == "" {
		return invalid("MemoryConsolidateParams.UserID", "empty; say whose memories to consolidate")
	}
	var out consolidationResult
	err := callInto(ctx, s.c, opts, "consolidateMemory", func(server string) (*http.Request, error) {
		return gen.NewConsolidateMemoryRequest(server, agentID, gen.TriggerConsolidationInputBody{
			Period: gen.TriggerConsolidationInputBodyPeriod(p.Period), UserId: p.UserID,
		})
	}, &out)
	if err == nil && !out.Success {
		err = errors.New("sonzai: consolidateMemory: the server answered without success")
	}
	return err
}

// consolidationResult is the wire shape of consolidateMemory's answer.
type consolidationResult struct {
	Success bool `json:"success"`
}

// MemorySummary is a summary the agent wrote of its memories: of one
// session, or of a day or a week once consolidated.
type MemorySummary struct {
	// SummaryID identifies the summary.
	SummaryID string `json:"summary_id"`
	// AgentID is the agent, UserID the user it is about (empty for the
	// agent's own), SessionID the session it summarizes, if one.
	AgentID   string `json:"agent_id"`
	UserID    string `json:"user_id"`
	SessionID string `json:"session_id"`
	// Stage is what it summarizes: a session, or a consolidation period
	// ("daily", "weekly").
	Stage string `json:"stage"`
	// Summary is the text.
	Summary string `json:"summary"`
	// Topics are the subjects it covers.
	Topics []string `json:"topics"`
	// PeriodStart and PeriodEnd bound the span summarized.
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	// CreatedAt is when the summary was written.
	CreatedAt time.Time `json:"created_at"`
}

// summaryList is the wire shape of listSummaries' answer.
type summaryList struct {
	Summaries []MemorySummary `json:"summaries"`
}

// MaxSummaryLimit is the most summaries one Memory.Summaries call may ask
// for: the API documents 1 to 100.
const MaxSummaryLimit = 100

// SummaryListParams filters MemoryService.Summaries. Every field is
// optional.
type SummaryListParams struct {
	// Period keeps only the daily or the weekly summaries; empty lists
	// every kind.
	Period SummaryPeriod
	// Limit is how many summaries to return, newest first, at most
	// MaxSummaryLimit; zero means the server's default (20).
	Limit int
}

// Summaries lists the summaries of an agent's memories, newest first.
func (s *MemoryService) Summaries(ctx context.Context, agentID string, p SummaryListParams, opts ...Option) ([]MemorySummary, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.Period.check("SummaryListParams.Period", true); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > MaxSummaryLimit {
		return nil, invalid("SummaryListParams.Limit", fmt.Sprintf("%d is outside 0..%d, the API's range (0 means the server's default)", p.Limit, MaxSummaryLimit))
	}
	params := &gen.ListSummariesParams{Limit: optional(int64(p.Limit))}
	if p.Period != "" {
		period := gen.ListSummariesParamsPeriod(p.Period)
		params.Period = &period
	}
	out, err := call[summaryList](ctx, s.c, opts, "listSummaries", func(server string) (*http.Request, error) {
		return gen.NewListSummariesRequest(server, agentID, params)
	})
	if err != nil {
		return nil, err
	}
	return out.Summaries, nil
}
