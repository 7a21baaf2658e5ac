package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"go.yaml.in/yaml/v3"
)

// pathRenamedId is the rule id of the finding that reports a path our
// overlay renames (see renameServerPaths).
const pathRenamedId = "path-renamed-by-overlay"

// pathRename is one entry of x-sonzai-renames.paths in
// openapi.overlay.yaml, the overlay scripts/synccontract builds our
// contract with.
type pathRename struct {
	From   string `yaml:"from"`
	To     string `yaml:"to"`
	Reason string `yaml:"reason"`
}

// readPathRenames reads the path renames of our overlay. An empty path
// means none.
func readPathRenames(path string) ([]pathRename, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Renames struct {
			Paths []pathRename `yaml:"paths"`
		} `yaml:"x-sonzai-renames"`
	}
	// Not strict: the overlay holds much more than the renames; the sync
	// itself checks the renames strictly.
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range doc.Renames.Paths {
		if r.From == "" || r.To == "" || strings.TrimSpace(r.Reason) == "" {
			return nil, fmt.Errorf("%s: x-sonzai-renames: a path rename needs from, to and reason", path)
		}
	}
	return doc.Renames.Paths, nil
}

// renameServerPaths gives the server's paths the names our overlay gives
// them, so the operations behind them are compared like any other (a
// renamed path would otherwise only show up as "removed", its parameters
// and bodies unchecked). Each rename is reported as an informational
// finding carrying the overlay's reason; a rename whose `from` the server
// no longer has is an error, as the sync treats it.
func renameServerPaths(server *openapi3.T, renames []pathRename) ([]finding, error) {
	var found []finding
	for _, r := range renames {
		item := server.Paths.Value(r.From)
		if item == nil {
			return nil, fmt.Errorf("the overlay renames %s, which the server's spec does not have (stale rename?)", r.From)
		}
		server.Paths.Delete(r.From)
		server.Paths.Set(r.To, item)
		for method, op := range item.Operations() {
			found = append(found, finding{
				level:  checker.INFO,
				method: method,
				path:   r.To,
				opID:   op.OperationID,
				id:     pathRenamedId,
				text:   fmt.Sprintf("the server spells this path `%s`; the overlay renames it: %s", r.From, r.Reason),
			})
		}
	}
	return found, nil
}
