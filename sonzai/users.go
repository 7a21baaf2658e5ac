package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// User is a user an agent knows: one it talked with, or one imported or
// primed through PrimingService.
type User struct {
	// UserID identifies the user.
	UserID string `json:"user_id"`
	// Role is the user's role with the agent.
	Role string `json:"role"`
	// DisplayName is what the user is called.
	DisplayName string `json:"display_name"`
	// CreatedAt is when the agent first knew the user; LastInteractionAt
	// when they last met. Zero when the server does not say.
	CreatedAt         time.Time `json:"created_at"`
	LastInteractionAt time.Time `json:"last_interaction_at"`
	// Contact is the user's email, phone and custom fields.
	Contact UserContact `json:"metadata"`
	// Mood is the agent's mood toward the user, nil when it has none.
	Mood *Mood `json:"mood"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *User) UnmarshalJSON(b []byte) error {
	type plain User
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt         serverTime `json:"created_at"`
		LastInteractionAt serverTime `json:"last_interaction_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}, serverTime{&v.LastInteractionAt}})
}

// UserContact is how to reach a user, as imported or primed.
type UserContact struct {
	Email string `json:"email"`
	Phone string `json:"phone"`
	// Custom holds the caller's own fields.
	Custom map[string]string `json:"custom"`
}

// UserPage is one page of UsersService.ListPage.
type UserPage struct {
	// Users are this page's users, ordered by UserID.
	Users []User `json:"users"`
	// HasMore is true when another page follows; NextCursor is where it
	// starts.
	HasMore    bool   `json:"has_more"`
	NextCursor string `json:"next_cursor"`
}

// UserListParams pages UsersService.List. Every field is optional.
type UserListParams struct {
	// PageSize is how many users a page holds, 1 to 500; zero means the
	// server's default (100).
	PageSize int
	// Cursor is the NextCursor of the previous page; empty for the first.
	Cursor string
}

// maxUserPages bounds List, so a server that never stops paging cannot
// keep a caller looping forever.
const maxUserPages = 100_000

func (p UserListParams) validate() error {
	if p.PageSize < 0 || p.PageSize > 500 {
		return invalid("UserListParams.PageSize", fmt.Sprintf("%d is outside 1..500 (0 means the server's default)", p.PageSize))
	}
	return nil
}

// ListPage reads one page of the users an agent knows. Pass the page's
// NextCursor as Cursor to read the next one, while HasMore is true; List
// does that for you.
func (s *UsersService) ListPage(ctx context.Context, agentID string, p UserListParams, opts ...Option) (*UserPage, error) {
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
	return s.listPage(ctx, ep, agentID, p)
}

func (s *UsersService) listPage(ctx context.Context, ep *endpoint, agentID string, p UserListParams) (*UserPage, error) {
	req, err := gen.NewListUsersRequest(ep.server, agentID, &gen.ListUsersParams{
		PageSize: optional(int64(p.PageSize)), Cursor: optional(p.Cursor),
	})
	out := new(UserPage)
	if _, err := ep.doJSON(ctx, "listUsers", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// List returns every user an agent knows, ordered by UserID, following
// the pages' cursors. It is lazy: nothing is sent until the loop starts,
// and each page is one request, sent when the previous page's users have
// all been yielded, so breaking out of the loop stops the fetching.
// p.Cursor, when set, is where the walk starts.
//
// An error (a failed request, a server that repeats a cursor or says more
// users follow without a cursor, or more than 100,000 pages) is yielded once, with a zero User, and ends the
// iteration.
func (s *UsersService) List(ctx context.Context, agentID string, p UserListParams, opts ...Option) iter.Seq2[User, error] {
	return func(yield func(User, error) bool) {
		if err := requireID("agentID", agentID); err != nil {
			yield(User{}, err)
			return
		}
		if err := p.validate(); err != nil {
			yield(User{}, err)
			return
		}
		ep, err := s.c.endpointFor(opts)
		if err != nil {
			yield(User{}, err)
			return
		}
		walkPages("listUsers", p.Cursor, maxUserPages, func(cursor string) (cursorPage[User], error) {
			p.Cursor = cursor
			page, err := s.listPage(ctx, ep, agentID, p)
			if err != nil {
				return cursorPage[User]{}, err
			}
			return cursorPage[User]{items: page.Users, next: page.NextCursor, more: page.HasMore}, nil
		}, yield)
	}
}
