// Command contractdrift checks whether the server's published OpenAPI spec
// would break a client generated from our contract (openapi.yaml).
//
// It runs oasdiff's backward-compatibility checks with our contract as the
// base and the server spec as the revision: every change oasdiff grades
// ERR or WARN is something the server does that our client does not expect
// (an operation or field we rely on is gone, a type differs, the server
// requires input we do not send, ...). The server spec is first cut down
// to the operations our contract describes, so server endpoints we do not
// cover are ignored.
//
// Usage (from scripts/):
//
//	go run ./contractdrift -ours ../openapi.yaml -server ../../shared/reference/sonzai-openapi.json \
//	    -allow contractdrift/allowlist.yaml -overlay ../openapi.overlay.yaml
//
// -overlay reads the path renames of our overlay (x-sonzai-renames, see
// docs/contract.md) and applies them to the server's spec first, so a
// renamed operation is still compared field by field.
//
// Exit status: 0 no breaking drift, 1 breaking drift or stale allow-list
// entries, 2 usage or load error.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

const (
	exitOK       = 0
	exitDrift    = 1
	exitUsageErr = 2
)

// severityOverrides returns the adjustments to oasdiff's default grading where our question
// ("does the server break our client?") differs from oasdiff's ("does a new
// version break existing clients?").
func severityOverrides() map[string]checker.Level {
	return map[string]checker.Level{
		// oasdiff treats an operationId change as cosmetic (INFO). For us it
		// means our contract and the server disagree about the operation's
		// identity, which the generated SDK is named after: report it as
		// breaking. "removed" fires when ours has an id the server lacks or
		// spells differently, "added" when only the server has one.
		checker.APIOperationIdRemovedId: checker.ERR,
		checker.APIOperationIdAddId:     checker.ERR,
	}
}

// ignoredRule reports whether an oasdiff finding is noise for this comparison.
func ignoredRule(id string) bool {
	switch id {
	// Component schema names are an authoring detail: our contract may name
	// its schemas differently from the server's. The schemas' content is
	// still compared wherever an operation uses them.
	case checker.APISchemasRemovedId:
		return true
	// oasdiff's versioning policy wants info.version bumped along with a
	// breaking change. Our contract and the server version independently.
	case checker.APIVersionNotBumpedId:
		return true
	case checker.APIVersionDecreasedId:
		return true
	case checker.APIMajorVersionNotBumpedId:
		return true
	}
	return false
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// finding is one difference between the two specs, with the allow-list
// entry covering it, if any.
type finding struct {
	level        checker.Level
	method, path string // our operation; empty for changes outside paths
	opID         string
	section      string // oasdiff's section (components, security, ...) when path is empty
	id, text     string
	allowedBy    *allowEntry
}

// operation is the "METHOD /path" that allow-list entries name.
func (f finding) operation() string {
	if f.path == "" {
		return ""
	}
	return f.method + " " + f.path
}

// where names the operation, with its operationId, for the report.
func (f finding) where() string {
	switch {
	case f.path == "":
		return "[" + f.section + "]"
	case f.opID == "":
		return f.operation()
	}
	return f.operation() + " [" + f.opID + "]"
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("contractdrift", flag.ContinueOnError)
	fs.SetOutput(stderr)
	oursPath := fs.String("ours", "", "our OpenAPI contract (file)")
	serverPath := fs.String("server", "", "the server's published OpenAPI spec (file or http(s) URL)")
	allowPath := fs.String("allow", "", "allow-list of deliberate differences (YAML)")
	overlayPath := fs.String("overlay", "", "our overlay (openapi.overlay.yaml), for the path renames it makes")
	if err := fs.Parse(args); err != nil {
		return exitUsageErr
	}
	if *oursPath == "" || *serverPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: contractdrift -ours FILE -server FILE|URL [-allow FILE] [-overlay FILE]")
		return exitUsageErr
	}

	allow, err := readAllowList(*allowPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: allow-list: %v\n", err)
		return exitUsageErr
	}
	ours, err := loadSpec(*oursPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: ours: %v\n", err)
		return exitUsageErr
	}
	if ours.Spec.Paths.Len() == 0 {
		fmt.Fprintf(stderr, "contract-drift: ours: %s describes no operations\n", *oursPath)
		return exitUsageErr
	}
	server, err := loadSpec(*serverPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: server: %v\n", err)
		return exitUsageErr
	}
	renames, err := readPathRenames(*overlayPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: overlay: %v\n", err)
		return exitUsageErr
	}
	renamed, err := renameServerPaths(server.Spec, renames)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: %v\n", err)
		return exitUsageErr
	}
	server.Spec = restrictTo(server.Spec, ours.Spec)

	findings, err := compare(ours, server, allow, renamed)
	if err != nil {
		fmt.Fprintf(stderr, "contract-drift: %v\n", err)
		return exitUsageErr
	}
	fmt.Fprintf(stdout, "contract-drift: compared the %d operations of %s with the server's\n", countOperations(ours.Spec), *oursPath)
	return report(stdout, findings, allow)
}

// compare runs oasdiff (base = ours, revision = server) plus our own
// path-parameter check, adds the extra findings (the overlay's path
// renames), and returns every difference of level INFO or
// above, matched against the allow-list.
func compare(ours, server *load.SpecInfo, allow []*allowEntry, extra []finding) ([]finding, error) {
	// Prose and examples cannot break a client; leaving them out keeps the
	// diff smaller. Extensions stay in: oasdiff reads x-stability-level and
	// x-sunset from them.
	diffConfig := diff.NewConfig(diff.WithExcludeElements([]string{
		diff.ExcludeDescriptionOption,
		diff.ExcludeExamplesOption,
		diff.ExcludeSummaryOption,
		diff.ExcludeTitleOption,
	}))
	d, sources, err := diff.GetWithOperationsSourcesMap(diffConfig, ours, server)
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}

	config := checker.NewConfig(checker.GetAllChecks(), checker.WithSeverityLevels(severityOverrides()))
	changes := checker.CheckBackwardCompatibilityUntilLevel(config, d, sources, checker.INFO)

	l := checker.NewDefaultLocalizer()
	var findings []finding
	for _, c := range changes {
		if ignoredRule(c.GetId()) {
			continue
		}
		findings = append(findings, finding{
			level:   c.GetLevel(),
			method:  c.GetOperation(),
			path:    c.GetPath(),
			opID:    c.GetOperationId(),
			section: c.GetSection(),
			id:      c.GetId(),
			text:    c.GetUncolorizedText(l),
		})
	}
	findings = append(findings, renamedPathParams(ours.Spec, server.Spec)...)
	findings = append(findings, extra...)

	for i := range findings {
		f := &findings[i]
		for _, e := range allow {
			if e.matches(f.id, f.operation(), f.text) {
				e.used++
				if f.allowedBy == nil {
					f.allowedBy = e
				}
			}
		}
	}
	return findings, nil
}

// report prints the findings grouped as breaking, allowed and informational,
// then stale allow-list entries and a summary, and returns the exit code.
func report(w io.Writer, findings []finding, allow []*allowEntry) int {
	var breaking, allowed, info []finding
	for _, f := range findings {
		switch {
		case f.allowedBy != nil:
			allowed = append(allowed, f)
		case f.level.IsBreaking():
			breaking = append(breaking, f)
		default:
			info = append(info, f)
		}
	}

	printGroup(w, "breaking drift", breaking, len(breaking))
	shown, more := capPerEntry(allowed)
	printGroup(w, "allowed (see allow-list)", shown, len(allowed))
	for _, line := range more {
		fmt.Fprintln(w, line)
	}
	printGroup(w, "informational", info, len(info))

	var stale []*allowEntry
	for _, e := range allow {
		if e.used == 0 {
			stale = append(stale, e)
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "stale allow-list entries (%d):\n", len(stale))
		for _, e := range stale {
			fmt.Fprintf(w, "STALE  %s: matches no change; remove it or fix it\n", e)
		}
	}

	fmt.Fprintf(w, "contract-drift: %d breaking, %d allowed, %d informational\n",
		len(breaking), len(allowed), len(info))
	if len(stale) > 0 {
		fmt.Fprintf(w, "contract-drift: %d stale allow-list entries\n", len(stale))
	}
	if len(breaking) > 0 || len(stale) > 0 {
		return exitDrift
	}
	return exitOK
}

// allowedShown is how many of the findings one allow-list entry matches
// are listed; the rest are counted. One entry (the dropped $schema
// property, say) can match hundreds of operations.
const allowedShown = 3

// capPerEntry keeps the first allowedShown findings of each allow-list
// entry, in path order, and returns them with one line per entry saying
// how many more it matched.
func capPerEntry(allowed []finding) (shown []finding, more []string) {
	slices.SortStableFunc(allowed, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.method, b.method))
	})
	count := map[*allowEntry]int{}
	for _, f := range allowed {
		if count[f.allowedBy] < allowedShown {
			shown = append(shown, f)
		}
		count[f.allowedBy]++
	}
	for e, n := range count {
		if n > allowedShown {
			more = append(more, fmt.Sprintf("ALLOW  ... and %d more matched by %s (%s)", n-allowedShown, e, e.Reason))
		}
	}
	slices.Sort(more)
	return shown, more
}

// printGroup prints the findings of a group; total is the group's size
// when only some of it is listed.
func printGroup(w io.Writer, title string, group []finding, total int) {
	if len(group) == 0 {
		return
	}
	// Keep an operation's changes together, in path order; oasdiff's own
	// order within an operation.
	slices.SortStableFunc(group, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.method, b.method))
	})
	fmt.Fprintf(w, "%s (%d):\n", title, total)
	for _, f := range group {
		line := fmt.Sprintf("%-5s  %s  %s: %s", levelName(f.level), f.where(), f.id, f.text)
		if f.allowedBy != nil {
			line = fmt.Sprintf("ALLOW  %s  %s: %s  (%s allowed: %s)",
				f.where(), f.id, f.text, levelName(f.level), f.allowedBy.Reason)
		}
		fmt.Fprintln(w, line)
	}
}

func levelName(l checker.Level) string {
	switch l {
	case checker.ERR:
		return "ERR"
	case checker.WARN:
		return "WARN"
	case checker.INFO:
		return "INFO"
	}
	return l.String()
}

// countOperations is the number of operations doc describes.
func countOperations(doc *openapi3.T) int {
	n := 0
	for _, item := range doc.Paths.Map() {
		n += len(item.Operations())
	}
	return n
}
