package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// NotificationListParams filters a list of notifications. Every field is
// optional.
type NotificationListParams struct {
	// Status keeps only notifications in this state, e.g. "pending".
	Status string
	// UserID keeps only notifications for this user.
	UserID string
	// Limit is how many notifications to return, 1 to 500; zero means the
	// server's default (50).
	Limit int
}

// Notification is a proactive message the agent wants delivered to a user.
type Notification struct {
	// MessageID identifies the notification; pass it to Consume once it is
	// delivered.
	MessageID string `json:"message_id"`
	// AgentID is the agent that wrote it.
	AgentID string `json:"agent_id"`
	// UserID is the user to deliver it to.
	UserID string `json:"user_id"`
	// WakeupID is the scheduled wake-up that produced it, if any.
	WakeupID string `json:"wakeup_id"`
	// CheckType is the kind of outreach, e.g. a check-in or a follow-up.
	CheckType string `json:"check_type"`
	// Intent is what the message is meant to achieve.
	Intent string `json:"intent"`
	// GeneratedMessage is the text to deliver.
	GeneratedMessage string `json:"generated_message"`
	// Status is where the notification is, e.g. "pending" or "consumed".
	Status string `json:"status"`
	// CreatedAt is when it was written.
	CreatedAt time.Time `json:"created_at"`
	// ConsumedAt is when it was consumed; zero until then.
	ConsumedAt time.Time `json:"consumed_at"`
}

// UnmarshalJSON reads the timestamps the server formats itself leniently:
// one that is not a time is left zero rather than failing the answer.
func (v *Notification) UnmarshalJSON(b []byte) error {
	type plain Notification
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt  serverTime `json:"created_at"`
		ConsumedAt serverTime `json:"consumed_at"`
	}{(*plain)(v), serverTime{&v.CreatedAt}, serverTime{&v.ConsumedAt}})
}

// notificationList is the wire shape of the list answer.
type notificationList struct {
	Notifications []Notification `json:"notifications"`
}

// NotificationPending is the status of a notification not yet delivered.
const NotificationPending = "pending"

func (p NotificationListParams) validate() error {
	if p.Limit < 0 || p.Limit > 500 {
		return invalid("NotificationListParams.Limit", fmt.Sprintf("%d is outside 1..500 (0 means the server's default)", p.Limit))
	}
	return nil
}

// List lists the proactive messages an agent wants delivered.
func (s *NotificationsService) List(ctx context.Context, agentID string, p NotificationListParams, opts ...Option) ([]Notification, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[notificationList](ctx, s.c, opts, "listNotifications", func(server string) (*http.Request, error) {
		return gen.NewListNotificationsRequest(server, agentID, &gen.ListNotificationsParams{
			Status: optional(p.Status),
			UserId: optional(p.UserID),
			Limit:  optional(int64(p.Limit)),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Notifications, nil
}

// Consume marks a notification as delivered, so it is no longer pending.
// Call it after the message reached the user. It is a POST: it is retried
// only on 429 (the server did not act), never after a failure that may
// have consumed it.
func (s *NotificationsService) Consume(ctx context.Context, agentID, messageID string, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := requireID("messageID", messageID); err != nil {
		return err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return err
	}
	req, err := gen.NewConsumeNotificationRequest(ep.server, agentID, messageID)
	var out struct {
		Success bool `json:"success"`
	}
	if _, err := ep.doJSON(ctx, "consumeNotification", req, err, &out); err != nil {
		return err
	}
	if !out.Success {
		return fmt.Errorf("sonzai: consumeNotification: the server answered success=false for %q", messageID)
	}
	return nil
}

// Pending yields the agent's pending notifications: those of List with
// Status "pending", unless p sets another status. It sends one request,
// when the loop starts, and returns at most p.Limit notifications (the
// server's default when zero).
//
// Pending does not consume anything: the caller delivers each notification
// and then calls Consume with its MessageID; one left unconsumed is
// yielded again by the next call. An error is yielded once, with a zero
// Notification, and ends the iteration:
//
//	for n, err := range client.Notifications.Pending(ctx, agentID, sonzai.NotificationListParams{}) {
//		if err != nil {
//			return err
//		}
//		if err := deliver(n.UserID, n.GeneratedMessage); err != nil {
//			continue // still pending; the next call yields it again
//		}
//		if err := client.Notifications.Consume(ctx, agentID, n.MessageID); err != nil {
//			return err
//		}
//	}
func (s *NotificationsService) Pending(ctx context.Context, agentID string, p NotificationListParams, opts ...Option) iter.Seq2[Notification, error] {
	return func(yield func(Notification, error) bool) {
		if p.Status == "" {
			p.Status = NotificationPending
		}
		list, err := s.List(ctx, agentID, p, opts...)
		if err != nil {
			yield(Notification{}, err)
			return
		}
		for _, n := range list {
			if !yield(n, nil) {
				return
			}
		}
	}
}
