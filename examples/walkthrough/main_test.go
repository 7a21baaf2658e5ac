package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// wrapped are the operations package sonzai wraps by hand (the rest of the
// contract is reached through Client.Raw, which the walkthrough does not
// show).
var wrapped = []string{
	"listAgents", "createAgent", "getAgent", "deleteAgent", "startSession", "endSession", "setSessionTools",
	"getSessionEndStatus", "submitTurn", "getTurnStatus", "getContext", "processMessages", "chatWithAgent",
	"playgroundChat", "asyncChat", "asyncChatResult", "getMemoryTree", "searchMemories", "getPersonality",
	"getRecentShifts", "getSignificantMoments", "getMood", "listGoals", "listHabits", "getInterests",
	"getRelationships", "listNotifications", "consumeNotification", "getAgentModels",
}

// The walkthrough must exercise every operation sonzai wraps.
func TestWalkthroughCallsEveryOperation(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	t.Setenv("SONZAI_API_KEY", fake.APIKey())
	t.Setenv("SONZAI_BASE_URL", fake.URL())
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "all 29 steps passed") {
		t.Errorf("unexpected summary:\n%s", out.String())
	}
	contract, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range wrapped {
		if !regexp.MustCompile(`(?m)^\s+operationId: ` + op + `$`).Match(contract) {
			t.Errorf("%s is not an operation of openapi.yaml", op)
		}
		if fake.Requests(op) == 0 {
			t.Errorf("the walkthrough never called %s", op)
		}
	}
}

func TestWalkthroughWithoutAPIKey(t *testing.T) {
	t.Setenv("SONZAI_API_KEY", "")
	t.Setenv("SONZAI_BASE_URL", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
}

// A failing step stops the walk with an error naming the step.
func TestWalkthroughStopsAtTheFirstFailure(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	fake.Inject(sonzaitest.Fault{Operation: "getContext", Status: 404})
	t.Setenv("SONZAI_API_KEY", fake.APIKey())
	t.Setenv("SONZAI_BASE_URL", fake.URL())
	var out bytes.Buffer
	err := run(context.Background(), &out)
	if err == nil || !strings.Contains(err.Error(), "session.context") {
		t.Fatalf("got %v", err)
	}
	if fake.Requests("submitTurn") != 0 {
		t.Error("steps after the failure ran")
	}
	if fake.Requests("deleteAgent") != 1 {
		t.Error("the walkthrough did not clean up its agent after failing")
	}
}
