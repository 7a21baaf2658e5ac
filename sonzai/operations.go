package sonzai

import (
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen/ops"
)

// operationIndex finds the contract operation a request built by the
// generated client is for, so that Raw calls get the operationId in their
// errors and logs, and streams are sent as streams. It is built from the
// generated table (gen/ops) the first time a Client's Raw is used.
type operationIndex struct {
	// byShape holds the path templates by method and segment count.
	byShape map[shapeKey][]opTemplate
}

type shapeKey struct {
	method   string
	segments int
}

type opTemplate struct {
	op ops.Operation
	// segments of the path template; "" stands for a parameter.
	segments []string
}

func newOperationIndex() *operationIndex {
	ix := &operationIndex{byShape: map[shapeKey][]opTemplate{}}
	for _, op := range ops.Operations() {
		segs := strings.Split(strings.Trim(op.Path, "/"), "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				segs[i] = ""
			}
		}
		k := shapeKey{op.Method, len(segs)}
		ix.byShape[k] = append(ix.byShape[k], opTemplate{op: op, segments: segs})
	}
	return ix
}

// lookup finds the operation for method and an escaped path relative to
// the API root ("agents/a%2Fb/mood"). Parameters match one whole segment,
// so an escaped slash inside a parameter cannot shift the match. When two
// templates match (the contract has pairs such as users/import/{jobId} and
// users/{userId}/conversations), the one with a literal segment where the
// other has a parameter, leftmost first, wins, as in the server's router.
func (ix *operationIndex) lookup(method, path string) (ops.Operation, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *opTemplate
	for i, t := range ix.byShape[shapeKey{method, len(segs)}] {
		if !t.matches(segs) {
			continue
		}
		if best == nil || t.moreLiteralThan(best) {
			best = &ix.byShape[shapeKey{method, len(segs)}][i]
		}
	}
	if best == nil {
		return ops.Operation{}, false
	}
	return best.op, true
}

func (t *opTemplate) matches(segs []string) bool {
	for i, s := range t.segments {
		if s == "" {
			if segs[i] == "" {
				return false
			}
			continue
		}
		if s != segs[i] {
			return false
		}
	}
	return true
}

func (t *opTemplate) moreLiteralThan(o *opTemplate) bool {
	for i := range t.segments {
		mine, theirs := t.segments[i] != "", o.segments[i] != ""
		if mine != theirs {
			return mine
		}
	}
	return false
}
