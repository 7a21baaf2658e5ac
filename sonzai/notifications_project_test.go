package sonzai_test

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestProjectNotificationsInvalidInputSendsNothing(t *testing.T) {
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"History agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.History(ctx, "", sonzai.NotificationHistoryParams{}))
		}},
		{"History limit", "NotificationHistoryParams.Limit", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.History(ctx, "a1", sonzai.NotificationHistoryParams{Limit: 501}))
		}},
		{"ListForProject project", "projectID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.ListForProject(ctx, "", sonzai.ProjectNotificationListParams{}))
		}},
		{"ListForProject limit", "ProjectNotificationListParams.Limit", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.ListForProject(ctx, "p1", sonzai.ProjectNotificationListParams{Limit: 201}))
		}},
		{"AcknowledgeForProject none", "ProjectNotificationAcknowledgeParams.NotificationIDs", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.AcknowledgeForProject(ctx, "p1", sonzai.ProjectNotificationAcknowledgeParams{}))
		}},
		{"AcknowledgeForProject empty id", "ProjectNotificationAcknowledgeParams.NotificationIDs[1]", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.AcknowledgeForProject(ctx, "p1", sonzai.ProjectNotificationAcknowledgeParams{NotificationIDs: []string{"n1", " "}}))
		}},
		{"AcknowledgeForProject project", "projectID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.AcknowledgeForProject(ctx, "..", sonzai.ProjectNotificationAcknowledgeParams{NotificationIDs: []string{"n1"}}))
		}},
		{"AcknowledgeAllForProject project", "projectID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Notifications.AcknowledgeAllForProject(ctx, "", sonzai.ProjectNotificationAcknowledgeAllParams{}))
		}},
	})
}
