package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

type dirStep = struct {
	name string
	f    func(ctx context.Context) (string, error)
}

// directorySteps walk the walkthrough agent's instances, the rest of its
// memory (consolidation, summaries, timeline, wisdom, a user's facts and
// conversations), its users, and imports and priming; they delete the
// instance and the wisdom fact they create. agentID is read when a dirStep
// runs, after agents.create set it.
func directorySteps(client *sonzai.Client, agentID *string, user string) []dirStep {
	var (
		instance *sonzai.Instance
		wisdom   *sonzai.AtomicFact
	)
	return []dirStep{
		{"instances.create + list + get", func(ctx context.Context) (string, error) {
			var err error
			instance, err = client.Instances.Create(ctx, *agentID, sonzai.InstanceCreateParams{Name: "walkthrough", Description: "A separate memory space"})
			if err != nil {
				return "", err
			}
			list, err := client.Instances.List(ctx, *agentID)
			if err != nil {
				return "", err
			}
			got, err := client.Instances.Get(ctx, *agentID, instance.InstanceID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d instances; %s is %s", len(list), got.Name, got.Status), nil
		}},
		{"instances.update + reset + delete", func(ctx context.Context) (string, error) {
			up, err := client.Instances.Update(ctx, *agentID, instance.InstanceID, sonzai.InstanceUpdateParams{Status: sonzai.Ptr(sonzai.InstanceArchived)})
			if err != nil {
				return "", err
			}
			reset, err := client.Instances.Reset(ctx, *agentID, instance.InstanceID)
			if err != nil {
				return "", err
			}
			if err := client.Instances.Delete(ctx, *agentID, instance.InstanceID); err != nil {
				return "", err
			}
			return fmt.Sprintf("archived (%s), reset (%d facts erased, %s again), deleted", up.Status, reset.FactsDeleted, reset.Instance.Status), nil
		}},
		{"memory.userFacts + timeline", func(ctx context.Context) (string, error) {
			facts, err := client.Memory.UserFacts(ctx, *agentID, user, sonzai.UserFactListParams{Limit: 100})
			if err != nil {
				return "", err
			}
			tl, err := client.Memory.Timeline(ctx, *agentID, sonzai.TimelineParams{UserID: user, Start: time.Now().AddDate(0, 0, -7)})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d facts about the user; %d facts over %d session(s) this week", facts.Total, tl.TotalFacts, len(tl.Sessions)), nil
		}},
		{"memory.consolidate + summaries", func(ctx context.Context) (string, error) {
			if err := client.Memory.Consolidate(ctx, *agentID, sonzai.MemoryConsolidateParams{Period: sonzai.SummaryDaily, UserID: user}); err != nil {
				return "", err
			}
			sums, err := client.Memory.Summaries(ctx, *agentID, sonzai.SummaryListParams{Limit: 5})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d summaries", len(sums)), nil
		}},
		{"memory.userConversations", func(ctx context.Context) (string, error) {
			msgs, err := client.Memory.UserConversations(ctx, *agentID, user, sonzai.UserConversationsParams{Limit: 20})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d messages", len(msgs)), nil
		}},
		{"memory.wisdomAudit + deleteWisdomFact", func(ctx context.Context) (string, error) {
			var err error
			wisdom, err = client.Memory.CreateFact(ctx, *agentID, sonzai.FactCreateParams{Content: "People open up on long walks."})
			if err != nil {
				return "", err
			}
			audit, err := client.Memory.WisdomAudit(ctx, *agentID, wisdom.FactID)
			var apiErr *sonzai.APIError
			switch {
			case errors.As(err, &apiErr) && apiErr.StatusCode == 404:
				// The real API promotes a fact to wisdom on its own schedule.
				audit = &sonzai.WisdomAudit{}
			case err != nil:
				return "", err
			}
			err = client.Memory.DeleteWisdomFact(ctx, *agentID, wisdom.FactID)
			if errors.As(err, &apiErr) && apiErr.StatusCode == 404 {
				err = client.Memory.DeleteFact(ctx, *agentID, wisdom.FactID)
			}
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("learned from %d user(s); deleted", audit.SourceUserCount), nil
		}},
	}
}
