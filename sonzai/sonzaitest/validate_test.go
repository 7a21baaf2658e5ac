package sonzaitest

import (
	"regexp"
	"testing"
)

// TestUnsupportedProperty checks unsupportedProperty against the pattern
// it replaced, ^property "(.+)" is unsupported$.
func TestUnsupportedProperty(t *testing.T) {
	re := regexp.MustCompile(`^property "(.+)" is unsupported$`)
	for _, reason := range []string{
		`property "user_id" is unsupported`,
		`property "a" is unsupported`,
		`property "say "hi"" is unsupported`,
		`property "" is unsupported`,
		`property " is unsupported`,
		`property "x" is unsupported!`,
		` property "x" is unsupported`,
		`property "two` + "\n" + `lines" is unsupported`,
		`property "cr` + "\r" + `" is unsupported`,
		`property "bad` + "\xff" + `" is unsupported`,
		`property "x" is missing`,
		`doesn't match schema due to: property "x" is unsupported`,
		"",
	} {
		var want string
		m := re.FindStringSubmatch(reason)
		if m != nil {
			want = m[1]
		}
		name, ok := unsupportedProperty(reason)
		if ok != (m != nil) || name != want {
			t.Errorf("unsupportedProperty(%q) = %q, %v; want %q, %v", reason, name, ok, want, m != nil)
		}
	}
}
