package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// memorySteps write and correct facts and keep custom states for the
// walkthrough's agent, then erase what they wrote. agentID is read when a
// step runs, after agents.create set it.
func memorySteps(client *sonzai.Client, agentID *string, user string) []struct {
	name string
	f    func(ctx context.Context) (string, error)
} {
	var fact *sonzai.AtomicFact
	var state *sonzai.CustomState
	type cart struct {
		Items []string `json:"items"`
	}
	cartKey := sonzai.CustomStateKey{Key: "cart", Scope: sonzai.CustomStateScopeUser, UserID: user}
	return []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		{"memory.createFact", func(ctx context.Context) (string, error) {
			var err error
			fact, err = client.Memory.CreateFact(ctx, *agentID, sonzai.FactCreateParams{UserID: user, Content: "The user has a cat named Miso."})
			if err != nil {
				return "", err
			}
			return "fact " + fact.FactID, nil
		}},
		{"memory.createFacts", func(ctx context.Context) (string, error) {
			res, err := client.Memory.CreateFacts(ctx, *agentID, sonzai.FactBulkCreateParams{UserID: user, BatchSize: 2, Facts: []sonzai.FactCreateParams{
				{Content: "The user plays tennis on Sundays."}, {Content: "The user is learning Italian."}, {Content: "The user's favourite tea is sencha."},
			}})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d facts in batches of 2", res.Created), nil
		}},
		{"memory.listFacts", func(ctx context.Context) (string, error) {
			n := 0
			for _, err := range client.Memory.ListFacts(ctx, *agentID, sonzai.FactListParams{UserID: user, Limit: 2}) {
				if err != nil {
					return "", err
				}
				n++
			}
			return fmt.Sprintf("%d facts over pages of 2", n), nil
		}},
		{"memory.updateFact + factHistory", func(ctx context.Context) (string, error) {
			if _, err := client.Memory.UpdateFact(ctx, *agentID, fact.FactID, sonzai.FactUpdateParams{Content: sonzai.Ptr("The user has two cats, Miso and Tofu.")}); err != nil {
				return "", err
			}
			h, err := client.Memory.FactHistory(ctx, *agentID, fact.FactID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%q, %d earlier version(s)", h.Current.AtomicText, len(h.PreviousVersions)), nil
		}},
		{"memory.deleteFact", func(ctx context.Context) (string, error) {
			return "deleted " + fact.FactID, client.Memory.DeleteFact(ctx, *agentID, fact.FactID)
		}},
		{"customStates.upsertByKey + getByKey", func(ctx context.Context) (string, error) {
			if _, err := sonzai.UpsertCustomState(ctx, client.CustomStates, *agentID, cartKey, cart{Items: []string{"tea", "cups"}}); err != nil {
				return "", err
			}
			c, _, err := sonzai.GetCustomState[cart](ctx, client.CustomStates, *agentID, cartKey)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("cart %v", c.Items), nil
		}},
		{"customStates.create + list", func(ctx context.Context) (string, error) {
			var err error
			state, err = client.CustomStates.Create(ctx, *agentID, sonzai.CustomStateCreateParams{
				CustomStateKey: sonzai.CustomStateKey{Key: "motd"}, Value: "Welcome back!",
			})
			if err != nil {
				return "", err
			}
			all, err := client.CustomStates.List(ctx, *agentID, sonzai.CustomStateListParams{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d states", len(all)), nil
		}},
		{"customStates.update", func(ctx context.Context) (string, error) {
			s, err := client.CustomStates.Update(ctx, *agentID, state.StateID, sonzai.CustomStateUpdateParams{Value: "Good to see you!"})
			if err != nil {
				return "", err
			}
			return "value " + string(s.Value), nil
		}},
		{"customStates.delete + deleteByKey", func(ctx context.Context) (string, error) {
			if err := client.CustomStates.Delete(ctx, *agentID, state.StateID); err != nil {
				return "", err
			}
			if err := client.CustomStates.DeleteByKey(ctx, *agentID, cartKey); err != nil {
				return "", err
			}
			left, err := client.CustomStates.List(ctx, *agentID, sonzai.CustomStateListParams{})
			if err == nil && len(left) != 0 {
				err = errors.New("states are left after deleting them")
			}
			return "both deleted", err
		}},
		{"memory.resetMemory", func(ctx context.Context) (string, error) {
			res, err := client.Memory.ResetMemory(ctx, *agentID, sonzai.MemoryResetParams{UserID: user})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d facts, %d nodes erased", res.FactsDeleted, res.NodesDeleted), nil
		}},
	}
}
