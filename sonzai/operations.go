package sonzai

import (
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen/ops"
)

// operationIndex finds the contract operation a request built by the
// generated client is for, so that Raw calls get the operationId in their
// errors and logs, and streams are sent as streams. It is built from the
// generated table (gen/ops) the first time a Client's Raw is used: a tree
// of path segments, walked once per call without allocating.
type operationIndex struct {
	root segmentNode
}

// segmentNode is one segment position of the path templates below it.
type segmentNode struct {
	literal map[string]*segmentNode // children by literal segment
	param   *segmentNode            // the child for a {parameter} segment
	ops     map[string]ops.Operation
}

func newOperationIndex() *operationIndex {
	ix := &operationIndex{}
	for _, op := range ops.Operations() {
		n := &ix.root
		for _, seg := range strings.Split(strings.Trim(op.Path, "/"), "/") {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				if n.param == nil {
					n.param = &segmentNode{}
				}
				n = n.param
				continue
			}
			if n.literal == nil {
				n.literal = map[string]*segmentNode{}
			}
			child := n.literal[seg]
			if child == nil {
				child = &segmentNode{}
				n.literal[seg] = child
			}
			n = child
		}
		if n.ops == nil {
			n.ops = map[string]ops.Operation{}
		}
		n.ops[op.Method] = op
	}
	return ix
}

// lookup finds the operation for method and an escaped path relative to
// the API root ("agents/a%2Fb/mood"). A parameter matches one whole,
// non-empty segment, so an escaped slash inside a parameter cannot shift
// the match. When two templates match (the contract has pairs such as
// users/import/{jobId} and users/{userId}/conversations), the one with a
// literal segment where the other has a parameter, leftmost first, wins,
// as in the server's router.
func (ix *operationIndex) lookup(method, path string) (ops.Operation, bool) {
	return ix.root.find(method, strings.Trim(path, "/"))
}

func (n *segmentNode) find(method, rest string) (ops.Operation, bool) {
	seg, more, deeper := strings.Cut(rest, "/")
	if child := n.literal[seg]; child != nil {
		if op, ok := child.at(method, more, deeper); ok {
			return op, true
		}
	}
	// No literal route below: a parameter takes any non-empty segment.
	if n.param != nil && seg != "" {
		return n.param.at(method, more, deeper)
	}
	return ops.Operation{}, false
}

// at is the operation of this node when the path ends here, or the one
// found below it.
func (n *segmentNode) at(method, rest string, deeper bool) (ops.Operation, bool) {
	if !deeper {
		op, ok := n.ops[method]
		return op, ok
	}
	return n.find(method, rest)
}
