package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// TimelineParams narrows MemoryService.Timeline. Every field is optional.
type TimelineParams struct {
	// UserID keeps only the facts about this user.
	UserID string
	// InstanceID is the agent instance; empty for the default instance.
	InstanceID string
	// Start and End bound the days read, both included; only their date
	// counts, in their own location. Zero Start means 30 days ago, zero
	// End today (the server's defaults).
	Start, End time.Time
}

func (p TimelineParams) validate() error {
	if err := sendableTime("TimelineParams.Start", p.Start); err != nil {
		return err
	}
	if err := sendableTime("TimelineParams.End", p.End); err != nil {
		return err
	}
	if !p.Start.IsZero() && !p.End.IsZero() && timelineDay(p.End) < timelineDay(p.Start) {
		return invalid("TimelineParams.End", fmt.Sprintf("%s is before Start (%s)", timelineDay(p.End), timelineDay(p.Start)))
	}
	return nil
}

// timelineDay formats t's date as the API's YYYY-MM-DD, or "" for the zero time.
func timelineDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Timeline is an agent's facts grouped by the session they were learned
// in.
type Timeline struct {
	// Sessions are the groups, oldest first.
	Sessions []TimelineSession `json:"sessions"`
	// TotalFacts counts the facts in all groups.
	TotalFacts int64 `json:"total_facts"`
}

// TimelineSession is the facts learned in one session (SessionID empty:
// facts written outside a session).
type TimelineSession struct {
	// SessionID is the session.
	SessionID string `json:"session_id"`
	// Facts are the facts, in the order learned; FactCount counts them.
	Facts     []AtomicFact `json:"facts"`
	FactCount int64        `json:"fact_count"`
	// FirstFactAt and LastFactAt are when the first and last were learned.
	FirstFactAt time.Time `json:"first_fact_at"`
	LastFactAt  time.Time `json:"last_fact_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *TimelineSession) UnmarshalJSON(b []byte) error {
	type plain TimelineSession
	return json.Unmarshal(b, &struct {
		*plain
		FirstFactAt serverTime `json:"first_fact_at"`
		LastFactAt  serverTime `json:"last_fact_at"`
	}{(*plain)(v), serverTime{&v.FirstFactAt}, serverTime{&v.LastFactAt}})
}

// Timeline reads an agent's facts over a span of days, grouped by session.
func (s *MemoryService) Timeline(ctx context.Context, agentID string, p TimelineParams, opts ...Option) (*Timeline, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return call[Timeline](ctx, s.c, opts, "getMemoryTimeline", func(server string) (*http.Request, error) {
		return gen.NewGetMemoryTimelineRequest(server, agentID, &gen.GetMemoryTimelineParams{
			UserId: optional(p.UserID), InstanceId: optional(p.InstanceID),
			Start: optional(timelineDay(p.Start)), End: optional(timelineDay(p.End)),
		})
	})
}

// ConversationMessage is one message of a user's history with an agent.
type ConversationMessage struct {
	// Role is "user" or "assistant".
	Role string `json:"role"`
	// Content is the message's text.
	Content string `json:"content"`
	// Timestamp is when it was said.
	Timestamp time.Time `json:"timestamp"`
	// SessionID is the session it belongs to.
	SessionID string `json:"session_id"`
}

// conversationList is the wire shape of listUserConversations' answer.
type conversationList struct {
	Messages []ConversationMessage `json:"messages"`
	Source   string                `json:"source"`
}

// UserConversationsParams bounds MemoryService.UserConversations.
type UserConversationsParams struct {
	// Limit is how many messages to return, newest first, up to 200; zero
	// means the server's default (50).
	Limit int
}

// UserConversations reads a user's history with an agent, newest first.
// The server rebuilds it from the agent's memory of each session; it is
// not a verbatim transcript.
func (s *MemoryService) UserConversations(ctx context.Context, agentID, userID string, p UserConversationsParams, opts ...Option) ([]ConversationMessage, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > 200 {
		return nil, invalid("UserConversationsParams.Limit", fmt.Sprintf("%d is outside 1..200 (0 means the server's default)", p.Limit))
	}
	out, err := call[conversationList](ctx, s.c, opts, "listUserConversations", func(server string) (*http.Request, error) {
		return gen.NewListUserConversationsRequest(server, agentID, userID, &gen.ListUserConversationsParams{Limit: optional(int64(p.Limit))})
	})
	if err != nil {
		return nil, err
	}
	return out.Messages, nil
}

// MaxUserFacts is the most facts one UserFacts call returns.
const MaxUserFacts = 5000

// UserFactListParams filters MemoryService.UserFacts. Every field is
// optional; the metadata filters match the facts' metadata fields.
type UserFactListParams struct {
	// InstanceID is the agent instance; empty for the default instance.
	InstanceID string
	// Limit is how many facts to return, 1 to MaxUserFacts; zero means the
	// server's default (1000).
	Limit int
	// WithMetadata keeps only the facts that carry metadata.
	WithMetadata bool
	// Kind keeps the facts whose metadata kind is this (inventory, role,
	// event, preference, relationship, identity, general).
	Kind string
	// ItemType keeps the facts whose metadata item_type is this.
	ItemType string
	// SubjectRelation keeps the facts whose metadata subject_relation is
	// this (owns, leads, participates, experienced, interested, wants,
	// mentions).
	SubjectRelation string
	// TemporalRelevance keeps the facts whose metadata temporal_relevance
	// is this (ongoing, past, future, recurring, one_time).
	TemporalRelevance string
	// Sentiment keeps the facts whose metadata sentiment is this
	// (positive, negative, neutral, mixed).
	Sentiment string
}

// userFactList is the wire shape of listUserFacts' answer.
type userFactList struct {
	Facts []StoredFact `json:"facts"`
	Total int64        `json:"total"`
}

// UserFactList is what MemoryService.UserFacts read.
type UserFactList struct {
	// Facts are the facts returned, at most the Limit asked for.
	Facts []StoredFact
	// Total counts every fact that matches, which is more than len(Facts)
	// when Limit cut the list.
	Total int64
}

// UserFacts lists the current facts (not the versions they replaced) an
// agent keeps about one user, as Memory.CreateFact, CreateFacts,
// extraction and priming wrote them. It does not page: Limit, up to
// MaxUserFacts, bounds the answer, and Total says how many matched.
func (s *MemoryService) UserFacts(ctx context.Context, agentID, userID string, p UserFactListParams, opts ...Option) (*UserFactList, error) {
	if err := requireIDs("agentID", agentID, "userID", userID); err != nil {
		return nil, err
	}
	if p.Limit < 0 || p.Limit > MaxUserFacts {
		return nil, invalid("UserFactListParams.Limit", fmt.Sprintf("%d is outside 1..%d (0 means the server's default)", p.Limit, MaxUserFacts))
	}
	params := &gen.ListUserFactsParams{
		InstanceId: optional(p.InstanceID), Limit: optional(int64(p.Limit)),
		MetadataKind: optional(p.Kind), MetadataItemType: optional(p.ItemType),
		MetadataSubjectRelation: optional(p.SubjectRelation), MetadataTemporalRelevance: optional(p.TemporalRelevance),
		MetadataSentiment: optional(p.Sentiment),
	}
	if p.WithMetadata {
		params.HasMetadata = optional("true")
	}
	out, err := call[userFactList](ctx, s.c, opts, "listUserFacts", func(server string) (*http.Request, error) {
		return gen.NewListUserFactsRequest(server, agentID, userID, params)
	})
	if err != nil {
		return nil, err
	}
	return &UserFactList{Facts: out.Facts, Total: out.Total}, nil
}
