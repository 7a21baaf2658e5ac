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

// The walkthrough must exercise every operation sonzai wraps (the ones
// the fake gives behaviour to; the rest are reached through Client.Raw).
func TestWalkthroughCallsEveryOperation(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	t.Setenv("SONZAI_API_KEY", fake.APIKey())
	t.Setenv("SONZAI_BASE_URL", fake.URL())
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "all 39 steps passed") {
		t.Errorf("unexpected summary:\n%s", out.String())
	}
	contract, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range sonzaitest.Operations() {
		if !regexp.MustCompile(`(?m)^\s+operationId: ` + string(op) + `$`).Match(contract) {
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
	if err := fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpGetContext, Status: 404}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SONZAI_API_KEY", fake.APIKey())
	t.Setenv("SONZAI_BASE_URL", fake.URL())
	var out bytes.Buffer
	err := run(context.Background(), &out)
	if err == nil || !strings.Contains(err.Error(), "session.context") {
		t.Fatalf("got %v", err)
	}
	if fake.Requests(sonzaitest.OpSubmitTurn) != 0 {
		t.Error("steps after the failure ran")
	}
	if fake.Requests(sonzaitest.OpDeleteAgent) != 1 {
		t.Error("the walkthrough did not clean up its agent after failing")
	}
}
