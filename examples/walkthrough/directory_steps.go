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
// instance and the wisdom fact they create. agentID is read when a step
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
		{"priming.importUsers + waitImport", func(ctx context.Context) (string, error) {
			users := func(yield func(sonzai.ImportUser) bool) {
				for i := range 5 {
					if !yield(sonzai.ImportUser{UserID: fmt.Sprintf("walkthrough-import-%d", i), DisplayName: fmt.Sprintf("Imported %d", i)}) {
						return
					}
				}
			}
			imp, err := client.Priming.ImportUsers(ctx, *agentID, sonzai.UserImportParams{From: users, BatchSize: 2, Source: "walkthrough"})
			if err != nil {
				return "", err
			}
			var processed int64
			for _, id := range imp.JobIDs() {
				job, err := client.Priming.WaitImport(ctx, *agentID, id, sonzai.WithPollInterval(50*time.Millisecond, time.Second))
				if err != nil {
					return "", err
				}
				processed += job.ProcessedUsers
			}
			return fmt.Sprintf("%d users in %d batches, %d processed", imp.Users, len(imp.Batches), processed), nil
		}},
		{"priming.listImportJobs + listImportJobUsers + getImportStatus", func(ctx context.Context) (string, error) {
			jobs, err := client.Priming.ListImportJobs(ctx, *agentID, sonzai.ImportJobListParams{Limit: 5})
			if err != nil {
				return "", err
			}
			if len(jobs) == 0 {
				return "no jobs", nil
			}
			job, err := client.Priming.ImportStatus(ctx, *agentID, jobs[0].JobID)
			if err != nil {
				return "", err
			}
			ju, err := client.Priming.ListImportJobUsers(ctx, *agentID, job.JobID, sonzai.ImportJobUserListParams{Limit: 10})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d recent jobs; the last %s with %d user(s)", len(jobs), job.Status, len(ju)), nil
		}},
		{"priming.prime + waitPrime + addContent", func(ctx context.Context) (string, error) {
			res, err := client.Priming.Prime(ctx, *agentID, user, sonzai.PrimeParams{
				DisplayName: "Walk Through", Source: "walkthrough",
				Profile: sonzai.UserProfile{Company: "Example Co", Title: "Tester"},
				Content: []sonzai.ContentBlock{{Type: "text", Body: "I love sailing on weekends."}},
			})
			if err != nil {
				return "", err
			}
			if res.JobID != "" {
				if _, err := client.Priming.WaitPrime(ctx, *agentID, user, res.JobID, sonzai.WithPollInterval(50*time.Millisecond, time.Second)); err != nil {
					return "", err
				}
			}
			cj, err := client.Priming.AddContent(ctx, *agentID, user, sonzai.ContentAddParams{Content: []sonzai.ContentBlock{{Type: "text", Body: "I play chess."}}})
			if err != nil {
				return "", err
			}
			st, err := client.Priming.PrimeStatus(ctx, *agentID, user, cj.JobID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d facts at once; content job %s", res.FactsCreated, st.Status), nil
		}},
		{"priming.updateMetadata + metadata", func(ctx context.Context) (string, error) {
			if _, err := client.Priming.UpdateMetadata(ctx, *agentID, user, sonzai.UserMetadataUpdateParams{Title: sonzai.Ptr("Lead Tester")}); err != nil {
				return "", err
			}
			md, err := client.Priming.Metadata(ctx, *agentID, user)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s, %s at %s (%d facts)", md.DisplayName, md.Title, md.Company, md.FactsCount), nil
		}},
		{"users.list", func(ctx context.Context) (string, error) {
			n := 0
			for _, err := range client.Users.List(ctx, *agentID, sonzai.UserListParams{PageSize: 3}) {
				if err != nil {
					return "", err
				}
				n++
			}
			return fmt.Sprintf("%d users over pages of 3", n), nil
		}},
	}
}
