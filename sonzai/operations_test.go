package sonzai

import (
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/gen/ops"
)

func TestOperationIndexLookup(t *testing.T) {
	ix := newOperationIndex()
	for _, c := range []struct{ method, path, want string }{
		{"GET", "agents/agent-mia/mood", "getMood"},
		{"GET", "agents/a%2Fb/mood", "getMood"}, // an escaped slash stays in its segment
		{"POST", "agents", "createAgent"},
		{"GET", "agents", "listAgents"},
		{"GET", "agents/agent-mia", "getAgent"},
		{"DELETE", "agents/agent-mia", "deleteAgent"},
		{"GET", "eval-runs/r1/events", "streamEvalEvents"},
		{"GET", "/agents/agent-mia/mood/", "getMood"},
	} {
		op, ok := ix.lookup(c.method, c.path)
		if !ok || op.ID != c.want {
			t.Errorf("%s %s = %q, %v; want %s", c.method, c.path, op.ID, ok, c.want)
		}
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "agents//mood"}, // an empty parameter matches nothing
		{"PATCH", "agents"},
		{"GET", "no/such/path/at/all"},
	} {
		if op, ok := ix.lookup(c.method, c.path); ok {
			t.Errorf("%s %s matched %s", c.method, c.path, op.ID)
		}
	}
}

// Where two path templates both match, the one with a literal segment
// where the other has a parameter, leftmost first, wins.
func TestOperationIndexPrefersLiterals(t *testing.T) {
	ix := newOperationIndex()
	all := ops.Operations()
	pairs := 0
	for _, a := range all {
		for _, b := range all {
			if a.ID == b.ID || a.Method != b.Method {
				continue
			}
			path, aFirst, ok := overlap(a.Path, b.Path)
			if !ok || !aFirst {
				continue
			}
			pairs++
			if op, _ := ix.lookup(a.Method, path); op.ID != a.ID {
				t.Errorf("%s %s: got %s, want %s (%s over %s)", a.Method, path, op.ID, a.ID, a.Path, b.Path)
			}
		}
	}
	if pairs == 0 {
		t.Error("no overlapping templates found; the contract has some (users/import/{jobId}, users/{userId}/conversations)")
	}
	t.Logf("%d overlapping template pairs", pairs)
}

// overlap builds a concrete path both templates match, and reports whether
// a has the first literal segment where b has a parameter.
func overlap(a, b string) (path string, aFirst, ok bool) {
	as, bs := strings.Split(strings.Trim(a, "/"), "/"), strings.Split(strings.Trim(b, "/"), "/")
	if len(as) != len(bs) {
		return "", false, false
	}
	decided := false
	segs := make([]string, len(as))
	for i := range as {
		ap, bp := strings.HasPrefix(as[i], "{"), strings.HasPrefix(bs[i], "{")
		switch {
		case !ap && !bp && as[i] != bs[i]:
			return "", false, false
		case !ap:
			segs[i] = as[i]
		case !bp:
			segs[i] = bs[i]
		default:
			segs[i] = "x"
		}
		if !decided && ap != bp {
			decided, aFirst = true, !ap
		}
	}
	return strings.Join(segs, "/"), aFirst, decided
}
