package sonzai_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewUsersListHasMoreWithoutCursor: a page that says more users
// follow (has_more) but carries no next_cursor used to end the iteration
// without an error, so the caller took a truncated list for the whole one.
func TestReviewUsersListHasMoreWithoutCursor(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"users":[{"user_id":"u1"}],"has_more":true,"next_cursor":""}`)
	}))
	var users []string
	var errs []error
	for u, err := range c.Users.List(context.Background(), "agent-1", sonzai.UserListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		users = append(users, u.UserID)
	}
	if len(users) != 1 || len(errs) != 1 {
		t.Fatalf("users %v, errors %v: want the page's user, then one error saying the list stopped short", users, errs)
	}
	if got := n.total.Load(); got != 1 {
		t.Errorf("%d requests, want 1", got)
	}
	// A last page (has_more false) still ends quietly.
	c2, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"users":[{"user_id":"u1"}],"has_more":false,"next_cursor":""}`)
	}))
	for _, err := range c2.Users.List(context.Background(), "agent-1", sonzai.UserListParams{}) {
		if err != nil {
			t.Errorf("last page: %v", err)
		}
	}
}
