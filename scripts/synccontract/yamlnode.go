package main

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Small helpers over yaml.v3 nodes. The whole sync works on nodes rather
// than decoded Go values: scalars keep their literal text (a number stays
// exactly as the server wrote it), and the overlay package works on nodes
// too.

// get returns the value of key in mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set puts key: value in mapping m, replacing an existing value.
func set(m *yaml.Node, key string, value *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = value
			return
		}
	}
	m.Content = append(m.Content, str(key), value)
}

// del removes key from mapping m.
func del(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}

// pairs calls fn for every key and value of mapping m.
func pairs(m *yaml.Node, fn func(key string, value *yaml.Node)) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		fn(m.Content[i].Value, m.Content[i+1])
	}
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// normalize puts the tree in the one form it is written in: block style,
// no comments, no anchors, and every mapping's keys in order (byte order;
// the document root in topLevelOrder). Sequences keep their order: in
// OpenAPI it carries meaning (enum, required, parameters).
func normalize(n *yaml.Node, root bool) {
	n.Style = 0
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	n.Anchor = ""
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag == "" {
		n.Tag = "!!str"
	}
	for _, c := range n.Content {
		normalize(c, false)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	type kv struct{ k, v *yaml.Node }
	var kvs []kv
	for i := 0; i+1 < len(n.Content); i += 2 {
		kvs = append(kvs, kv{n.Content[i], n.Content[i+1]})
	}
	rank := func(k string) int {
		if !root {
			return 0
		}
		if i := slices.Index(topLevelOrder, k); i >= 0 {
			return i
		}
		return len(topLevelOrder)
	}
	slices.SortStableFunc(kvs, func(a, b kv) int {
		if d := rank(a.k.Value) - rank(b.k.Value); d != 0 {
			return d
		}
		return strings.Compare(a.k.Value, b.k.Value)
	})
	n.Content = n.Content[:0]
	for _, p := range kvs {
		n.Content = append(n.Content, p.k, p.v)
	}
}

// topLevelOrder is the order of the document's own keys: the way a reader
// expects an OpenAPI document to start.
var topLevelOrder = []string{"openapi", "info", "servers", "security", "tags", "paths", "components"}
