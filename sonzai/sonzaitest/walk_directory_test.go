package sonzaitest

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// walkDirectorySetup creates what the walk's instance, wisdom, import and
// priming operations find: an instance each for the delete and for the
// other calls (the walk deletes before it reads), two wisdom facts (the
// agent's own) for the same reason, an import job and a primed user.
func walkDirectorySetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	var inst []string
	for _, name := range []string{"walk-delete", "walk-keep"} {
		in, err := c.Instances.Create(ctx, DemoAgentID, sonzai.InstanceCreateParams{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		inst = append(inst, in.InstanceID)
	}
	var wisdom []string
	for _, text := range []string{"Walk wisdom to delete.", "Walk wisdom to audit."} {
		f, err := c.Memory.CreateFact(ctx, DemoAgentID, sonzai.FactCreateParams{Content: text})
		if err != nil {
			t.Fatal(err)
		}
		wisdom = append(wisdom, f.FactID)
	}
	imp, err := c.Priming.ImportUsers(ctx, DemoAgentID, sonzai.UserImportParams{Users: []sonzai.ImportUser{{UserID: "walk-imported"}}})
	if err != nil {
		t.Fatal(err)
	}
	prime, err := c.Priming.Prime(ctx, DemoAgentID, "walk-user", sonzai.PrimeParams{DisplayName: "Walker"})
	if err != nil {
		t.Fatal(err)
	}
	return walkIDs{
		"getImportStatus":    {"jobId": imp.Batches[0].JobID},
		"listImportJobUsers": {"jobId": imp.Batches[0].JobID},
		"getPrimeStatus":     {"jobId": prime.JobID, "userId": "walk-user"},
		"getUserMetadata":    {"userId": "walk-user"},
		"deleteInstance":     {"instanceId": inst[0]},
		"getInstance":        {"instanceId": inst[1]},
		"updateInstance":     {"instanceId": inst[1]},
		"resetInstance":      {"instanceId": inst[1]},
		"deleteWisdomFact":   {"factId": wisdom[0]},
		"getWisdomAudit":     {"factId": wisdom[1]},
	}
}
