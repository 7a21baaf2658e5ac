package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// DiaryEntry is one day's entry of an agent's diary.
type DiaryEntry struct {
	// EntryID identifies the entry.
	EntryID string `json:"entry_id"`
	// AgentID is the agent that wrote it; UserID the user it is about, if
	// any.
	AgentID string `json:"agent_id"`
	UserID  string `json:"user_id"`
	// Date is the day it is for, as YYYY-MM-DD.
	Date string `json:"date"`
	// Title and Content are the entry; BodyLines is Content by line.
	Title     string   `json:"title"`
	Content   string   `json:"content"`
	BodyLines []string `json:"body_lines"`
	// Mood is how the agent felt writing it.
	Mood string `json:"mood"`
	// Tags and Topics classify it.
	Tags   []string `json:"tags"`
	Topics []string `json:"topics"`
	// TriggerType is what made the agent write it, e.g. an event type.
	TriggerType string `json:"trigger_type"`
	// CreatedAt is when it was written.
	CreatedAt time.Time `json:"created_at"`
}

// diaryAnswer is the wire shape of the answer: entries for a list, entry
// for one date.
type diaryAnswer struct {
	Entries []DiaryEntry `json:"entries"`
	Entry   *DiaryEntry  `json:"entry"`
}

// maxDiaryEntries is the most entries one List returns.
const maxDiaryEntries = 100

// DiaryListParams filters DiaryService.List. Every field is optional.
type DiaryListParams struct {
	// UserID keeps only the entries about this user.
	UserID string
	// InstanceID reads the diary of one agent instance; empty for the
	// default instance.
	InstanceID string
	// Limit is how many recent entries to return, 1 to 100; zero means
	// the server's default (30).
	Limit int
}

// List reads an agent's most recent diary entries, newest first.
func (s *DiaryService) List(ctx context.Context, agentID string, p DiaryListParams, opts ...Option) ([]DiaryEntry, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > maxDiaryEntries {
		return nil, invalid("DiaryListParams.Limit", fmt.Sprintf("%d is outside 1..%d (0 means the server's default)", p.Limit, maxDiaryEntries))
	}
	var limit string
	if p.Limit > 0 {
		limit = strconv.Itoa(p.Limit)
	}
	out, err := call[diaryAnswer](ctx, s.c, opts, "getDiary", func(server string) (*http.Request, error) {
		return gen.NewGetDiaryRequest(server, agentID, &gen.GetDiaryParams{
			Limit: optional(limit), UserId: optional(p.UserID), InstanceId: optional(p.InstanceID),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Entries, nil
}

// DiaryGetParams says which entry DiaryService.Get reads. Date is
// required.
type DiaryGetParams struct {
	// Date is the day to read; only its calendar date, in its own zone,
	// is sent. Required.
	Date time.Time
	// UserID reads the entry about this user.
	UserID string
	// InstanceID reads the diary of one agent instance; empty for the
	// default instance.
	InstanceID string
}

// Get reads an agent's diary entry for one day. It returns nil, and no
// error, when the agent wrote nothing that day.
func (s *DiaryService) Get(ctx context.Context, agentID string, p DiaryGetParams, opts ...Option) (*DiaryEntry, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if p.Date.IsZero() {
		return nil, invalid("DiaryGetParams.Date", "zero; say which day to read")
	}
	if err := sendableTime("DiaryGetParams.Date", p.Date); err != nil {
		return nil, err
	}
	out, err := call[diaryAnswer](ctx, s.c, opts, "getDiary", func(server string) (*http.Request, error) {
		return gen.NewGetDiaryRequest(server, agentID, &gen.GetDiaryParams{
			Date: Ptr(p.Date.Format(time.DateOnly)), UserId: optional(p.UserID), InstanceId: optional(p.InstanceID),
		})
	})
	if err != nil {
		return nil, err
	}
	if out.Entry == nil || out.Entry.EntryID == "" {
		return nil, nil
	}
	return out.Entry, nil
}
