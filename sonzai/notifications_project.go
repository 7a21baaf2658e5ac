package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// NotificationHistoryParams sizes NotificationsService.History.
type NotificationHistoryParams struct {
	// Limit is how many notifications to return, 1 to 500; zero means the
	// server's default (50).
	Limit int
}

func (p NotificationHistoryParams) validate() error {
	if p.Limit < 0 || p.Limit > 500 {
		return invalid("NotificationHistoryParams.Limit", fmt.Sprintf("%d is outside 1..500 (0 means the server's default)", p.Limit))
	}
	return nil
}

// History lists every proactive message an agent wrote, whatever its
// status: pending, consumed and the rest (List reads the pending ones).
func (s *NotificationsService) History(ctx context.Context, agentID string, p NotificationHistoryParams, opts ...Option) ([]Notification, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[notificationList](ctx, s.c, opts, "getNotificationHistory", func(server string) (*http.Request, error) {
		return gen.NewGetNotificationHistoryRequest(server, agentID, &gen.GetNotificationHistoryParams{Limit: optional(int64(p.Limit))})
	})
	if err != nil {
		return nil, err
	}
	return out.Notifications, nil
}

// ProjectNotificationStatus is where a project notification is. The
// contract leaves the set open; the constant is the status the pending
// list holds.
type ProjectNotificationStatus string

// ProjectNotificationPending is a notification not acknowledged yet.
const ProjectNotificationPending ProjectNotificationStatus = "pending"

// ProjectNotification is an event a project has to pick up, such as an
// agent's proactive message, kept until the project acknowledges it.
type ProjectNotification struct {
	// NotificationID identifies it; pass it to AcknowledgeForProject.
	NotificationID string `json:"notification_id"`
	// ProjectID is the project it belongs to.
	ProjectID string `json:"project_id"`
	// AgentID and UserID say which agent and user it concerns, if any.
	AgentID string `json:"agent_id"`
	UserID  string `json:"user_id"`
	// EventType says what happened.
	EventType string `json:"event_type"`
	// Payload is the event's data, as the server sent it.
	Payload json.RawMessage `json:"payload"`
	// Status is where it is, e.g. ProjectNotificationPending.
	Status ProjectNotificationStatus `json:"status"`
	// CreatedAt is when it was raised; ExpiresAt when it lapses (zero if
	// never); AcknowledgedAt when it was acknowledged (zero until then).
	CreatedAt      time.Time `json:"created_at"`
	ExpiresAt      time.Time `json:"expires_at"`
	AcknowledgedAt time.Time `json:"acknowledged_at"`
}

// projectNotificationList and acknowledged are the wire shapes of the
// answers.
type projectNotificationList struct {
	Notifications []ProjectNotification `json:"notifications"`
	Count         int64                 `json:"count"`
}

type acknowledged struct {
	Acknowledged int64 `json:"acknowledged"`
}

// ProjectNotificationListParams filters NotificationsService.ListForProject.
// Every field is optional.
type ProjectNotificationListParams struct {
	// AgentID keeps only the notifications about this agent.
	AgentID string
	// EventType keeps only the notifications of this type.
	EventType string
	// Limit is how many to return, 1 to 200; zero means the server's
	// default (50).
	Limit int
}

func (p ProjectNotificationListParams) validate() error {
	if p.Limit < 0 || p.Limit > 200 {
		return invalid("ProjectNotificationListParams.Limit", fmt.Sprintf("%d is outside 1..200 (0 means the server's default)", p.Limit))
	}
	return nil
}

// ListForProject lists a project's pending notifications, oldest first.
// An acknowledged notification is no longer listed.
func (s *NotificationsService) ListForProject(ctx context.Context, projectID string, p ProjectNotificationListParams, opts ...Option) ([]ProjectNotification, error) {
	if err := requireID("projectID", projectID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[projectNotificationList](ctx, s.c, opts, "listProjectNotifications", func(server string) (*http.Request, error) {
		return gen.NewListProjectNotificationsRequest(server, projectID, &gen.ListProjectNotificationsParams{
			AgentId: optional(p.AgentID), EventType: optional(p.EventType), Limit: optional(int64(p.Limit)),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.Notifications, nil
}

// ProjectNotificationAcknowledgeParams names the notifications
// NotificationsService.AcknowledgeForProject acknowledges.
type ProjectNotificationAcknowledgeParams struct {
	// NotificationIDs are the notifications to acknowledge, at least one.
	NotificationIDs []string
}

func (p ProjectNotificationAcknowledgeParams) validate() error {
	const at = "ProjectNotificationAcknowledgeParams.NotificationIDs"
	if len(p.NotificationIDs) == 0 {
		return invalid(at, "empty; name at least one notification (AcknowledgeAllForProject acknowledges every one)")
	}
	for i, id := range p.NotificationIDs {
		if strings.TrimSpace(id) == "" {
			return invalid(fmt.Sprintf("%s[%d]", at, i), "empty")
		}
	}
	return nil
}

// AcknowledgeForProject marks notifications as delivered, so they leave
// the pending list, and returns how many it acknowledged (ids already
// acknowledged or unknown are not counted). It is a POST, retried only
// when the server provably did not act on it; acknowledging again is
// harmless.
func (s *NotificationsService) AcknowledgeForProject(ctx context.Context, projectID string, p ProjectNotificationAcknowledgeParams, opts ...Option) (int64, error) {
	if err := requireID("projectID", projectID); err != nil {
		return 0, err
	}
	if err := p.validate(); err != nil {
		return 0, err
	}
	out, err := call[acknowledged](ctx, s.c, opts, "acknowledgeProjectNotifications", func(server string) (*http.Request, error) {
		return gen.NewAcknowledgeProjectNotificationsRequest(server, projectID, gen.AcknowledgeProjectNotificationsInputBody{NotificationIds: p.NotificationIDs})
	})
	if err != nil {
		return 0, err
	}
	return out.Acknowledged, nil
}

// ProjectNotificationAcknowledgeAllParams narrows
// NotificationsService.AcknowledgeAllForProject. Every field is optional:
// the zero value acknowledges every pending notification of the project.
type ProjectNotificationAcknowledgeAllParams struct {
	// AgentID acknowledges only the notifications about this agent.
	AgentID string
	// EventType acknowledges only the notifications of this type.
	EventType string
}

// AcknowledgeAllForProject marks every pending notification of a project
// that p matches as delivered and returns how many it acknowledged. It is
// a POST, retried only when the server provably did not act on it.
func (s *NotificationsService) AcknowledgeAllForProject(ctx context.Context, projectID string, p ProjectNotificationAcknowledgeAllParams, opts ...Option) (int64, error) {
	if err := requireID("projectID", projectID); err != nil {
		return 0, err
	}
	out, err := call[acknowledged](ctx, s.c, opts, "acknowledgeAllProjectNotifications", func(server string) (*http.Request, error) {
		return gen.NewAcknowledgeAllProjectNotificationsRequest(server, projectID, &gen.AcknowledgeAllProjectNotificationsParams{
			AgentId: optional(p.AgentID), EventType: optional(p.EventType),
		})
	})
	if err != nil {
		return 0, err
	}
	return out.Acknowledged, nil
}
