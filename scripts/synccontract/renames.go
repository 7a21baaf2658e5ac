package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// renamesKey is our one extension to the Overlay format. Overlay 1.0
// actions update or remove what a JSONPath selects; they cannot change a
// mapping key, which is what a path or a schema name is. The renames are
// applied before the overlay's actions, so actions name the new keys.
const renamesKey = "x-sonzai-renames"

// renames is the value of x-sonzai-renames in the overlay.
type renames struct {
	// Paths renames path keys of the server's spec.
	Paths []rename `yaml:"paths"`
	// Schemas renames component schemas; every $ref to one follows.
	Schemas []rename `yaml:"schemas"`
}

type rename struct {
	From   string `yaml:"from"`
	To     string `yaml:"to"`
	Reason string `yaml:"reason"`
}

// readRenames reads x-sonzai-renames from the overlay file; a misspelt
// key or a rename without a reason is an error.
func readRenames(path string) (*renames, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := &renames{}
	if len(doc.Content) == 0 {
		return r, nil
	}
	ext := get(doc.Content[0], renamesKey)
	if ext == nil {
		return r, nil
	}
	raw, err := yaml.Marshal(ext)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", path, renamesKey, err)
	}
	for _, list := range [][]rename{r.Paths, r.Schemas} {
		for _, rn := range list {
			if rn.From == "" || rn.To == "" || strings.TrimSpace(rn.Reason) == "" {
				return nil, fmt.Errorf("%s: %s: every rename needs from, to and a reason (from %q to %q)", path, renamesKey, rn.From, rn.To)
			}
		}
	}
	return r, nil
}

// apply renames paths and schemas in doc (our document before the
// overlay's actions). A rename whose `from` is not there is an error: it
// is stale, and the overlay must not keep stale entries.
func (r *renames) apply(doc *yaml.Node) error {
	paths := get(doc, "paths")
	for _, rn := range r.Paths {
		if err := renameKey(paths, rn); err != nil {
			return fmt.Errorf("%s: path: %w", renamesKey, err)
		}
	}
	schemas := get(get(doc, "components"), "schemas")
	for _, rn := range r.Schemas {
		if err := renameKey(schemas, rn); err != nil {
			return fmt.Errorf("%s: schema: %w", renamesKey, err)
		}
		from := "#/components/schemas/" + escapePointer(rn.From)
		to := "#/components/schemas/" + escapePointer(rn.To)
		rewriteRefs(doc, from, to)
	}
	return nil
}

func renameKey(m *yaml.Node, rn rename) error {
	if m == nil || get(m, rn.From) == nil {
		return fmt.Errorf("%q is not in the server's spec (stale rename? delete it)", rn.From)
	}
	if get(m, rn.To) != nil {
		return fmt.Errorf("cannot rename %q to %q: the name is taken", rn.From, rn.To)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == rn.From {
			m.Content[i] = str(rn.To)
		}
	}
	return nil
}

func rewriteRefs(n *yaml.Node, from, to string) {
	if n.Kind == yaml.MappingNode {
		if ref := get(n, "$ref"); ref != nil && ref.Value == from {
			ref.Value = to
		}
	}
	for _, c := range n.Content {
		rewriteRefs(c, from, to)
	}
}
