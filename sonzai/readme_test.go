package sonzai_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESnippetsAreCompiledExamples checks that every Go snippet in
// README.md marked <!-- Example: Name --> is, line for line, the body of the
// Example function Name in example_test.go, so the README cannot show code
// that does not compile or does not run. The Examples run against a
// sonzaitest fake; the README shows the same code against the real API:
// it leaves out the two lines that start and stop the fake, and shows
// sonzai.NewClient() where the Example calls fake.Client(). Nothing else
// may differ.
func TestREADMESnippetsAreCompiledExamples(t *testing.T) {
	const (
		fakeStart  = "fake := sonzaitest.New() // a local stand-in for the API; see the sonzaitest package"
		fakeStop   = "defer fake.Close()"
		fakeClient = "fake.Client() // with a real key: sonzai.NewClient()"
	)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "example_test.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
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

	marker := regexp.MustCompile("(?s)<!-- Example: (\\w+) -->\\s*```go\\n(.*?)```")
	matches := marker.FindAllSubmatch(readme, -1)
	if len(matches) < 5 {
		t.Fatalf("found %d marked snippets in README.md, want at least 5", len(matches))
	}
	for _, m := range matches {
		name, snippet := string(m[1]), strings.TrimSpace(string(m[2]))
		body, ok := bodies[name]
		switch {
		case !ok:
			t.Errorf("README.md shows %s, but example_test.go has no such function", name)
		case body != snippet:
			t.Errorf("README.md's %s snippet differs from the example:\n--- example\n%s\n--- README\n%s", name, body, snippet)
		}
	}
}
