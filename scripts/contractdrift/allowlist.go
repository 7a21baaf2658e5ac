package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/oasdiff/oasdiff/checker"
	"go.yaml.in/yaml/v3"
)

// allowEntry is one deliberate, documented difference between our contract
// and the server's spec.
type allowEntry struct {
	ID        string `yaml:"id"`        // oasdiff rule id, required
	Operation string `yaml:"operation"` // "METHOD /path"; empty matches every operation
	Match     string `yaml:"match"`     // substring of the change text; empty matches any text
	Reason    string `yaml:"reason"`    // why the difference is deliberate, required

	used int // number of changes this entry matched in the current run
}

func (e *allowEntry) String() string {
	s := "id=" + e.ID
	if e.Operation != "" {
		s += fmt.Sprintf(" operation=%q", e.Operation)
	}
	if e.Match != "" {
		s += fmt.Sprintf(" match=%q", e.Match)
	}
	return s
}

// matches reports whether the entry covers a change of the given rule id,
// operation ("METHOD /path") and text.
func (e *allowEntry) matches(id, operation, text string) bool {
	return e.ID == id &&
		(e.Operation == "" || strings.EqualFold(e.Operation, operation)) &&
		strings.Contains(text, e.Match)
}

// readAllowList loads and validates the allow-list. An empty path means no
// allow-list.
func readAllowList(path string) ([]*allowEntry, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries []*allowEntry
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key must not silently widen an entry
	if err := dec.Decode(&entries); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}

	known := map[string]bool{pathParamRenamedId: true, pathRenamedId: true}
	for _, id := range checker.GetAllRuleIds() {
		known[id] = true
	}
	for i, e := range entries {
		if e == nil {
			return nil, fmt.Errorf("%s: entry %d is empty", path, i+1)
		}
		where := fmt.Sprintf("%s: entry %d (%s)", path, i+1, e)
		switch {
		case e.ID == "":
			return nil, fmt.Errorf("%s: id is required", where)
		case !known[e.ID]:
			return nil, fmt.Errorf("%s: unknown oasdiff rule id %q", where, e.ID)
		case strings.TrimSpace(e.Reason) == "":
			return nil, fmt.Errorf("%s: reason is required", where)
		}
		if e.Operation != "" {
			method, path, ok := strings.Cut(strings.TrimSpace(e.Operation), " ")
			if !ok || method == "" || !strings.HasPrefix(strings.TrimSpace(path), "/") {
				return nil, fmt.Errorf("%s: operation must look like \"GET /path\"", where)
			}
			e.Operation = strings.ToUpper(method) + " " + strings.TrimSpace(path)
		}
	}
	return entries, nil
}
