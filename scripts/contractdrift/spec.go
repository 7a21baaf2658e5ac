package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3conv"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/flatten/allof"
	"github.com/oasdiff/oasdiff/flatten/commonparams"
	"github.com/oasdiff/oasdiff/load"
)

// fetchTimeout bounds the download of a spec given as an http(s) URL.
const fetchTimeout = 30 * time.Second

// loadSpec reads an OpenAPI document (YAML or JSON) from a local file or an
// http(s) URL and resolves its $refs.
//
// OpenAPI 3.1: kin-openapi (v0.151, as pinned by oasdiff v1.35.0) reads 3.1
// natively: `type` is a list, so `type: [array, "null"]` loads as the two
// types, and numeric exclusiveMinimum, `examples`, `const` and $ref siblings
// are understood; no pre-processing of the raw document is needed. oasdiff
// in turn treats a "null" entry in the type list as nullability, not as a
// type change. Two things are still needed:
//
//   - openapi3conv.Upgrade on both sides. It rewrites 3.0-only forms
//     (`nullable: true`, boolean exclusiveMinimum/Maximum, schema
//     `example`) into their 3.1 spelling, and on a 3.1 document changes
//     nothing but the version string. Without it, `nullable: true` in one
//     file against `type: [X, "null"]` in the other is reported as a
//     nullability change (response-property-became-nullable, ERR) although
//     both say the same.
//   - commonparams.Move and allof.MergeSpec, see below.
//
// A server type of [X, "null"] against our plain X is a real difference and
// stays reported, by oasdiff's *-became-nullable rules at oasdiff's levels
// (ERR for responses, INFO for requests). Go's encoding/json decodes a JSON
// null into the zero value without error, so whether that matters to the
// SDK is a policy call for the allow-list, not something to hide here.
func loadSpec(location string) (*load.SpecInfo, error) {
	loader := openapi3.NewLoader() // one loader per document: its cache is keyed by location
	var (
		doc *openapi3.T
		err error
	)
	if isURL(location) {
		var data []byte
		if data, err = fetch(location); err != nil {
			return nil, err
		}
		var u *url.URL
		if u, err = url.Parse(location); err != nil {
			return nil, err
		}
		doc, err = loader.LoadFromDataWithPath(data, u)
	} else {
		// Allow relative file $refs, so our contract may be split into files.
		loader.IsExternalRefsAllowed = true
		doc, err = loader.LoadFromFile(location)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", location, err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, fmt.Errorf("load %s: not an OpenAPI 3.x document (openapi: %q)", location, doc.OpenAPI)
	}
	if doc.Paths == nil {
		doc.Paths = openapi3.NewPaths()
	}
	openapi3conv.Upgrade(doc)
	// Put the two documents in one normal form, as oasdiff's --flatten-params
	// and --flatten-allof do, so that authoring choices do not show up as
	// drift: path-level parameters are copied into each operation (oasdiff
	// compares parameters per operation, so a parameter declared once on
	// the path would otherwise look missing), and allOf compositions are
	// merged into plain schemas.
	commonparams.Move(doc)
	if doc, err = allof.MergeSpec(doc); err != nil {
		return nil, fmt.Errorf("load %s: merging allOf: %w", location, err)
	}
	info := &load.SpecInfo{Url: location, Spec: doc}
	if doc.Info != nil {
		info.Version = doc.Info.Version
	}
	return info, nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

func fetch(location string) ([]byte, error) {
	client := &http.Client{Timeout: fetchTimeout}
	resp, err := client.Get(location)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", location, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: HTTP status %s", location, resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: reading body: %w", location, err)
	}
	return data, nil
}

// pathParams returns the template variables of a path, such as {agentId},
// in order.
func pathParams(path string) []string {
	var names []string
	for {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(path[open:], '}')
		if end < 0 {
			return names
		}
		names = append(names, path[open:open+end+1])
		path = path[open+end+1:]
	}
}

// pathShape drops the names of path variables, so /agents/{id} and
// /agents/{agentId} denote the same route. oasdiff matches paths the same
// way (diff.Config.IncludePathParams is false), so an operation is still
// compared, parameters included, across such a rename; the rename itself
// is reported by renamedPathParams.
func pathShape(path string) string {
	return genericPath(path)
}

// restrictTo returns a copy of server whose paths hold only the operations
// (path shape + method) that ours has; everything else, components
// included, is kept so $refs stay resolvable. An operation of ours that the
// server lacks is simply absent from the result, which oasdiff reports as a
// removed API. The server document itself is not modified.
func restrictTo(server, ours *openapi3.T) *openapi3.T {
	wanted := map[string][]string{} // path shape -> our methods
	for path, item := range ours.Paths.Map() {
		shape := pathShape(path)
		for method := range item.Operations() {
			wanted[shape] = append(wanted[shape], method)
		}
	}

	paths := openapi3.NewPaths()
	for path, item := range server.Paths.Map() {
		methods := wanted[pathShape(path)]
		if len(methods) == 0 {
			continue
		}
		kept := &openapi3.PathItem{
			Extensions:  item.Extensions,
			Origin:      item.Origin,
			Summary:     item.Summary,
			Description: item.Description,
			Servers:     item.Servers,
			Parameters:  item.Parameters,
		}
		for method, op := range item.Operations() {
			if slices.Contains(methods, method) {
				kept.SetOperation(method, op)
			}
		}
		if len(kept.Operations()) > 0 {
			paths.Set(path, kept)
		}
	}

	filtered := *server
	filtered.Paths = paths
	return &filtered
}

// pathParamRenamedId is the rule id of our one check of our own (oasdiff
// has none for this): see renamedPathParams.
const pathParamRenamedId = "path-parameter-renamed"

// renamedPathParams finds our operations whose path has the same shape as
// the server's but names a path variable differently (/agents/{id} against
// /agents/{agentId}). oasdiff deliberately pairs such paths and stays
// silent, because the request on the wire is the same. We still report it:
// our contract should speak the server's vocabulary, and the generated SDK
// takes its argument names from it. A deliberate rename can be
// allow-listed under this id.
func renamedPathParams(ours, server *openapi3.T) []finding {
	var found []finding
	for ourPath, ourItem := range ours.Paths.Map() {
		for serverPath, serverItem := range server.Paths.Map() {
			if serverPath == ourPath || pathShape(serverPath) != pathShape(ourPath) {
				continue
			}
			ourNames := pathParams(ourPath)
			serverNames := pathParams(serverPath)
			var renames []string
			for i := range ourNames {
				if ourNames[i] != serverNames[i] {
					renames = append(renames, fmt.Sprintf("`%s` is `%s`", ourNames[i], serverNames[i]))
				}
			}
			for method, op := range ourItem.Operations() {
				if serverItem.GetOperation(method) == nil {
					continue
				}
				found = append(found, finding{
					level:  checker.ERR,
					method: method,
					path:   ourPath,
					opID:   op.OperationID,
					id:     pathParamRenamedId,
					text: fmt.Sprintf("path parameter %s on the server (server path `%s`)",
						strings.Join(renames, ", "), serverPath),
				})
			}
		}
	}
	return found
}

// genericPath replaces every template variable of a path with {}, so paths
// that differ only in variable names compare equal.
func genericPath(path string) string {
	for _, name := range pathParams(path) {
		path = strings.Replace(path, name, "{}", 1)
	}
	return path
}
