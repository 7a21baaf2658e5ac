package sonzai_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESnippetsAreCompiledExamples checks that every Go snippet in
// README.md marked <!-- Example: Name --> is, line for line, the body of the
// Example function Name in an example*_test.go file, so the README cannot
// show code that does not compile or does not run. The Examples run against
// a sonzaitest fake; the README shows the same code against the real API:
// it leaves out the two lines that start and stop the fake, and shows
// sonzai.NewClient() where the Example calls fake.Client(). Nothing else
// may differ.
func TestREADMESnippetsAreCompiledExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	checkSnippets(t, "README.md", readme, exampleBodies(t), 5)
}

// TestEveryEndpointDocSnippetIsTheExample holds docs/every-endpoint.md (the
// README's "Every endpoint" section) to the same rule.
func TestEveryEndpointDocSnippetIsTheExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/every-endpoint.md")
	if err != nil {
		t.Fatal(err)
	}
	checkSnippets(t, "docs/every-endpoint.md", doc, exampleBodies(t), 1)
}

// The lines an Example spends on the fake, and what the README shows
// instead.
const (
	fakeStart  = "fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package"
	fakeStop   = "defer fake.Close()"
	fakeClient = "fake.Client() // with a real key: sonzai.NewClient()"
)

// exampleBodies maps each Example function of the example*_test.go files
// to its body as the README shows it.
func exampleBodies(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("example*_test.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example files: %v", err)
	}
	bodies := map[string]string{}
	for _, name := range files {
		collectExampleBodies(t, name, bodies)
	}
	return bodies
}

func collectExampleBodies(t *testing.T, name string, bodies map[string]string) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fn.Name.Name, "Example") {
			continue
		}
		body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		var lines []string
		for _, line := range strings.Split(body, "\n") {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "// Output:") {
				break
			}
			if trimmed == fakeStart || trimmed == fakeStop {
				continue
			}
			line = strings.Replace(line, fakeClient, "sonzai.NewClient()", 1)
			lines = append(lines, strings.TrimPrefix(line, "\t"))
		}
		bodies[fn.Name.Name] = strings.TrimSpace(strings.Join(lines, "\n"))
	}
}

// checkSnippets compares every marked snippet of doc with its example.
func checkSnippets(t *testing.T, docName string, doc []byte, bodies map[string]string, atLeast int) {
	t.Helper()
	marker := regexp.MustCompile("(?s)<!-- Example: (\\w+) -->\\s*```go\\n(.*?)```")
	matches := marker.FindAllSubmatch(doc, -1)
	if len(matches) < atLeast {
		t.Fatalf("found %d marked snippets in %s, want at least %d", len(matches), docName, atLeast)
	}
	for _, m := range matches {
		name, snippet := string(m[1]), strings.TrimSpace(string(m[2]))
		body, ok := bodies[name]
		switch {
		case !ok:
			t.Errorf("%s shows %s, but no example*_test.go file has such a function", docName, name)
		case body != snippet:
			t.Errorf("%s's %s snippet differs from the example:\n--- example\n%s\n--- %s\n%s", docName, name, body, docName, snippet)
		}
	}
}
