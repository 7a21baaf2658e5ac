package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// sync runs the program on a server spec and an overlay and returns the exit
// code, the two outputs and what it printed.
func sync(t *testing.T, server, overlayPath string, extra ...string) (code int, contract, dash, out string) {
	t.Helper()
	dir := t.TempDir()
	outPath, dashPath := filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "dashboard-only.md")
	args := append([]string{"-server", server, "-overlay", overlayPath, "-out", outPath, "-dashboard-only", dashPath}, extra...)
	var stdout, stderr bytes.Buffer
	code = run(args, &stdout, &stderr)
	out = stdout.String() + stderr.String()
	c, _ := os.ReadFile(outPath)
	d, _ := os.ReadFile(dashPath)
	return code, string(c), string(d), out
}

func mustSync(t *testing.T, server, overlayPath string) (contract, dash string) {
	t.Helper()
	code, c, d, out := sync(t, server, overlayPath)
	if code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	return c, d
}

func td(name string) string { return filepath.Join("testdata", name) }

func loadOpenAPI(t *testing.T, data string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(data))
	if err != nil {
		t.Fatalf("load the synced contract: %v\n%s", err, data)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("the synced contract is not valid OpenAPI: %v\n%s", err, data)
	}
	return doc
}

func TestSyncSelectsAPIKeyOperations(t *testing.T) {
	contract, dash := mustSync(t, td("server.json"), td("overlay.yaml"))
	doc := loadOpenAPI(t, contract)

	var got []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			got = append(got, method+" "+path+" "+op.OperationID)
		}
	}
	slices.Sort(got)
	want := []string{
		"DELETE /widgets/{widgetId} deleteWidget",          // apiKey as the second alternative
		"GET /tenants/{tenantId}/widgets kbListOrgWidgets", // no security declared
		"GET /widgets listWidgets",
		"POST /widgets createWidget",
		"POST /widgets/evaluate evaluateWidgets", // renamed path
	}
	if !slices.Equal(got, want) {
		t.Errorf("operations:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(dash, "| `patchWidgetFromDashboard` | PATCH | `/widgets/{widgetId}` |") ||
		!strings.Contains(dash, "1 operations:") {
		t.Errorf("dashboard-only list does not list exactly patchWidgetFromDashboard:\n%s", dash)
	}
	if !strings.Contains(dash, "bearerClerk") {
		t.Errorf("dashboard-only list does not give the reason:\n%s", dash)
	}
}

func TestSyncKeepsFactsAndOnlyReachableComponents(t *testing.T) {
	contract, _ := mustSync(t, td("server.json"), td("overlay.yaml"))
	doc := loadOpenAPI(t, contract)

	var names []string
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	// Unused and DashboardOnly are reached by no selected operation;
	// WidgetPage is renamed; Part is reached only through Widget's oneOf.
	if want := []string{"ErrorModel", "Part", "Widget", "WidgetInput", "WidgetList"}; !slices.Equal(names, want) {
		t.Errorf("component schemas = %v, want %v", names, want)
	}
	if ref := doc.Paths.Value("/widgets").Get.Responses.Status(200).Value.Content.Get("application/json").Schema.Ref; ref != "#/components/schemas/WidgetList" {
		t.Errorf("renamed schema's $ref = %q, want #/components/schemas/WidgetList", ref)
	}

	p := doc.Paths.Value("/widgets").Get.Parameters[0].Value
	if p.Name != "page_size" || p.Explode == nil || *p.Explode || *p.Schema.Value.Max != 100 || p.Schema.Value.Default != 30.0 {
		t.Errorf("page_size parameter lost a fact: %+v schema %+v", p, p.Schema.Value)
	}
	w := doc.Components.Schemas["Widget"].Value
	if !slices.Equal(w.Required, []string{"id", "state"}) {
		t.Errorf("Widget.required = %v", w.Required)
	}
	if w.Properties["description"] == nil {
		t.Error("a property called description was dropped: property names are facts")
	}
	if doc.Components.Schemas["ErrorModel"].Value.Properties["title"] == nil {
		t.Error("a property called title was dropped: property names are facts")
	}
	if got := w.Properties["weight"].Value; *got.Min != 0.5 || got.ExclusiveMax.Value == nil || *got.ExclusiveMax.Value != 1000 {
		t.Errorf("weight limits lost: %+v", got)
	}
	if got := doc.Components.Schemas["WidgetInput"].Value.Properties["name"].Value; got.Pattern != "^[a-z]+$" || got.MinLength != 1 {
		t.Errorf("name pattern/minLength lost: %+v", got)
	}
	if !strings.Contains(contract, "exclusiveMaximum: 1e3") {
		t.Error("a number is not written exactly as the server wrote it (1e3)")
	}
	if items := doc.Components.Schemas["WidgetList"].Value.Properties["items"].Value; !items.Type.Includes("null") || !items.Type.Includes("array") {
		t.Errorf("type list [array, null] lost: %v", items.Type)
	}
	if h := doc.Paths.Value("/widgets").Post.Responses.Status(201).Value.Headers["Location"]; h == nil {
		t.Error("response header Location dropped")
	}
	if doc.Paths.Value("/widgets").Post.RequestBody.Value.Required != true {
		t.Error("requestBody.required lost")
	}
}

func TestSyncAppliesOurWords(t *testing.T) {
	contract, _ := mustSync(t, td("server.json"), td("overlay.yaml"))
	doc := loadOpenAPI(t, contract)

	if doc.Info.Title != "Widgets (our contract)" || doc.Servers[0].URL != "https://widgets.example/api/v1" {
		t.Errorf("info/servers are not the overlay's: %+v %+v", doc.Info, doc.Servers[0])
	}
	if len(doc.Security) != 1 || doc.Security[0]["apiKey"] == nil {
		t.Errorf("global security = %v, want apiKey", doc.Security)
	}
	if _, ok := doc.Components.SecuritySchemes["bearerClerk"]; ok {
		t.Error("the dashboard scheme is in the contract")
	}
	summaries := map[string]string{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			summaries[op.OperationID] = op.Summary
			if op.Security != nil {
				t.Errorf("%s keeps its own security %v", op.OperationID, *op.Security)
			}
		}
	}
	want := map[string]string{
		"listWidgets":      "List the widgets, one page at a time", // the overlay's
		"createWidget":     "Create widget",                        // derived
		"deleteWidget":     "Delete widget",
		"evaluateWidgets":  "Evaluate widgets",
		"kbListOrgWidgets": "KB list org widgets",
	}
	for id, s := range want {
		if summaries[id] != s {
			t.Errorf("%s summary = %q, want %q", id, summaries[id], s)
		}
	}
	if got := doc.Components.Schemas["Widget"].Value.Properties["state"].Value.Enum; len(got) != 2 || got[0] != "queued" {
		t.Errorf("seed enum not applied: %v", got)
	}
	for _, name := range []string{"ErrorModel", "WidgetList", "WidgetInput"} {
		if doc.Components.Schemas[name].Value.Properties["$schema"] != nil {
			t.Errorf("%s still has the $schema property", name)
		}
	}
	if d := doc.Paths.Value("/widgets/{widgetId}").Delete.Responses.Status(204).Value.Description; d == nil || *d != "Success, with no body." {
		t.Errorf("204 description = %v, want ours", d)
	}
}

// proseOf collects every string the server's authors wrote: the values of
// description, summary, title, example(s) and $comment wherever they are
// keywords (not where they are property names).
func proseOf(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var found []string
	var walk func(v any, namesOnly bool)
	walk = func(v any, namesOnly bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				if !namesOnly && proseKeys[k] {
					var collect func(any)
					collect = func(x any) {
						switch x := x.(type) {
						case string:
							found = append(found, x)
						case []any:
							for _, e := range x {
								collect(e)
							}
						case map[string]any:
							for _, e := range x {
								collect(e)
							}
						}
					}
					collect(sub)
				}
				// the children of these keys are names (of properties,
				// paths, status codes, media types...), not keywords
				walk(sub, !namesOnly && slices.Contains([]string{"properties", "patternProperties", "paths", "schemas", "responses", "parameters", "headers", "content", "securitySchemes", "requestBodies", "encoding"}, k))
			}
		case []any:
			for _, e := range v {
				walk(e, false)
			}
		}
	}
	walk(doc, false)
	return found
}

// TestNoServerProse is the rule that matters most: not one string the
// server's authors wrote reaches the output. A summary equal to the one we
// derive from the operationId is ours (both come from the same name).
func TestNoServerProse(t *testing.T) {
	contract, dash := mustSync(t, td("server.json"), td("overlay.yaml"))
	if strings.Contains(contract, "SERVER-PROSE") || strings.Contains(dash, "SERVER-PROSE") {
		t.Errorf("server prose in the output:\n%s\n%s", contract, dash)
	}
	checkNoProse(t, td("server.json"), contract)
}

func checkNoProse(t *testing.T, server, contract string) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(contract), &doc); err != nil {
		t.Fatal(err)
	}
	ours := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			ours[n.Value] = true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	derived := map[string]bool{}
	forEachOperation(doc.Content[0], func(_, _ string, op *yaml.Node) {
		derived[summaryFromID(scalar(get(op, "operationId")))] = true
	})
	leaked := 0
	for _, p := range proseOf(t, server) {
		if ours[p] && !derived[p] {
			t.Errorf("server prose in the contract: %q", p)
			if leaked++; leaked > 10 {
				t.Fatal("too many")
			}
		}
	}
}

// TestDeterministic: the same inputs give byte-identical output, whatever
// the order of the keys in the server's document.
func TestDeterministic(t *testing.T) {
	c1, d1 := mustSync(t, td("server.json"), td("overlay.yaml"))
	c2, d2 := mustSync(t, td("server.json"), td("overlay.yaml"))
	if c1 != c2 || d1 != d2 {
		t.Fatal("two runs on the same inputs differ")
	}

	// The same document, every object's keys written in reverse order.
	data, err := os.ReadFile(td("server.json"))
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	var reverse func(n *yaml.Node)
	reverse = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			var pairs [][2]*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
			}
			slices.Reverse(pairs)
			n.Content = n.Content[:0]
			for _, p := range pairs {
				n.Content = append(n.Content, p[0], p[1])
			}
		}
		for _, c := range n.Content {
			reverse(c)
		}
	}
	reverse(&n)
	reordered, err := yaml.Marshal(&n)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(reordered, data) {
		t.Fatal("the reordered copy is the same bytes; the test would prove nothing")
	}
	path := filepath.Join(t.TempDir(), "server-reordered.yaml")
	if err := os.WriteFile(path, reordered, 0o644); err != nil {
		t.Fatal(err)
	}
	c3, d3 := mustSync(t, path, td("overlay.yaml"))
	if c1 != c3 || d1 != d3 {
		t.Errorf("reordering the server's keys changed the output:\n%s", firstDifference([]byte(c1), []byte(c3)))
	}
}

func TestCheckMode(t *testing.T) {
	dir := t.TempDir()
	outPath, dashPath := filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "dashboard-only.md")
	args := []string{"-server", td("server.json"), "-overlay", td("overlay.yaml"), "-out", outPath, "-dashboard-only", dashPath}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("sync: exit %d\n%s", code, stderr.String())
	}
	check := append(args, "-check")
	stdout.Reset()
	stderr.Reset()
	if code := run(check, &stdout, &stderr); code != exitOK {
		t.Fatalf("check after sync: exit %d, want 0\n%s%s", code, stdout.String(), stderr.String())
	}

	synced, _ := os.ReadFile(outPath)
	edited := bytes.Replace(synced, []byte("maximum: 100"), []byte("maximum: 200"), 1)
	if bytes.Equal(edited, synced) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(outPath, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	code := run(check, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	if code != exitDiffers {
		t.Fatalf("check after a hand edit: exit %d, want %d\n%s", code, exitDiffers, out)
	}
	for _, want := range []string{"is not what the sync produces", "first difference at line", "maximum: 100", "maximum: 200", "make sync-contract"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if after, _ := os.ReadFile(outPath); !bytes.Equal(after, edited) {
		t.Error("-check wrote the file")
	}
}

func writeOverlay(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "overlay.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// okAction is a valid action list (an overlay needs at least one).
const okAction = "actions:\n  - target: \"$.paths['/widgets'].get\"\n    description: d\n    update: {summary: s}\n"

const overlayHead = "overlay: 1.0.0\nx-speakeasy-jsonpath: rfc9535\ninfo: {title: t, version: 1.0.0}\n"

func TestOverlayErrors(t *testing.T) {
	tests := []struct {
		name, overlay, want string
	}{
		{"action without a reason", overlayHead + "actions:\n  - target: $.components\n    update: {x: 1}\n",
			"every action needs a description"},
		{"stale target", overlayHead + "actions:\n  - target: $.components.schemas.Gone\n    description: was here once\n    update: {type: object}\n",
			"Gone"},
		{"stale rename", overlayHead + "x-sonzai-renames:\n  paths:\n    - {from: /nope, to: /yes, reason: r}\n" + okAction,
			"stale rename"},
		{"rename without a reason", overlayHead + "x-sonzai-renames:\n  paths:\n    - {from: /widgets, to: /w}\n" + okAction,
			"reason"},
		{"misspelt rename key", overlayHead + "x-sonzai-renames:\n  path:\n    - {from: /widgets, to: /w, reason: r}\n" + okAction,
			"field path not found"},
		{"not an overlay", "actions: []\n", "overlay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, _, out := sync(t, td("server.json"), writeOverlay(t, tt.overlay))
			if code != exitUsageErr {
				t.Errorf("exit %d, want %d", code, exitUsageErr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
		})
	}
}

// A key the sync does not know as fact or prose stops it: a new kind of
// text in the server's spec must be looked at before it can be copied.
func TestUnknownKeyStopsTheSync(t *testing.T) {
	data, err := os.ReadFile(td("server.json"))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"Part": {"type": "object",`, `"Part": {"type": "object", "hint": "some new words",`, 1)
	path := filepath.Join(t.TempDir(), "server.json")
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, _, out := sync(t, path, td("overlay.yaml"))
	if code != exitUsageErr || !strings.Contains(out, "components.schemas.Part.hint") {
		t.Errorf("exit %d, want 2 naming components.schemas.Part.hint:\n%s", code, out)
	}
}

func TestServerFromHTTPSURL(t *testing.T) {
	spec, err := os.ReadFile(td("server.json"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/openapi.json" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(spec)
	}))
	defer srv.Close()

	fromURL, err := readServerSpec(srv.URL+"/openapi.json", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := readServerSpec(td("server.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := yaml.Marshal(fromURL)
	b, _ := yaml.Marshal(fromFile)
	if !bytes.Equal(a, b) {
		t.Error("the spec read from the URL differs from the file")
	}

	if _, err := readServerSpec(srv.URL+"/missing.json", srv.Client()); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing spec: err = %v, want a 404", err)
	}
	if _, err := readServerSpec("http://example.invalid/openapi.json", srv.Client()); err == nil || !strings.Contains(err.Error(), "only https") {
		t.Errorf("plain http: err = %v, want a refusal", err)
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-server", td("server.json")}, &stdout, &stderr); code != exitUsageErr {
		t.Errorf("exit %d, want %d", code, exitUsageErr)
	}
	if !strings.Contains(stderr.String(), "usage:") {
		t.Errorf("no usage message in %q", stderr.String())
	}
}

func TestSummaryFromID(t *testing.T) {
	for id, want := range map[string]string{
		"listFacts":            "List facts",
		"kbListOrgNodes":       "KB list org nodes",
		"listBYOKKeys":         "List BYOK keys",
		"getMLNBAScore":        "Get MLNBA score",
		"streamMLRounds":       "Stream ML rounds",
		"listMCPCatalog":       "List MCP catalog",
		"getLLMConfig":         "Get LLM config",
		"workbenchAdvanceTime": "Workbench advance time",
		"getFactById":          "Get fact by ID",
		"speechToText":         "Speech to text",
		"x":                    "X",
	} {
		if got := summaryFromID(id); got != want {
			t.Errorf("summaryFromID(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestRealReference syncs the repository's own overlay against the real
// reference spec and holds the result to the numbers the contract promises
// and to the no-prose rule. Skipped when the reference is not beside the
// repository (it is never committed).
func TestRealReference(t *testing.T) {
	const reference = "../../../shared/reference/sonzai-openapi.json"
	if _, err := os.Stat(reference); err != nil {
		t.Skipf("reference not available: %v", err)
	}
	code, contract, dash, out := sync(t, reference, "../../openapi.overlay.yaml")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "(388 operations)") || !strings.Contains(out, "(74 dashboard-only operations)") {
		t.Errorf("want 388 operations and 74 left out, got: %s", out)
	}
	loadOpenAPI(t, contract)
	checkNoProse(t, reference, contract)
	if strings.Contains(contract, "$schema") {
		t.Error("the contract mentions $schema")
	}
	if n := strings.Count(dash, "\n| `"); n != 74 {
		t.Errorf("dashboard-only list has %d rows, want 74", n)
	}
}
