package sonzaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// This file answers the operations the fake has no behaviour of its own
// for: every operation of the contract that sonzai/ does not wrap. The
// answer is the operation's documented success status with a body built
// from the response schema. It is deterministic (the same operation always
// gets the same bytes) and valid against the contract
// (TestSynthesizedAnswersMatchContract checks every one), so code written
// against the generated client can run against the fake. It is not state:
// a created thing cannot be read back.

// synthStamp is the time every synthesized date-time carries.
const synthStamp = "2026-01-01T00:00:00Z"

// maxSynthDepth bounds how deep optional properties are filled in; below
// it only required properties are, so recursive schemas end.
const maxSynthDepth = 4

// synthesize answers route's operation with its success response.
func (s *Server) synthesize(w http.ResponseWriter, r *http.Request, route *routers.Route) {
	status, resp := successResponse(route.Operation)
	if resp == nil || len(resp.Content) == 0 {
		w.WriteHeader(status)
		return
	}
	if mt := resp.Content.Get("text/event-stream"); mt != nil {
		s.synthesizeStream(w, r, status, mt)
		return
	}
	mt := resp.Content.Get("application/json")
	if mt == nil {
		w.WriteHeader(status)
		return
	}
	_ = writeBody(w, status, "application/json", synthValue(mt.Schema, "", 0, false))
}

// synthesizeStream answers an event stream: two events with ids 1 and 2
// whose data is a synthesized value of the stream's schema, then the end of
// the stream. A request that resumes with Last-Event-ID gets only the
// events after that id, so a client that reconnects sees each event once.
func (s *Server) synthesizeStream(w http.ResponseWriter, r *http.Request, status int, mt *openapi3.MediaType) {
	data, err := jsonText(synthValue(mt.Schema, "", 0, false))
	if err != nil {
		s.answerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	rc := http.NewResponseController(w)
	last, _ := strconv.Atoi(r.Header.Get("Last-Event-ID"))
	for i := max(last, 0) + 1; i <= 2; i++ {
		if _, err := fmt.Fprintf(w, "id: %d\ndata: %s\n\n", i, data); err != nil {
			return
		}
		_ = rc.Flush()
	}
}

// successResponse is the operation's first documented 2xx response.
func successResponse(op *openapi3.Operation) (int, *openapi3.Response) {
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	if len(codes) == 0 {
		return http.StatusOK, nil
	}
	status, err := strconv.Atoi(codes[0])
	if err != nil {
		status = http.StatusOK
	}
	ref := op.Responses.Value(codes[0])
	if ref == nil {
		return status, nil
	}
	return status, ref.Value
}

// synthValue builds a value of schema. name is the property it is for,
// used to make strings recognisable ("name-value"); depth counts objects.
// A value for a request leaves out read-only properties, one for a
// response write-only ones.
func synthValue(ref *openapi3.SchemaRef, name string, depth int, request bool) any {
	if ref == nil || ref.Value == nil {
		return map[string]any{}
	}
	sc := ref.Value
	switch {
	case sc.Const != nil:
		return sc.Const
	case len(sc.Enum) > 0:
		return sc.Enum[0]
	case len(sc.OneOf) > 0:
		return synthValue(sc.OneOf[0], name, depth, request)
	case len(sc.AnyOf) > 0:
		return synthValue(sc.AnyOf[0], name, depth, request)
	case len(sc.AllOf) > 0:
		merged := map[string]any{}
		for _, part := range sc.AllOf {
			if obj, ok := synthValue(part, name, depth, request).(map[string]any); ok {
				for k, v := range obj {
					merged[k] = v
				}
			}
		}
		return merged
	}
	switch typ := schemaType(sc); typ {
	case openapi3.TypeString:
		return synthString(sc, name)
	case openapi3.TypeInteger:
		return int64(clampNumber(sc, 1))
	case openapi3.TypeNumber:
		return clampNumber(sc, 0.5)
	case openapi3.TypeBoolean:
		return true
	case openapi3.TypeArray:
		n := 1
		if sc.MinItems > 1 {
			n = int(sc.MinItems)
		}
		if sc.MaxItems != nil && uint64(n) > *sc.MaxItems {
			n = int(*sc.MaxItems)
		}
		items := make([]any, n)
		for i := range items {
			items[i] = synthValue(sc.Items, name, depth+1, request)
		}
		return items
	case openapi3.TypeNull:
		return nil
	case openapi3.TypeObject, "":
		return synthObject(sc, depth, request)
	default:
		return map[string]any{}
	}
}

// schemaType is the schema's type, the non-null one of a 3.1 type list
// such as [array, "null"], or "" when the schema does not say.
func schemaType(sc *openapi3.Schema) string {
	if sc.Type == nil {
		return ""
	}
	for _, t := range sc.Type.Slice() {
		if t != openapi3.TypeNull {
			return t
		}
	}
	if sc.Type.Includes(openapi3.TypeNull) {
		return openapi3.TypeNull
	}
	return ""
}

func synthObject(sc *openapi3.Schema, depth int, request bool) map[string]any {
	out := map[string]any{}
	required := map[string]bool{}
	for _, r := range sc.Required {
		required[r] = true
	}
	names := make([]string, 0, len(sc.Properties))
	for name := range sc.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		prop := sc.Properties[name]
		if depth >= maxSynthDepth && !required[name] || prop.Value != nil && (request && prop.Value.ReadOnly || !request && prop.Value.WriteOnly) {
			continue
		}
		out[name] = synthValue(prop, name, depth+1, request)
	}
	return out
}

func synthString(sc *openapi3.Schema, name string) string {
	var v string
	if sc.Format == "binary" || sc.Format == "byte" || sc.ContentEncoding == "base64" {
		// Bytes travel as base64 in JSON: "synthesized".
		return "c3ludGhlc2l6ZWQ="
	}
	switch sc.Format {
	case "date-time":
		return synthStamp
	case "date":
		return synthStamp[:10]
	case "uuid":
		return "00000000-0000-4000-8000-000000000001"
	case "uri", "url":
		return "https://example.com/" + strings.ReplaceAll(name, "_", "-")
	case "email":
		return "user@example.com"
	}
	if name == "" {
		v = "value"
	} else {
		v = name + "-value"
	}
	for uint64(len(v)) < sc.MinLength {
		v += "x"
	}
	if sc.MaxLength != nil && uint64(len(v)) > *sc.MaxLength {
		v = v[:*sc.MaxLength]
	}
	return v
}

// clampNumber is want moved into the schema's bounds.
func clampNumber(sc *openapi3.Schema, want float64) float64 {
	if sc.Min != nil && want < *sc.Min {
		want = *sc.Min
	}
	if sc.Max != nil && want > *sc.Max {
		want = *sc.Max
	}
	return want
}

// jsonText is v as compact JSON on one line, as an SSE data field needs.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
