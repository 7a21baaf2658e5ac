package sonzaitest

import (
	"encoding/json"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestProjectNotificationsFlow: raised notifications are pending until
// acknowledged, one by one or all at once, and the filters apply.
func TestProjectNotificationsFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	first := h.fake.NotifyProject(ProjectEvent{EventType: "proactive_message", AgentID: DemoAgentID, UserID: "u1", Payload: map[string]any{"text": "hi"}})
	h.fake.NotifyProject(ProjectEvent{EventType: "proactive_message", AgentID: "other-agent"})
	h.fake.NotifyProject(ProjectEvent{EventType: "session_end", AgentID: DemoAgentID})
	h.fake.NotifyProject(ProjectEvent{ProjectID: "another-project", EventType: "session_end"})

	all, err := c.Notifications.ListForProject(ctx, ProjectID, sonzai.ProjectNotificationListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].NotificationID != first || all[0].Status != sonzai.ProjectNotificationPending ||
		all[0].ProjectID != ProjectID || all[0].UserID != "u1" || all[0].CreatedAt.IsZero() {
		t.Fatalf("ListForProject = %+v", all)
	}
	var payload struct{ Text string }
	if err := json.Unmarshal(all[0].Payload, &payload); err != nil || payload.Text != "hi" {
		t.Errorf("payload %s: %v", all[0].Payload, err)
	}
	mine, err := c.Notifications.ListForProject(ctx, ProjectID, sonzai.ProjectNotificationListParams{AgentID: DemoAgentID, EventType: "session_end", Limit: 5})
	if err != nil || len(mine) != 1 {
		t.Errorf("filtered = %+v, %v", mine, err)
	}

	n, err := c.Notifications.AcknowledgeForProject(ctx, ProjectID, sonzai.ProjectNotificationAcknowledgeParams{NotificationIDs: []string{first, "unknown"}})
	if err != nil || n != 1 {
		t.Errorf("AcknowledgeForProject = %d, %v; want 1", n, err)
	}
	if n, err := c.Notifications.AcknowledgeForProject(ctx, ProjectID, sonzai.ProjectNotificationAcknowledgeParams{NotificationIDs: []string{first}}); err != nil || n != 0 {
		t.Errorf("acknowledging again = %d, %v; want 0", n, err)
	}
	left, err := c.Notifications.ListForProject(ctx, ProjectID, sonzai.ProjectNotificationListParams{})
	if err != nil || len(left) != 2 {
		t.Fatalf("after acknowledging one: %+v, %v", left, err)
	}
	for _, l := range left {
		if l.NotificationID == first {
			t.Error("the acknowledged notification is still pending")
		}
	}
	n, err = c.Notifications.AcknowledgeAllForProject(ctx, ProjectID, sonzai.ProjectNotificationAcknowledgeAllParams{AgentID: DemoAgentID})
	if err != nil || n != 1 {
		t.Errorf("AcknowledgeAllForProject(agent) = %d, %v; want 1", n, err)
	}
	n, err = c.Notifications.AcknowledgeAllForProject(ctx, ProjectID, sonzai.ProjectNotificationAcknowledgeAllParams{})
	if err != nil || n != 1 {
		t.Errorf("AcknowledgeAllForProject = %d, %v; want 1", n, err)
	}
	if left, err := c.Notifications.ListForProject(ctx, ProjectID, sonzai.ProjectNotificationListParams{}); err != nil || len(left) != 0 {
		t.Errorf("after acknowledging all: %+v, %v", left, err)
	}
	if other, err := c.Notifications.ListForProject(ctx, "another-project", sonzai.ProjectNotificationListParams{}); err != nil || len(other) != 1 {
		t.Errorf("the other project's = %+v, %v", other, err)
	}
}

// TestNotificationHistoryFlow: the history keeps consumed notifications,
// which the pending list drops.
func TestNotificationHistoryFlow(t *testing.T) {
	h := newHarness(t)
	ctx := ctxT(t)
	c := h.client
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "u-hist", Messages: []sonzai.Message{sonzai.UserMessage("Please remind me to call mom tomorrow.")},
	}); err != nil {
		t.Fatal(err)
	}
	pending, err := c.Notifications.List(ctx, DemoAgentID, sonzai.NotificationListParams{UserID: "u-hist", Status: sonzai.NotificationPending})
	if err != nil || len(pending) == 0 {
		t.Fatalf("pending = %+v, %v", pending, err)
	}
	if err := c.Notifications.Consume(ctx, DemoAgentID, pending[0].MessageID); err != nil {
		t.Fatal(err)
	}
	hist, err := c.Notifications.History(ctx, DemoAgentID, sonzai.NotificationHistoryParams{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range hist {
		if n.MessageID == pending[0].MessageID {
			found = n.Status == "consumed" && !n.ConsumedAt.IsZero()
		}
	}
	if !found {
		t.Errorf("History = %+v, want the consumed notification", hist)
	}
	if _, err := c.Notifications.History(ctx, "no-such-agent", sonzai.NotificationHistoryParams{}); err == nil {
		t.Error("History of an unknown agent succeeded")
	}
}
