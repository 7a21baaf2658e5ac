package main

import (
	"strings"
	"unicode"
)

// initialisms are written in capitals in a derived summary even where the
// operationId spells them in lower case (kbSearch).
var initialisms = map[string]string{"kb": "KB", "llm": "LLM", "mcp": "MCP", "ml": "ML", "id": "ID", "url": "URL", "sse": "SSE", "api": "API"}

// summaryFromID derives an operation's one-line summary from its
// operationId: the camelCase words, the first one capitalised, runs of
// capitals (acronyms such as BYOK, MCP) kept as they are.
//
//	listFacts      -> List facts
//	kbListOrgNodes -> KB list org nodes
//	getBYOKKeys    -> Get BYOK keys
func summaryFromID(id string) string {
	words := splitCamel(id)
	for i, w := range words {
		switch up, ok := initialisms[strings.ToLower(w)]; {
		case ok:
			words[i] = up
		case isUpper(w) && len([]rune(w)) > 1:
			// an acronym (BYOK, NBA): kept as it is
		default:
			words[i] = strings.ToLower(w)
		}
	}
	if len(words) > 0 {
		r := []rune(words[0])
		r[0] = unicode.ToUpper(r[0])
		words[0] = string(r)
	}
	return strings.Join(words, " ")
}

func isUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// splitCamel splits camelCase and PascalCase into words; a run of capitals
// is one word, its last capital starting the next word when a lower-case
// letter follows (MLNBAScore -> MLNBA Score).
func splitCamel(s string) []string {
	r := []rune(s)
	var words []string
	start := 0
	for i := 1; i < len(r); i++ {
		prev, cur := r[i-1], r[i]
		boundary := false
		switch {
		case unicode.IsLower(prev) && unicode.IsUpper(cur):
			boundary = true
		case unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(r) && unicode.IsLower(r[i+1]):
			boundary = true
		case unicode.IsDigit(prev) != unicode.IsDigit(cur):
			boundary = true
		}
		if boundary {
			words = append(words, string(r[start:i]))
			start = i
		}
	}
	return append(words, string(r[start:]))
}
