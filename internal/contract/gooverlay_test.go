package contract_test

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

const goOverlayPath = "../../gen/codegen-types.overlay.yaml"

// updateBodyTarget matches the overlay actions that keep every optional
// field of one schema a pointer.
var updateBodyTarget = regexp.MustCompile(`(?m)^\s+- target: \$\.components\.schemas\.(\w+)\.properties\.\*$`)

// TestGoOverlayListsEveryUpdateBody keeps gen/codegen-types.overlay.yaml in
// step with the contract: the schema of every PUT and PATCH JSON body must
// be listed there (so that an update can clear a field and send false or
// 0), and nothing else may be. A sync that adds an update operation fails
// here until the overlay lists its body.
func TestGoOverlayListsEveryUpdateBody(t *testing.T) {
	overlay, err := os.ReadFile(goOverlayPath)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range updateBodyTarget.FindAllSubmatch(overlay, -1) {
		listed = append(listed, string(m[1]))
	}
	doc := loadContract(t)
	want := map[string]bool{}
	for _, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if (method != "PUT" && method != "PATCH") || op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			mt := op.RequestBody.Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil || mt.Schema.Ref == "" {
				continue // inline bodies of these methods have no properties
			}
			want[strings.TrimPrefix(mt.Schema.Ref, "#/components/schemas/")] = true
		}
	}
	var missing []string
	for name := range want {
		if !slices.Contains(listed, name) {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		t.Errorf("%s is the body of a PUT or PATCH operation but %s does not keep its fields pointers; add:\n  - target: $.components.schemas.%s.properties.*\n    update:\n      x-go-type-skip-optional-pointer: false", name, goOverlayPath, name)
	}
	for _, name := range listed {
		if !want[name] {
			t.Errorf("%s lists %s, which is no PUT or PATCH body of the contract; remove it", goOverlayPath, name)
		}
	}
	if len(listed) == 0 {
		t.Fatalf("no update-body targets found in %s: has its format changed?", goOverlayPath)
	}
}
