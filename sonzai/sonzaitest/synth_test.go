package sonzaitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// TestSynthesizedAnswersMatchContract synthesizes the answer of every
// operation of the contract (the ones the fake serves from state too) and
// validates it, status, headers and body, against openapi.yaml as loaded
// from disk. For an event stream, each event's data is validated against
// the stream's schema. Two syntheses of one operation must be identical.
func TestSynthesizedAnswersMatchContract(t *testing.T) {
	doc, err := contract()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
			req := httptest.NewRequest(method, apiPrefix+path, nil)
			first, second := httptest.NewRecorder(), httptest.NewRecorder()
			s.synthesize(first, req, route)
			s.synthesize(second, req, route)
			if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
				t.Errorf("%s: two syntheses differ:\n%s\n%s", op.OperationID, first.Body, second.Body)
			}
			if err := checkSynthesized(doc, route, req, first); err != nil {
				t.Errorf("%s: %v\nbody: %s", op.OperationID, err, excerpt(first.Body.Bytes()))
			}
		}
	}
	if n != 388 {
		t.Errorf("checked %d operations, want 388", n)
	}
}

func checkSynthesized(doc *openapi3.T, route *routers.Route, req *http.Request, rec *httptest.ResponseRecorder) error {
	status, resp := successResponse(route.Operation)
	if rec.Code != status {
		return fmt.Errorf("status %d, want %d", rec.Code, status)
	}
	stream := strings.HasPrefix(rec.Header().Get("Content-Type"), "text/event-stream")
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, ExcludeResponseBody: stream}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return err
	}
	if !stream {
		if resp == nil || len(resp.Content) == 0 {
			if rec.Body.Len() != 0 {
				return fmt.Errorf("a body where the contract declares none")
			}
		}
		return nil
	}
	schema := resp.Content.Get("text/event-stream").Schema
	events := strings.Split(strings.TrimSuffix(rec.Body.String(), "\n\n"), "\n\n")
	if len(events) < 2 {
		return fmt.Errorf("%d events, want at least 2", len(events))
	}
	for i, ev := range events {
		var data string
		for _, line := range strings.Split(ev, "\n") {
			if d, ok := strings.CutPrefix(line, "data: "); ok {
				data = d
			}
		}
		var v any
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return fmt.Errorf("event %d: %v", i, err)
		}
		if schema != nil && schema.Value != nil {
			if err := schema.Value.VisitJSON(v); err != nil {
				return fmt.Errorf("event %d: %v", i, err)
			}
		}
	}
	return nil
}

// TestSynthesizedStreamResumes answers a reconnect that names the last event
// it saw with the events after it, as a resumable stream does.
func TestSynthesizedStreamResumes(t *testing.T) {
	fake := NewServer(t)
	req, err := http.NewRequest(http.MethodGet, fake.URL()+apiPrefix+"/eval-runs/run-1/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+fake.APIKey())
	req.Header.Set("Last-Event-ID", "1")
	resp, err := fake.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), "id: 1\n") || !strings.Contains(string(body), "id: 2\n") {
		t.Errorf("resumed after event 1, got %q", body)
	}
}
