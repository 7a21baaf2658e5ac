package sonzai_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// The user documents name services, methods and Examples; these tests
// keep every such name real, so a rename or a removed method cannot leave
// the README or docs/services.md pointing at nothing.

// userDocs are the documents checked, relative to this package.
var userDocs = []string{"../README.md", "../docs/services.md"}

// TestREADMEListsEveryService checks that the README's Services table
// names every service field of Client.
func TestREADMEListsEveryService(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(readme), "## Services")
	if !ok {
		t.Fatal("README.md has no Services section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	ct := reflect.TypeFor[sonzai.Client]()
	for i := range ct.NumField() {
		f := ct.Field(i)
		if !f.IsExported() || !strings.HasSuffix(f.Type.String(), "Service") {
			continue
		}
		if !strings.Contains(table, "`"+f.Name+"`") {
			t.Errorf("the README's Services table does not name client.%s", f.Name)
		}
	}
}

// TestDocsNameRealMethods checks every `client.Service.Method` and
// `Service.Method` the user documents mention against the services'
// method sets.
func TestDocsNameRealMethods(t *testing.T) {
	services := map[string]reflect.Type{}
	ct := reflect.TypeFor[sonzai.Client]()
	for i := range ct.NumField() {
		if f := ct.Field(i); f.IsExported() && strings.HasSuffix(f.Type.String(), "Service") {
			services[f.Name] = f.Type
		}
	}
	ref := regexp.MustCompile(`(?:^|[^.\w])(?:client\.)?([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)\b`)
	checked := 0
	for _, doc := range userDocs {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ref.FindAllStringSubmatch(string(text), -1) {
			svc, ok := services[m[1]]
			if !ok {
				continue // not a service: sonzai.Ptr, webhook.Sign, ...
			}
			checked++
			if _, ok := svc.MethodByName(m[2]); !ok {
				t.Errorf("%s names %s.%s, which is not a method of %s", doc, m[1], m[2], svc)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d service methods named in the documents: is the pattern still right?", checked)
	}
}

// TestDocsNameRealExamples checks that every Example the user documents
// name exists, in this package or in webhook and sonzaitest.
func TestDocsNameRealExamples(t *testing.T) {
	files := []string{}
	for _, pattern := range []string{"*_test.go", "webhook/*_test.go", "sonzaitest/*_test.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	defined := map[string]bool{}
	decl := regexp.MustCompile(`(?m)^func (Example\w*)\(\)`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			defined[m[1]] = true
		}
	}
	use := regexp.MustCompile("`(Example\\w*)`" + `|Example: (Example\w*)`)
	for _, doc := range userDocs {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(text), -1) {
			name := m[1] + m[2]
			if !defined[name] {
				t.Errorf("%s names %s, which no test file defines", doc, name)
			}
		}
	}
}
