package main

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// The server's document is read through an allow-list of keys per kind of
// OpenAPI object: a key we know to be a fact is kept, a key we know to be
// prose is dropped, and any other key fails the sync, so that a new field
// in the server's spec is looked at (and classified here) before it can
// enter the repository.

// proseKeys are dropped wherever they appear: words written by the
// server's authors, which are not ours to copy.
var proseKeys = set_("description", "summary", "title", "example", "examples", "$comment", "externalDocs")

var (
	// Not here, so an error if they appear: `servers` (a per-operation base
	// URL would need a decision) and `callbacks` (their content is not
	// cleaned).
	operationFacts = set_("operationId", "tags", "parameters", "requestBody", "responses", "deprecated")
	// security is replaced by the contract's global apiKey requirement.
	operationReplaced = set_("security")
	parameterFacts    = set_("$ref", "name", "in", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved", "schema", "content")
	requestBodyFacts  = set_("$ref", "content", "required")
	responseFacts     = set_("$ref", "content", "headers", "links")
	headerFacts       = set_("$ref", "required", "deprecated", "style", "explode", "schema", "content")
	mediaTypeFacts    = set_("schema", "encoding")
	encodingFacts     = set_("contentType", "headers", "style", "explode", "allowReserved")
	// pathItemFacts are the keys of a path item besides its operations.
	pathItemFacts = set_("parameters")
	// schemaFacts are the JSON Schema and OpenAPI keywords that state what
	// the wire carries. `default` is kept: it is what the server does when
	// a field is left out.
	schemaFacts = set_("$ref", "type", "format", "enum", "const", "default", "required", "properties",
		"additionalProperties", "items", "prefixItems", "allOf", "anyOf", "oneOf", "not",
		"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
		"minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
		"minProperties", "maxProperties", "readOnly", "writeOnly", "nullable", "deprecated",
		"discriminator", "contentMediaType", "contentEncoding", "patternProperties",
		"propertyNames", "unevaluatedProperties", "dependentRequired", "xml")
)

func set_(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// cleaner drops prose and reports keys it does not know.
type cleaner struct {
	unknown []string
}

func (c *cleaner) err() error {
	if len(c.unknown) == 0 {
		return nil
	}
	if len(c.unknown) > 20 {
		c.unknown = append(c.unknown[:20], fmt.Sprintf("... and %d more", len(c.unknown)-20))
	}
	return fmt.Errorf("the server's spec uses keys synccontract does not know as fact or prose "+
		"(classify them in scripts/synccontract/prose.go):\n  %s", strings.Join(c.unknown, "\n  "))
}

// filter keeps the keys of m that are in facts (or are x- extensions named
// in nothing: extensions are dropped, they are the server's own), drops
// prose and unknown keys, and records the unknown ones.
func (c *cleaner) filter(m *yaml.Node, at string, facts map[string]bool, alsoDrop map[string]bool) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		switch {
		case facts[k]:
			kept = append(kept, m.Content[i], m.Content[i+1])
		case proseKeys[k], alsoDrop[k], strings.HasPrefix(k, "x-"):
		default:
			c.unknown = append(c.unknown, at+"."+k)
		}
	}
	m.Content = kept
}

// pathItem reports the keys of a path item that are neither operations
// nor known facts or prose; its operations and parameters are cleaned by
// the caller, which picks the operations.
func (c *cleaner) pathItem(item *yaml.Node, at string) {
	pairs(item, func(k string, _ *yaml.Node) {
		if !slices.Contains(httpMethods, k) && !pathItemFacts[k] && !proseKeys[k] && !strings.HasPrefix(k, "x-") {
			c.unknown = append(c.unknown, at+"."+k)
		}
	})
}

func (c *cleaner) operation(op *yaml.Node, at string) {
	c.filter(op, at, operationFacts, operationReplaced)
	c.parameters(get(op, "parameters"), at+".parameters")
	if rb := get(op, "requestBody"); rb != nil {
		c.requestBody(rb, at+".requestBody")
	}
	pairs(get(op, "responses"), func(code string, r *yaml.Node) {
		c.response(r, at+".responses."+code)
	})
}

func (c *cleaner) parameters(list *yaml.Node, at string) {
	if list == nil {
		return
	}
	for i, p := range list.Content {
		c.parameter(p, fmt.Sprintf("%s[%d]", at, i))
	}
}

func (c *cleaner) parameter(p *yaml.Node, at string) {
	c.filter(p, at, parameterFacts, nil)
	c.schema(get(p, "schema"), at+".schema")
	c.content(get(p, "content"), at+".content")
}

func (c *cleaner) requestBody(rb *yaml.Node, at string) {
	c.filter(rb, at, requestBodyFacts, nil)
	c.content(get(rb, "content"), at+".content")
}

func (c *cleaner) response(r *yaml.Node, at string) {
	c.filter(r, at, responseFacts, nil)
	c.content(get(r, "content"), at+".content")
	pairs(get(r, "headers"), func(name string, h *yaml.Node) {
		c.header(h, at+".headers."+name)
	})
}

func (c *cleaner) header(h *yaml.Node, at string) {
	c.filter(h, at, headerFacts, nil)
	c.schema(get(h, "schema"), at+".schema")
	c.content(get(h, "content"), at+".content")
}

func (c *cleaner) content(content *yaml.Node, at string) {
	pairs(content, func(mediaType string, mt *yaml.Node) {
		where := at + "." + mediaType
		c.filter(mt, where, mediaTypeFacts, nil)
		c.schema(get(mt, "schema"), where+".schema")
		pairs(get(mt, "encoding"), func(prop string, e *yaml.Node) {
			c.filter(e, where+".encoding."+prop, encodingFacts, nil)
			pairs(get(e, "headers"), func(name string, h *yaml.Node) {
				c.header(h, where+".encoding."+prop+".headers."+name)
			})
		})
	})
}

// schema cleans a schema and every schema inside it. Keys under
// `properties` (and the other name-to-schema maps) are field names, not
// keywords: a field called "description" is a fact and stays.
func (c *cleaner) schema(s *yaml.Node, at string) {
	if s == nil || s.Kind != yaml.MappingNode { // `true`/`false` schemas have nothing to clean
		return
	}
	c.filter(s, at, schemaFacts, nil)
	for _, k := range []string{"items", "not", "additionalProperties", "propertyNames", "unevaluatedProperties"} {
		c.schema(get(s, k), at+"."+k)
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf", "prefixItems"} {
		if list := get(s, k); list != nil {
			for i, sub := range list.Content {
				c.schema(sub, fmt.Sprintf("%s.%s[%d]", at, k, i))
			}
		}
	}
	for _, k := range []string{"properties", "patternProperties"} {
		pairs(get(s, k), func(name string, sub *yaml.Node) {
			c.schema(sub, at+"."+k+"."+name)
		})
	}
	if d := get(s, "discriminator"); d != nil {
		c.filter(d, at+".discriminator", set_("propertyName", "mapping"), nil)
	}
}
