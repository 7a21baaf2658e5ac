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

// apiKeyOperations is how many operations the server's published spec lets
// a project API key call, all of which the contract covers
// (scripts/synccontract selects them; docs/dashboard-only.md lists the
// rest). A sync that changes the number changes it here too: a change of
// coverage deserves a reviewer's look.
const apiKeyOperations = 388

// wrapped are the operations sonzai/ wraps by hand: operationId → "METHOD
// path". They must stay where sonzai/ expects them.
var wrapped = map[string]string{
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

// operations returns every operation of doc by operationId, failing the
// test on a missing or repeated id.
func operations(t *testing.T, doc *openapi3.T) map[string]*openapi3.Operation {
	t.Helper()
	ops := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			switch {
			case op.OperationID == "":
				t.Errorf("%s %s has no operationId", method, path)
			case ops[op.OperationID] != nil:
				t.Errorf("operationId %s is used twice", op.OperationID)
			}
			ops[op.OperationID] = op
		}
	}
	return ops
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
	if len(doc.Components.SecuritySchemes) != 1 {
		t.Errorf("security schemes = %d, want only apiKey (the SDK sends nothing else)", len(doc.Components.SecuritySchemes))
	}
	if len(doc.Security) != 1 || doc.Security[0]["apiKey"] == nil {
		t.Errorf("every operation must require the apiKey scheme, global security is %v", doc.Security)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Security != nil {
				t.Errorf("%s %s overrides the global apiKey security with %v", method, path, *op.Security)
			}
		}
	}
}

func TestContractCoversEveryAPIKeyOperation(t *testing.T) {
	doc := loadContract(t)
	ops := operations(t, doc)
	if len(ops) != apiKeyOperations {
		t.Errorf("the contract has %d operations, want %d", len(ops), apiKeyOperations)
	}
	got := map[string]string{}
	for path, item := range doc.Paths.Map() {
		if strings.HasPrefix(path, "/api/") {
			t.Errorf("path %s repeats the server URL's /api/v1 prefix", path)
		}
		for method, op := range item.Operations() {
			got[op.OperationID] = method + " " + path
		}
	}
	for id, want := range wrapped {
		if got[id] != want {
			t.Errorf("operation %s (wrapped by sonzai/): got %q, want %q", id, got[id], want)
		}
	}
	for id, op := range ops {
		if strings.TrimSpace(op.Summary) == "" || strings.Contains(op.Summary, "\n") {
			t.Errorf("operation %s: summary %q is not one line", id, op.Summary)
		}
	}
}

// The server rejects the read-only $schema property in requests, and in
// generated Go it collides with a real `schema` field, so no schema of the
// contract may describe it: not in request bodies, not in responses.
func TestNoSchemaDescribesSchemaProperty(t *testing.T) {
	doc := loadContract(t)
	seen := map[*openapi3.Schema]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody != nil {
				for ct, mt := range op.RequestBody.Value.Content {
					if where := findProperty(mt.Schema, "$schema", "body", map[*openapi3.Schema]bool{}); where != "" {
						t.Errorf("%s %s (%s): request body describes %s", method, path, ct, where)
					}
				}
			}
			for code, r := range op.Responses.Map() {
				for ct, mt := range r.Value.Content {
					if where := findProperty(mt.Schema, "$schema", "response", seen); where != "" {
						t.Errorf("%s %s %s (%s): response describes %s", method, path, code, ct, where)
					}
				}
			}
		}
	}
	for name, s := range doc.Components.Schemas {
		if where := findProperty(s, "$schema", name, seen); where != "" {
			t.Errorf("component schema describes %s", where)
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
	if s.AdditionalProperties.Schema != nil {
		if where := findProperty(s.AdditionalProperties.Schema, name, at+"{}", seen); where != "" {
			return where
		}
	}
	for _, sub := range slices.Concat(s.AllOf, s.AnyOf, s.OneOf) {
		if where := findProperty(sub, name, at, seen); where != "" {
			return where
		}
	}
	return findProperty(s.Items, name, at+"[]", seen)
}

// Every failure the contract describes is RFC 9457 problem details, and
// every operation but one describes its failures.
func TestErrorsAreProblemJSON(t *testing.T) {
	doc := loadContract(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			failures := 0
			for code, r := range op.Responses.Map() {
				if code != "default" && code[0] < '4' {
					continue
				}
				failures++
				if r.Value.Content.Get("application/problem+json") == nil || len(r.Value.Content) != 1 {
					t.Errorf("%s %s: response %s must be application/problem+json only", method, path, code)
				}
			}
			if failures == 0 && op.OperationID != "asyncChat" { // the server publishes only 200 and 202 for it
				t.Errorf("%s %s (%s) describes no failure response", method, path, op.OperationID)
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

// The three state machines the seed flows poll are enums in our contract
// (the overlay states them; the server's spec has plain strings).
func TestSeedEnumsArePresent(t *testing.T) {
	doc := loadContract(t)
	ops := operations(t, doc)
	tests := []struct {
		op, property string
		want         []string
	}{
		{"submitTurn", "extraction_status", []string{"queued", "running", "done", "failed"}},
		{"getTurnStatus", "state", []string{"queued", "running", "done", "failed"}},
		{"getSessionEndStatus", "state", []string{"pending", "processing", "done", "failed"}},
		{"asyncChat", "status", []string{"queued", "running", "complete", "failed"}},
		{"asyncChatResult", "status", []string{"queued", "running", "complete", "failed"}},
	}
	for _, tt := range tests {
		op := ops[tt.op]
		if op == nil {
			t.Errorf("operation %s missing", tt.op)
			continue
		}
		ok := op.Responses.Status(200)
		if ok == nil || ok.Value.Content.Get("application/json") == nil {
			t.Errorf("%s: no JSON 200 response", tt.op)
			continue
		}
		prop := ok.Value.Content.Get("application/json").Schema.Value.Properties[tt.property]
		if prop == nil {
			t.Errorf("%s: 200 body has no property %s", tt.op, tt.property)
			continue
		}
		var got []string
		for _, v := range prop.Value.Enum {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %s enum = %v, want %v", tt.op, tt.property, got, tt.want)
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
	if len(ids) != apiKeyOperations {
		t.Fatalf("embedded spec has %d operations, want %d", len(ids), apiKeyOperations)
	}
}
