package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// lifeSteps schedule recurring check-ins, read and acknowledge project
// notifications, keep an inventory, update the personality and read its
// overlays, edit the constellation, tell the agent about a backend event,
// read its diary and run a dialogue, then remove what they created.
// agentID is read when a step runs, after agents.create set it.
func lifeSteps(client *sonzai.Client, agentID *string, user string) []struct {
	name string
	f    func(ctx context.Context) (string, error)
} {
	var (
		sched   *sonzai.ScheduleCreated
		project string
		item    *sonzai.InventoryWriteResult
		node    *sonzai.ConstellationNode
	)
	return []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		{"schedules.create", func(ctx context.Context) (string, error) {
			tokyo, err := time.LoadLocation("Asia/Tokyo")
			if err != nil {
				tokyo = time.UTC // no zone database: the walk goes on in UTC
			}
			sched, err = client.Schedules.Create(ctx, *agentID, user, sonzai.ScheduleCreateParams{
				Cadence:      sonzai.ScheduleCadence{Cron: "0 9 * * 1-5", Location: tokyo},
				ActiveWindow: &sonzai.ScheduleActiveWindow{Hours: &sonzai.ScheduleHours{Start: 8, End: 20}},
				Intent:       "ask how the hike planning is going", CheckType: "check_in",
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("schedule %s, first at %s", sched.ScheduleID, sched.NextFireAt.Format(time.RFC3339)), nil
		}},
		{"schedules.get + list", func(ctx context.Context) (string, error) {
			s, err := client.Schedules.Get(ctx, *agentID, user, sched.ScheduleID)
			if err != nil {
				return "", err
			}
			all, err := client.Schedules.List(ctx, *agentID, user)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s cadence in %s, %d schedule(s)", s.CadenceType, s.Timezone, len(all)), nil
		}},
		{"schedules.update + upcoming", func(ctx context.Context) (string, error) {
			if _, err := client.Schedules.Update(ctx, *agentID, user, sched.ScheduleID, sonzai.ScheduleUpdateParams{
				Intent: sonzai.Ptr("ask about the weekend hike"),
			}); err != nil {
				return "", err
			}
			next, err := client.Schedules.Upcoming(ctx, *agentID, user, sched.ScheduleID, sonzai.ScheduleUpcomingParams{Limit: 3})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("next %d fire times", len(next)), nil
		}},
		{"schedules.delete", func(ctx context.Context) (string, error) {
			return "deleted " + sched.ScheduleID, client.Schedules.Delete(ctx, *agentID, user, sched.ScheduleID)
		}},
		{"notifications.history", func(ctx context.Context) (string, error) {
			all, err := client.Notifications.History(ctx, *agentID, sonzai.NotificationHistoryParams{Limit: 20})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d notification(s) in the history", len(all)), nil
		}},
		{"notifications.listForProject + acknowledge", func(ctx context.Context) (string, error) {
			// Only this agent's notifications: on a real project, the
			// others belong to someone else.
			a, err := client.Agents.Get(ctx, *agentID)
			if err != nil {
				return "", err
			}
			project = a.ProjectID
			pending, err := client.Notifications.ListForProject(ctx, project, sonzai.ProjectNotificationListParams{AgentID: *agentID})
			if err != nil {
				return "", err
			}
			ids := []string{"walkthrough-none"} // acknowledges nothing when none is pending
			if len(pending) > 0 {
				ids = ids[:0]
				for _, n := range pending {
					ids = append(ids, n.NotificationID)
				}
			}
			n, err := client.Notifications.AcknowledgeForProject(ctx, project, sonzai.ProjectNotificationAcknowledgeParams{NotificationIDs: ids})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d pending, %d acknowledged", len(pending), n), nil
		}},
		{"notifications.acknowledgeAllForProject", func(ctx context.Context) (string, error) {
			n, err := client.Notifications.AcknowledgeAllForProject(ctx, project, sonzai.ProjectNotificationAcknowledgeAllParams{AgentID: *agentID})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d acknowledged", n), nil
		}},
		{"inventory.createItem + update", func(ctx context.Context) (string, error) {
			var err error
			item, err = client.Inventory.CreateItem(ctx, *agentID, user, sonzai.InventoryItemCreateParams{
				ItemType: "hiking_gear", Label: "trekking poles", Properties: map[string]any{"quantity": 2},
			})
			if err != nil {
				return "", err
			}
			if _, err := client.Inventory.Update(ctx, *agentID, user, sonzai.InventoryUpdateParams{
				Action: sonzai.InventoryAdd, ItemType: "hiking_gear", Label: "rain jacket", Properties: map[string]any{"quantity": 1},
			}); err != nil {
				return "", err
			}
			return "item " + item.FactID + ", " + item.Status, nil
		}},
		{"inventory.import", func(ctx context.Context) (string, error) {
			res, err := client.Inventory.Import(ctx, *agentID, user, sonzai.InventoryImportParams{BatchSize: 2, Items: []sonzai.InventoryImportItem{
				{ItemType: "hiking_gear", Label: "headlamp"}, {ItemType: "hiking_gear", Label: "water filter"}, {ItemType: "map", Label: "Kumano Kodo"},
			}})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d added in %d batches", res.Added, res.Batches), nil
		}},
		{"inventory.list + query", func(ctx context.Context) (string, error) {
			n := 0
			for _, err := range client.Inventory.List(ctx, *agentID, user, sonzai.InventoryQueryParams{Limit: 2}) {
				if err != nil {
					return "", err
				}
				n++
			}
			agg, err := client.Inventory.Query(ctx, *agentID, user, sonzai.InventoryQueryParams{Mode: sonzai.InventoryAggregate, Aggregations: []string{"count"}, GroupBy: "item_type"})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d items over pages of 2, %d group(s)", n, len(agg.Groups)), nil
		}},
		{"inventory.updateItem + deleteItem", func(ctx context.Context) (string, error) {
			changed, err := client.Inventory.UpdateItem(ctx, *agentID, user, item.FactID, sonzai.InventoryItemUpdateParams{Properties: map[string]any{"quantity": 3}})
			if err != nil {
				return "", err
			}
			if _, err := client.Inventory.DeleteItem(ctx, *agentID, user, changed.FactID, sonzai.InventoryItemDeleteParams{}); err != nil {
				return "", err
			}
			// Clear the rest: every item the walkthrough added.
			removed := 1
			for it, err := range client.Inventory.List(ctx, *agentID, user, sonzai.InventoryQueryParams{}) {
				if err != nil {
					return "", err
				}
				if _, err := client.Inventory.DeleteItem(ctx, *agentID, user, it.FactID, sonzai.InventoryItemDeleteParams{}); err != nil {
					return "", err
				}
				removed++
			}
			return fmt.Sprintf("%d items removed", removed), nil
		}},
		{"personality.getMany + update", func(ctx context.Context) (string, error) {
			many, err := client.Personality.GetMany(ctx, sonzai.PersonalityGetManyParams{AgentIDs: []string{*agentID}})
			if err != nil {
				return "", err
			}
			if err := client.Personality.Update(ctx, *agentID, sonzai.PersonalityUpdateParams{Big5: &sonzai.Big5Scores{
				Openness: 0.8, Conscientiousness: 0.6, Extraversion: 0.7, Agreeableness: 0.9, Neuroticism: 0.2,
			}}); err != nil {
				return "", err
			}
			return fmt.Sprintf("%d profile(s) read, Big Five replaced", len(many)), nil
		}},
		{"insights.userOverlays + userOverlay", func(ctx context.Context) (string, error) {
			overlays, err := client.Insights.UserOverlays(ctx, *agentID)
			if err != nil {
				return "", err
			}
			if len(overlays) == 0 {
				return "no overlay yet", nil
			}
			d, err := client.Insights.UserOverlay(ctx, *agentID, overlays[0].UserID, sonzai.UserOverlayParams{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d overlay(s); %s's has %d change(s)", len(overlays), d.Overlay.UserID, len(d.Evolution)), nil
		}},
		{"insights.timeMachine", func(ctx context.Context) (string, error) {
			tm, err := client.Insights.TimeMachine(ctx, *agentID, sonzai.TimeMachineParams{At: time.Now().Add(-time.Minute)})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("openness then %.2f, now %.2f", tm.PersonalityAt.Openness.Score, tm.CurrentPersonality.Openness.Score), nil
		}},
		{"constellation.createNode + get", func(ctx context.Context) (string, error) {
			var err error
			node, err = client.Constellation.CreateNode(ctx, *agentID, sonzai.ConstellationNodeCreateParams{
				Label: "Kumano Kodo", Description: "The pilgrimage trail the user is planning", UserID: user, Significance: sonzai.Ptr(0.8),
			})
			if err != nil {
				return "", err
			}
			g, err := client.Constellation.Get(ctx, *agentID, sonzai.ConstellationParams{UserID: user})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("node %s; %d node(s), %d edge(s)", node.NodeID, len(g.Nodes), len(g.Edges)), nil
		}},
		{"constellation.updateNode + deleteNode", func(ctx context.Context) (string, error) {
			if _, err := client.Constellation.UpdateNode(ctx, *agentID, node.NodeID, sonzai.ConstellationNodeUpdateParams{Significance: sonzai.Ptr(0.9)}); err != nil {
				return "", err
			}
			return "deleted " + node.NodeID, client.Constellation.DeleteNode(ctx, *agentID, node.NodeID)
		}},
		{"events.trigger", func(ctx context.Context) (string, error) {
			acc, err := client.Events.Trigger(ctx, *agentID, sonzai.EventTriggerParams{
				UserID: user, EventType: sonzai.BackendEventMilestone, Description: "finished the first stage of the Kumano Kodo",
				Metadata: map[string]string{"milestone_type": "trail_stage"},
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("event %s accepted: %v", acc.EventID, acc.Accepted), nil
		}},
		{"diary.list + get", func(ctx context.Context) (string, error) {
			entries, err := client.Diary.List(ctx, *agentID, sonzai.DiaryListParams{Limit: 5})
			if err != nil {
				return "", err
			}
			today, err := client.Diary.Get(ctx, *agentID, sonzai.DiaryGetParams{Date: time.Now()})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d recent entries, one for today: %v (the event's is written in the background)", len(entries), today != nil), nil
		}},
		{"dialogue.reply", func(ctx context.Context) (string, error) {
			r, err := client.Dialogue.Reply(ctx, *agentID, sonzai.DialogueParams{
				UserID: user, SceneGuidance: "A quick chat at the trailhead.",
				Messages: []sonzai.DialogueMessage{{Role: sonzai.RoleUser, Content: "Any tips for tomorrow's stage?", Time: time.Now()}},
			})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d characters", len(r.Response)), nil
		}},
	}
}
