package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oasdiff/oasdiff/checker"
)

// runCheck runs the program as `contractdrift -ours ours -server server
// [-allow allow]` with paths relative to testdata/ (a server starting with
// http is passed through).
func runCheck(t *testing.T, ours, server, allow string) (int, string) {
	t.Helper()
	args := []string{"-ours", td(ours), "-server", server}
	if !strings.HasPrefix(server, "http") {
		args[3] = td(server)
	}
	if allow != "" {
		args = append(args, "-allow", td(allow))
	}
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	t.Logf("exit %d\n%s", code, out)
	return code, out
}

func td(name string) string { return filepath.Join("testdata", name) }

// requireLine fails unless some output line contains every part.
func requireLine(t *testing.T, out string, parts ...string) {
	t.Helper()
	for line := range strings.SplitSeq(out, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return
		}
	}
	t.Errorf("no output line contains all of %q", parts)
}

func TestDrift(t *testing.T) {
	tests := []struct {
		name   string
		ours   string // default ours.yaml
		server string
		allow  string
		code   int
		lines  [][]string // each: parts one output line must contain
	}{
		{
			name: "identical specs, server given as JSON", server: "server_identical.json", code: 0,
			lines: [][]string{{"contract-drift: 0 breaking, 0 allowed, 0 informational"}},
		},
		{
			name: "server lacks one of our operations", server: "server_missing_op.yaml", code: 1,
			lines: [][]string{
				{"ERR", "GET /agents/{agentId}", "[getAgent]", "api-path-removed-without-deprecation"},
				{"contract-drift: 1 breaking"},
			},
		},
		{
			name: "server requires a request property we have optional", server: "server_req_required.yaml", code: 1,
			lines: [][]string{{"ERR", "POST /agents", "[createAgent]", "request-property-became-required", "`bio`"}},
		},
		{
			name: "server requires a request property we lack", server: "server_req_new_required.yaml", code: 1,
			lines: [][]string{{"ERR", "POST /agents", "[createAgent]", "new-required-request-property", "`model`"}},
		},
		{
			name: "response property type string to integer", server: "server_resp_type.yaml", code: 1,
			lines: [][]string{
				{"ERR", "GET /agents/{agentId}", "response-property-type-changed", "`version`", "`string` to `integer`"},
				{"ERR", "GET /agents", "response-property-type-changed", "`items/version`"},
			},
		},
		{
			name: "renamed path parameter", server: "server_path_param.yaml", code: 1,
			lines: [][]string{{"ERR", "GET /agents/{agentId}", "[getAgent]", "path-parameter-renamed", "`{agentId}` is `{id}`"}},
		},
		{
			// A client does not break when the server merely never sends a
			// value: oasdiff grades this INFO.
			name: "response enum value missing on the server", server: "server_enum.yaml", code: 0,
			lines: [][]string{{"INFO", "GET /agents/{agentId}", "response-property-enum-value-removed", "`archived`", "`status`"}},
		},
		{
			name: "response content type changed", server: "server_content_type.yaml", code: 1,
			lines: [][]string{
				{"ERR", "GET /agents/{agentId}", "response-media-type-removed", "`application/json`"},
				{"INFO", "GET /agents/{agentId}", "response-media-type-added", "`text/plain`"},
			},
		},
		{
			name: "server has an extra optional response field", server: "server_extra_field.yaml", code: 0,
			lines: [][]string{
				{"INFO", "GET /agents/{agentId}", "response-optional-property-added", "`created_at`"},
				{"contract-drift: 0 breaking, 0 allowed, 3 informational"},
			},
		},
		{
			name: "operationId mismatch", server: "server_operation_id.yaml", code: 1,
			lines: [][]string{{"ERR", "GET /agents/{agentId}", "api-operation-id-removed", "`getAgent`", "`fetchAgent`"}},
		},
		{
			// OpenAPI 3.1 nullability is a real difference in a response:
			// reported once per property, with no duplicate type change.
			name: "server response property nullable", server: "server_nullable.yaml", code: 1,
			lines: [][]string{
				{"ERR", "GET /agents/{agentId}", "response-property-became-nullable", "`name`"},
				{"contract-drift: 3 breaking, 0 allowed, 0 informational"},
			},
		},
		{
			// nullable: true (3.0) and type: [array, "null"] (3.1) mean the
			// same thing and must not be reported.
			name: "3.0 nullable keyword against 3.1 type list", ours: "ours_nullable_keyword.yaml", server: "ours.yaml", code: 0,
			lines: [][]string{{"contract-drift: 0 breaking, 0 allowed, 0 informational"}},
		},
		{
			// Path-level parameters and allOf are normalised away on load.
			name: "path-level parameter and allOf against the flat form", ours: "ours_normal_forms.yaml", server: "ours.yaml", code: 0,
			lines: [][]string{{"contract-drift: 0 breaking, 0 allowed, 0 informational"}},
		},
		{
			name: "server operations we do not cover are ignored", server: "server_extra_ops.yaml", code: 0,
			lines: [][]string{{"contract-drift: 0 breaking, 0 allowed, 0 informational"}},
		},
		{
			name: "allow-list entry suppresses a breaking change", server: "server_req_required.yaml", allow: "allow_req_required.yaml", code: 0,
			lines: [][]string{
				{"ALLOW", "POST /agents", "request-property-became-required", "`bio`", "ERR allowed: test fixture"},
				{"contract-drift: 0 breaking, 1 allowed, 0 informational"},
			},
		},
		{
			name: "stale allow-list entry fails", server: "server_req_required.yaml", allow: "allow_stale.yaml", code: 1,
			lines: [][]string{
				{"STALE", "response-property-type-changed", `"GET /agents"`},
				{"contract-drift: 0 breaking, 1 allowed, 0 informational"},
				{"1 stale allow-list entries"},
			},
		},
		{
			name: "allow-list entry without reason", server: "server_req_required.yaml", allow: "allow_no_reason.yaml", code: 2,
			lines: [][]string{{"allow_no_reason.yaml", "reason is required"}},
		},
		{
			name: "allow-list entry with unknown rule id", server: "server_req_required.yaml", allow: "allow_unknown_id.yaml", code: 2,
			lines: [][]string{{"unknown oasdiff rule id", "request-property-became-mandatory"}},
		},
		{
			name: "missing server file", server: "no_such_file.yaml", code: 2,
			lines: [][]string{{"contract-drift: server:", "no_such_file.yaml"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ours := tc.ours
			if ours == "" {
				ours = "ours.yaml"
			}
			code, out := runCheck(t, ours, tc.server, tc.allow)
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			for _, parts := range tc.lines {
				requireLine(t, out, parts...)
			}
		})
	}
}

func TestServerFromURL(t *testing.T) {
	spec, err := os.ReadFile(td("server_req_required.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/openapi.yaml" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(spec)
	}))
	defer srv.Close()

	code, out := runCheck(t, "ours.yaml", srv.URL+"/openapi.yaml", "")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	requireLine(t, out, "ERR", "POST /agents", "request-property-became-required", "`bio`")

	code, out = runCheck(t, "ours.yaml", srv.URL+"/missing.yaml", "")
	if code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	requireLine(t, out, "contract-drift: server:", "404")
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-ours", td("ours.yaml")}, &stdout, &stderr); code != 2 {
		t.Errorf("missing -server: exit code %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "usage:") {
		t.Errorf("no usage message in %q", stderr.String())
	}
}

// The committed allow-list must always be valid.
func TestCommittedAllowList(t *testing.T) {
	if _, err := readAllowList("allowlist.yaml"); err != nil {
		t.Fatal(err)
	}
}

// TestRealReference loads the real, large OpenAPI 3.1 reference as the
// server and a few of its own operations as our contract: nothing may
// differ. Skipped when the reference is not beside the repository.
func TestRealReference(t *testing.T) {
	const reference = "../../../shared/reference/sonzai-openapi.json"
	data, err := os.ReadFile(reference)
	if err != nil {
		t.Skipf("reference not available: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	all := doc["paths"].(map[string]any)
	kept := map[string]any{}
	for _, p := range []string{"/agents", "/agents/{agentId}", "/account/config/{key}"} {
		if all[p] == nil {
			t.Skipf("reference has no %s", p)
		}
		kept[p] = all[p]
	}
	doc["paths"] = kept
	ours := filepath.Join(t.TempDir(), "ours.json")
	data, err = json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ours, data, 0o644); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-ours", ours, "-server", reference}, &stdout, &stderr)
	t.Logf("took %v\n%s%s", time.Since(start), stdout.String(), stderr.String())
	if code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	requireLine(t, stdout.String(), "contract-drift: 0 breaking, 0 allowed, 0 informational")
}

// runWithOverlay runs the check of ours.yaml against server with an
// overlay's path renames.
func runWithOverlay(t *testing.T, server, overlay string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-ours", td("ours.yaml"), "-server", td(server), "-overlay", td(overlay)}, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	t.Logf("exit %d\n%s", code, out)
	return code, out
}

func TestOverlayPathRenames(t *testing.T) {
	// Without the overlay, the server's prefixed spelling is simply a
	// different path: ours looks removed.
	code, out := runCheck(t, "ours.yaml", "server_prefixed_path.json", "")
	if code != 1 {
		t.Errorf("without -overlay: exit %d, want 1", code)
	}
	requireLine(t, out, "ERR", "GET /agents/{agentId}", "api-path-removed-without-deprecation")

	// With it, the rename is reported (INFO, with the overlay's reason)
	// and the operation compares equal.
	code, out = runWithOverlay(t, "server_prefixed_path.json", "overlay_rename.yaml")
	if code != 0 {
		t.Errorf("with -overlay: exit %d, want 0", code)
	}
	requireLine(t, out, "INFO", "GET /agents/{agentId}", "[getAgent]", "path-renamed-by-overlay", "`/api/v1/agents/{agentId}`", "test fixture, doubled prefix")
	requireLine(t, out, "contract-drift: 0 breaking, 0 allowed, 1 informational")

	// The renamed operation is still compared field by field.
	code, out = runWithOverlay(t, "server_prefixed_path_resp_type.yaml", "overlay_rename.yaml")
	if code != 1 {
		t.Errorf("renamed path with a type change: exit %d, want 1", code)
	}
	requireLine(t, out, "ERR", "GET /agents/{agentId}", "response-property-type-changed", "`version`", "`string` to `integer`")

	// A rename the server no longer needs is stale: an error, as in the sync.
	code, out = runWithOverlay(t, "server_identical.json", "overlay_rename.yaml")
	if code != 2 {
		t.Errorf("stale rename: exit %d, want 2", code)
	}
	requireLine(t, out, "/api/v1/agents/{agentId}", "stale rename")

	code, out = runWithOverlay(t, "server_prefixed_path.json", "overlay_rename_no_reason.yaml")
	if code != 2 {
		t.Errorf("rename without a reason: exit %d, want 2", code)
	}
	requireLine(t, out, "needs from, to and reason")
}

// TestAllowedFindingsAreCapped: an entry that matches many changes lists a
// few and counts the rest, so the report stays readable over 388
// operations.
func TestAllowedFindingsAreCapped(t *testing.T) {
	var findings []finding
	e := &allowEntry{ID: "response-optional-property-added", Reason: "many", used: 5}
	for _, p := range []string{"/e", "/d", "/c", "/b", "/a"} {
		findings = append(findings, finding{level: checker.INFO, method: "GET", path: p, id: e.ID, text: "t", allowedBy: e})
	}
	var out bytes.Buffer
	if code := report(&out, findings, []*allowEntry{e}); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	got := out.String()
	t.Log(got)
	requireLine(t, got, "allowed (see allow-list) (5):")
	requireLine(t, got, "ALLOW", "GET /a")
	requireLine(t, got, "ALLOW", "GET /c")
	if strings.Contains(got, "GET /d") || strings.Contains(got, "GET /e") {
		t.Error("more than 3 findings of one entry listed")
	}
	requireLine(t, got, "ALLOW  ... and 2 more matched by id=response-optional-property-added (many)")
	requireLine(t, got, "contract-drift: 0 breaking, 5 allowed, 0 informational")
}

// TestCommittedContract runs the check exactly as `make contract-drift`
// does: the repository's openapi.yaml, all of it, against the reference,
// with the committed allow-list and overlay. Every difference must be
// allow-listed (with its reason) and no entry may be stale. Skipped when
// the reference is not beside the repository.
func TestCommittedContract(t *testing.T) {
	const reference = "../../../shared/reference/sonzai-openapi.json"
	if _, err := os.Stat(reference); err != nil {
		t.Skipf("reference not available: %v", err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"-ours", "../../openapi.yaml", "-server", reference,
		"-allow", "allowlist.yaml", "-overlay", "../../openapi.overlay.yaml"}, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	if code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	requireLine(t, out, "contract-drift: compared the 388 operations of ../../openapi.yaml")
	requireLine(t, out, "contract-drift: 0 breaking")
	if strings.Contains(out, "STALE") {
		t.Errorf("stale allow-list entries:\n%s", out)
	}
}
