package sonzai_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const notificationsJSON = `{
	"$schema": "https://api.sonz.ai/schemas/NotificationList.json",
	"notifications": [
		{"message_id": "msg_1", "agent_id": "a1", "user_id": "user-123", "wakeup_id": "wk_1",
		 "check_type": "follow_up", "intent": "ask about the trip", "generated_message": "How was Kyoto?",
		 "status": "pending", "created_at": "2026-03-04T05:06:07Z", "consumed_at": "2026-03-04T06:00:00Z"},
		{"message_id": "msg_2", "agent_id": "a1", "user_id": "user-456", "check_type": "check_in",
		 "generated_message": "Good morning!", "status": "pending", "created_at": "2026-03-04T07:00:00Z"}
	]}`

func TestNotificationsList(t *testing.T) {
	c, _ := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/My%20Agent%2Fv2/notifications",
		query: url.Values{"status": {"consumed"}, "user_id": {"user-123"}, "limit": {"500"}}}, 200, notificationsJSON)
	got, err := c.Notifications.List(context.Background(), "My Agent/v2", sonzai.NotificationListParams{
		Status: "consumed", UserID: "user-123", Limit: 500,
	})
	mustSucceed(t, err)
	want := []sonzai.Notification{
		{MessageID: "msg_1", AgentID: "a1", UserID: "user-123", WakeupID: "wk_1", CheckType: "follow_up",
			Intent: "ask about the trip", GeneratedMessage: "How was Kyoto?", Status: "pending",
			CreatedAt: wireTime(t, "2026-03-04T05:06:07Z"), ConsumedAt: wireTime(t, "2026-03-04T06:00:00Z")},
		{MessageID: "msg_2", AgentID: "a1", UserID: "user-456", CheckType: "check_in",
			GeneratedMessage: "Good morning!", Status: "pending", CreatedAt: wireTime(t, "2026-03-04T07:00:00Z")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List =\n  %+v\nwant\n  %+v", got, want)
	}
	requireAllSet(t, "Notification", got[0])

	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/notifications"}, 200, `{"notifications": null}`)
	got, err = c.Notifications.List(context.Background(), "a1", sonzai.NotificationListParams{})
	mustSucceed(t, err)
	if got != nil {
		t.Errorf("null list = %+v", got)
	}
}

func TestNotificationsConsume(t *testing.T) {
	c, n := serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/notifications/msg%2F1%20x/consume"}, 200,
		`{"$schema": "https://api.sonz.ai/schemas/SuccessResult.json", "success": true}`)
	mustSucceed(t, c.Notifications.Consume(context.Background(), "a1", "msg/1 x"))
	if n.total.Load() != 1 {
		t.Errorf("%d requests, want 1", n.total.Load())
	}

	// A 200 that says it did not succeed is not a success.
	c, _ = serveCall(t, wantCall{method: "POST", path: "/api/v1/agents/a1/notifications/m1/consume"}, 200, `{"success": false}`)
	if err := c.Notifications.Consume(context.Background(), "a1", "m1"); err == nil || !strings.Contains(err.Error(), "success=false") {
		t.Errorf("success=false: err = %v", err)
	}
}

func TestNotificationsConsumeRetries(t *testing.T) {
	// 500: the server may have consumed it; a POST is not sent again.
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 500, "boom")
	}))
	if err := c.Notifications.Consume(context.Background(), "a1", "m1"); !errors.Is(err, sonzai.ErrServer) {
		t.Errorf("err = %v, want ErrServer", err)
	}
	if n.total.Load() != 1 {
		t.Errorf("consume after a 500 sent %d times, want 1", n.total.Load())
	}

	// 429: the server did not act, so the pipeline retries.
	var m counter
	c, _ = newTestServer(t, m.wrap(func(w http.ResponseWriter, r *http.Request) {
		if m.total.Load() == 1 {
			writeProblem(w, 429, "slow down")
			return
		}
		writeRaw(w, 200, `{"success": true}`)
	}))
	mustSucceed(t, c.Notifications.Consume(context.Background(), "a1", "m1"))
	if m.total.Load() != 2 {
		t.Errorf("consume after a 429: %d requests, want 2", m.total.Load())
	}
}

func TestNotificationsPending(t *testing.T) {
	c, n := serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/notifications",
		query: url.Values{"status": {"pending"}, "user_id": {"user-123"}, "limit": {"10"}}}, 200, notificationsJSON)
	seq := c.Notifications.Pending(context.Background(), "a1", sonzai.NotificationListParams{UserID: "user-123", Limit: 10})
	if n.total.Load() != 0 {
		t.Fatalf("Pending sent a request before the loop started")
	}
	var ids []string
	for notif, err := range seq {
		mustSucceed(t, err)
		ids = append(ids, notif.MessageID)
	}
	if !reflect.DeepEqual(ids, []string{"msg_1", "msg_2"}) || n.total.Load() != 1 {
		t.Errorf("ids %v after %d requests", ids, n.total.Load())
	}
	for range seq {
		break
	}
	if n.total.Load() != 2 {
		t.Errorf("each loop sends one request; %d in total, want 2", n.total.Load())
	}

	// A status the caller sets wins.
	c, _ = serveCall(t, wantCall{method: "GET", path: "/api/v1/agents/a1/notifications",
		query: url.Values{"status": {"failed"}}}, 200, notificationsJSON)
	for _, err := range c.Notifications.Pending(context.Background(), "a1", sonzai.NotificationListParams{Status: "failed"}) {
		mustSucceed(t, err)
	}
}

func TestNotificationsPendingYieldsErrorOnce(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 403, "key may not read notifications")
	}))
	var errs []error
	got := 0
	for notif, err := range c.Notifications.Pending(context.Background(), "a1", sonzai.NotificationListParams{}) {
		got++
		if err != nil {
			errs = append(errs, err)
		} else {
			t.Errorf("unexpected notification %+v", notif)
		}
	}
	if got != 1 || len(errs) != 1 || !errors.Is(errs[0], sonzai.ErrForbidden) {
		t.Errorf("%d yields, errors %v; want exactly one ErrForbidden", got, errs)
	}
}

func TestNotificationsDeliverThenConsume(t *testing.T) {
	// The documented loop: list pending, deliver, consume each.
	var (
		mu       sync.Mutex
		consumed []string
		n        counter
	)
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "GET" && r.URL.Path == "/api/v1/agents/a1/notifications":
			writeRaw(w, 200, notificationsJSON)
		case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/consume"):
			mu.Lock()
			consumed = append(consumed, strings.Split(r.URL.Path, "/")[6])
			mu.Unlock()
			writeRaw(w, 200, `{"success": true}`)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
			writeProblem(w, 404, "no route")
		}
	}))
	ctx := context.Background()
	for notif, err := range c.Notifications.Pending(ctx, "a1", sonzai.NotificationListParams{}) {
		mustSucceed(t, err)
		mustSucceed(t, c.Notifications.Consume(ctx, "a1", notif.MessageID))
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(consumed, []string{"msg_1", "msg_2"}) {
		t.Errorf("consumed %v", consumed)
	}
}
