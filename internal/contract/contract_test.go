package contract_test

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sonzai-oss/sonzai-go/gen/spec"
)

const contractPath = "../../openapi.yaml"

// covered is the set of operations the SDK promises: operationId → "METHOD path".
var covered = map[string]string{
	"startSession":          "POST /agents/{agentId}/sessions/start",
	"endSession":            "POST /agents/{agentId}/sessions/end",
	"setSessionTools":       "PUT /agents/{agentId}/sessions/{sessionId}/tools",
	"getSessionEndStatus":   "GET /sessions/end/status/{processingId}",
	"submitTurn":            "POST /agents/{agentId}/sessions/{sessionId}/turn",
	"getTurnStatus":         "GET /agents/{agentId}/turns/{extractionId}/status",
	"getContext":            "GET /agents/{agentId}/context",
	"processMessages":       "POST /agents/{agentId}/process",
	"chatWithAgent":         "POST /agents/{agentId}/chat",
	"playgroundChat":        "POST /agents/{agentId}/playground/chat",
	"asyncChat":             "POST /agents/{agentId}/chat/async",
	"asyncChatResult":       "GET /agents/{agentId}/chat/result/{processingId}",
	"getMemoryTree":         "GET /agents/{agentId}/memory",
	"searchMemories":        "GET /agents/{agentId}/memory/search",
	"getPersonality":        "GET /agents/{agentId}/personality",
	"getRecentShifts":       "GET /agents/{agentId}/personality/recent-shifts",
	"getSignificantMoments": "GET /agents/{agentId}/personality/significant-moments",
	"getMood":               "GET /agents/{agentId}/mood",
	"listGoals":             "GET /agents/{agentId}/goals",
	"listHabits":            "GET /agents/{agentId}/habits",
	"getInterests":          "GET /agents/{agentId}/interests",
	"getRelationships":      "GET /agents/{agentId}/relationships",
	"listNotifications":     "GET /agents/{agentId}/notifications",
	"consumeNotification":   "POST /agents/{agentId}/notifications/{messageId}/consume",
	"getAgentModels":        "GET /agents/{agentId}/models",
	"createAgent":           "POST /agents",
	"listAgents":            "GET /agents",
	"getAgent":              "GET /agents/{agentId}",
	"deleteAgent":           "DELETE /agents/{agentId}",
}

func loadContract(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(contractPath)
	if err != nil {
		t.Fatalf("load %s: %v", contractPath, err)
	}
	return doc
}

func TestContractIsValidOpenAPI31(t *testing.T) {
	doc := loadContract(t)
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	if got := doc.Servers[0].URL; got != "https://api.sonz.ai/api/v1" {
		t.Errorf("server URL = %q, want https://api.sonz.ai/api/v1", got)
	}
	scheme := doc.Components.SecuritySchemes["apiKey"]
	if scheme == nil || scheme.Value.Type != "http" || scheme.Value.Scheme != "bearer" {
		t.Errorf("security scheme apiKey must be HTTP bearer, got %+v", scheme)
	}
	if len(doc.Security) != 1 || doc.Security[0]["apiKey"] == nil {
		t.Errorf("every operation must require the apiKey scheme, global security is %v", doc.Security)
	}
}

func TestContractCoversExactlyThePromisedOperations(t *testing.T) {
	doc := loadContract(t)
	got := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
				continue
			}
			got[op.OperationID] = method + " " + path
		}
	}
	for id, want := range covered {
		if got[id] != want {
			t.Errorf("operation %s: got %q, want %q", id, got[id], want)
		}
	}
	for id, where := range got {
		if _, ok := covered[id]; !ok {
			t.Errorf("operation %s (%s) is in the contract but not in the promised list", id, where)
		}
	}
}

// The server rejects the read-only $schema property in requests, so no
// request body may describe it.
func TestRequestBodiesLeaveOutSchemaProperty(t *testing.T) {
	doc := loadContract(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			for ct, mt := range op.RequestBody.Value.Content {
				seen := map[*openapi3.Schema]bool{}
				if where := findProperty(mt.Schema, "$schema", "body", seen); where != "" {
					t.Errorf("%s %s (%s): request body describes %s", method, path, ct, where)
				}
			}
		}
	}
}

func findProperty(ref *openapi3.SchemaRef, name, at string, seen map[*openapi3.Schema]bool) string {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return ""
	}
	s := ref.Value
	seen[s] = true
	for prop, sub := range s.Properties {
		if prop == name {
			return at + "." + prop
		}
		if where := findProperty(sub, name, at+"."+prop, seen); where != "" {
			return where
		}
	}
	return findProperty(s.Items, name, at+"[]", seen)
}

func TestErrorsAreProblemJSON(t *testing.T) {
	doc := loadContract(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "asyncChat" {
				// The server publishes only 200 and 202 for this operation.
				continue
			}
			def := op.Responses.Default()
			if def == nil || def.Value.Content.Get("application/problem+json") == nil {
				t.Errorf("%s %s: default response must be application/problem+json", method, path)
			}
		}
	}
}

func TestChatOperationsStreamSSEWithSessionHeader(t *testing.T) {
	doc := loadContract(t)
	for _, path := range []string{"/agents/{agentId}/chat", "/agents/{agentId}/playground/chat"} {
		ok := doc.Paths.Value(path).Post.Responses.Status(200)
		if ok == nil {
			t.Fatalf("POST %s: no 200 response", path)
		}
		mt := ok.Value.Content.Get("text/event-stream")
		if mt == nil {
			t.Errorf("POST %s: 200 is not text/event-stream", path)
		} else if !strings.HasSuffix(mt.Schema.Ref, "/ChatSSEChunk") {
			t.Errorf("POST %s: stream schema is %q, want ChatSSEChunk", path, mt.Schema.Ref)
		}
		if ok.Value.Headers["X-Session-ID"] == nil {
			t.Errorf("POST %s: 200 does not declare the X-Session-ID header", path)
		}
	}
}

func TestSeedEnumsArePresent(t *testing.T) {
	doc := loadContract(t)
	want := map[string][]string{
		"ExtractionState": {"queued", "running", "done", "failed"},
		"SessionEndState": {"pending", "processing", "done", "failed"},
		"AsyncChatStatus": {"queued", "running", "complete", "failed"},
	}
	for name, values := range want {
		s := doc.Components.Schemas[name]
		if s == nil {
			t.Errorf("schema %s missing", name)
			continue
		}
		var got []string
		for _, v := range s.Value.Enum {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, values) {
			t.Errorf("schema %s enum = %v, want %v", name, got, values)
		}
	}
}

// The fake server validates against the embedded copy, so it must be the
// same document as openapi.yaml (check-generated guards the bytes; this
// guards the meaning).
func TestEmbeddedSpecMatchesContract(t *testing.T) {
	embedded, err := spec.GetSpec()
	if err != nil {
		t.Fatalf("GetSpec: %v", err)
	}
	if err := embedded.Validate(context.Background()); err != nil {
		t.Fatalf("embedded spec does not validate: %v", err)
	}
	want, _ := json.Marshal(loadContract(t))
	got, _ := json.Marshal(embedded)
	if string(want) != string(got) {
		t.Fatal("gen/spec embeds a different contract than openapi.yaml: run go generate ./...")
	}
	var ids []string
	for _, item := range embedded.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	sort.Strings(ids)
	if len(ids) != len(covered) {
		t.Fatalf("embedded spec has %d operations, want %d", len(ids), len(covered))
	}
}
