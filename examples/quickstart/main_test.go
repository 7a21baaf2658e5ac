package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

// The quickstart with no API key runs against its own embedded fake.
func TestQuickstartWithoutAPIKey(t *testing.T) {
	t.Setenv("SONZAI_API_KEY", "")
	t.Setenv("SONZAI_BASE_URL", "")
	t.Setenv("SONZAI_AGENT_ID", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"embedded fake Sonzai server",
		"session sess_",
		"extraction done",
		"agent: ",
		"session ended",
		"hiking",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// With a key it talks to whatever SONZAI_BASE_URL names, here a fake this
// test owns, creating and deleting its own agent.
func TestQuickstartWithAPIKeyCreatesAndDeletesAnAgent(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	t.Setenv("SONZAI_API_KEY", fake.APIKey())
	t.Setenv("SONZAI_BASE_URL", fake.URL())
	t.Setenv("SONZAI_AGENT_ID", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "embedded fake") {
		t.Error("with a key set the quickstart must not start its own fake")
	}
	for _, op := range []sonzaitest.Operation{
		sonzaitest.OpCreateAgent, sonzaitest.OpStartSession, sonzaitest.OpGetContext, sonzaitest.OpSubmitTurn,
		sonzaitest.OpGetTurnStatus, sonzaitest.OpChatWithAgent, sonzaitest.OpEndSession, sonzaitest.OpDeleteAgent,
	} {
		if fake.Requests(op) == 0 {
			t.Errorf("the quickstart never called %s", op)
		}
	}
}
