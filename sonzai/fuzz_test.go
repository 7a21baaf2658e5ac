package sonzai

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets for every parser that reads bytes the server (or a proxy in
// front of it) controls. `make fuzz` runs each for a while; CI runs a smoke
// of a few seconds each. Crashers found become seeds under testdata/fuzz.

func FuzzDecodeFrame(f *testing.F) {
	for _, seed := range []string{
		`{"choices":[{"delta":{"content":"hi","role":"assistant","tool_calls":[{"id":"c"}]},"index":0}]}`,
		`{"choices":[{"delta":{},"finish_reason":"stop","index":0}],"usage":{"t":1},"continuation_token":"x"}`,
		`{"type":"context_ready","build_duration_ms":9223372036854775807,"enriched_context":null}`,
		`{"type":"side_effects","data":{"a":1}}`, `{"type":"message_boundary","message_index":-1}`,
		`{"type":"phase","phase":"tool_call","tool":"x"}`, `{"error":{"message":"boom"}}`, `{"error":null}`,
		`[DONE]`, ` [DONE] `, `{}`, `[]`, `null`, `"str"`, `{"choices":null}`, `{"type":7}`, "\xff\xfe",
	} {
		f.Add("", []byte(seed))
	}
	f.Add("error", []byte(`{}`))
	f.Fuzz(func(t *testing.T, sseType string, data []byte) {
		original := bytes.Clone(data)
		ev, err := decodeFrame(sseType, data)
		if !bytes.Equal(data, original) {
			t.Fatal("decodeFrame modified its input")
		}
		if err != nil {
			if ev.Kind != "" {
				t.Fatalf("an error came with an event: %+v", ev)
			}
			_ = err.Error()
			return
		}
		switch ev.Kind {
		case ChatDelta, ChatContextReady, ChatSideEffects, ChatMessageBoundary, ChatPhase, ChatFinish, ChatDone, ChatUnknown:
		default:
			t.Fatalf("unknown kind %q", ev.Kind)
		}
		// A decoder reused across a stream must not carry anything over
		// from the previous frame.
		var reused frameDecoder
		prev := []byte(`{"type":"context_ready","build_duration_ms":5,"used_fast_path":true,"enriched_context":{"a":1},` +
			`"choices":[{"delta":{"content":"x","role":"r","tool_calls":[1]},"finish_reason":"stop","index":3},{"delta":{},"index":4}],` +
			`"data":{"d":1},"side_effects":{"s":1},"message_index":9,"phase":"p","tool":"t","usage":{"u":1},"continuation_token":"c","external_tool_calls":[2]}`)
		if _, err := reused.decode("", prev, false); err != nil {
			t.Fatal(err)
		}
		again, err2 := reused.decode(sseType, bytes.Clone(data), false)
		if (err2 == nil) != (err == nil) || !reflect.DeepEqual(again, ev) {
			t.Fatalf("a reused decoder gave %+v (%v), a fresh one %+v (%v)", again, err2, ev, err)
		}
		if ev.Kind != ChatDone && !bytes.Equal(ev.Raw, data) {
			t.Fatalf("Raw %q is not the frame %q", ev.Raw, data)
		}
		// Raw must not alias the decoder's buffer, which is reused.
		if len(data) > 0 && ev.Kind != ChatDone {
			data[0] ^= 0xff
			if bytes.Equal(ev.Raw, data) {
				t.Fatal("Raw aliases the input buffer")
			}
		}
	})
}

func FuzzDecodeProblem(f *testing.F) {
	f.Add("application/problem+json", []byte(`{"title":"Bad","status":422,"detail":"d","errors":[{"location":"body.x","message":"m","value":[1]}]}`))
	f.Add("application/json; charset=utf-8", []byte(`{"errors":null}`))
	f.Add("text/html", []byte(`<html><head><title>502 Bad Gateway</title></head></html>`))
	f.Add("text/html", []byte(`<html><title>`+strings.Repeat("é", 600)+`</title>`))
	f.Add("", []byte(`{"detail":`))
	f.Add("text/plain", []byte("\xff\xfe\x00"))
	f.Add(";;;", []byte(strings.Repeat("x", 5000)))
	f.Add("application/problem+json", []byte(`{"detail":"`+strings.Repeat(`line\n\u001b[2J\u202e\u0000 `, 4000)+`","errors":[{"location":"\r\n","message":"\u0007"}]}`))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		e := &APIError{StatusCode: 500}
		decodeProblem(e, contentType, body)
		msg := e.Error()
		if !utf8.ValidString(e.Body) {
			t.Fatalf("Body is not valid UTF-8: %q", e.Body)
		}
		if len(e.Body) > maxBodyExcerpt+len("…") {
			t.Fatalf("Body is %d bytes, over the bound", len(e.Body))
		}
		if strings.ContainsAny(e.Body, "\r\n") {
			t.Fatalf("Body spans lines: %q", e.Body)
		}
		if !strings.HasPrefix(msg, "sonzai: 500") {
			t.Fatalf("Error() = %q", msg)
		}
		if len(msg) > 1200 {
			t.Fatalf("Error() is %d bytes, over the bound", len(msg))
		}
		if i := strings.IndexFunc(msg, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) }); i >= 0 {
			t.Fatalf("Error() holds a control character at %d: %q", i, msg)
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"0", "1", "120", "-5", " 7 ", "99999999999999999999", "1.5", "Mon, 23 Nov 2026 12:00:30 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Fri, 31 Dec 9999 23:59:59 GMT", "", "soon"} {
		f.Add(s)
	}
	f.Add("99999999999999999999999")
	f.Fuzz(func(t *testing.T, v string) {
		d := parseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("parseRetryAfter(%q) = %s, negative", v, d)
		}
		// A positive number of seconds, however large, is a wait, never
		// "no hint".
		digits := strings.TrimSpace(v)
		if digits != "" && strings.Trim(digits, "0123456789") == "" && strings.Trim(digits, "0") != "" && d <= 0 {
			t.Fatalf("parseRetryAfter(%q) = %s, want a positive wait", v, d)
		}
	})
}

// cannedTransport answers listAgents from a script of pages, in process.
type cannedTransport struct {
	pages    []cannedPage
	requests []string // the cursor each request sent
}

type cannedPage struct {
	next    string
	hasMore bool
}

func (c *cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.requests = append(c.requests, r.URL.Query().Get("cursor"))
	page := cannedPage{}
	if i := len(c.requests) - 1; i < len(c.pages) {
		page = c.pages[i]
	}
	body, _ := json.Marshal(map[string]any{
		"items":       []map[string]any{{"agent_id": "a", "tenant_id": "t", "owner_user_id": "o", "instance_count": 1, "is_active": true, "created_at": "2026-01-01T00:00:00Z"}},
		"has_more":    page.hasMore,
		"next_cursor": page.next,
		"total_count": 0,
	})
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
}

// FuzzListCursors feeds List arbitrary cursor sequences: it must always
// stop, send each cursor exactly as received, and report a repeated cursor
// as an error instead of looping.
func FuzzListCursors(f *testing.F) {
	f.Add("c2\x00c3\x00", true)
	f.Add("a\x00a\x00", true)
	f.Add("x y/?#&=%\x00\xff\x00", false)
	f.Add("", true)
	f.Fuzz(func(t *testing.T, script string, moreOnLast bool) {
		var pages []cannedPage
		parts := strings.Split(script, "\x00")
		for i, p := range parts {
			// The cursor as the server's JSON carries it (invalid UTF-8
			// becomes U+FFFD on the way).
			var sent string
			raw, _ := json.Marshal(p)
			_ = json.Unmarshal(raw, &sent)
			pages = append(pages, cannedPage{next: sent, hasMore: i < len(parts)-1 || moreOnLast})
		}
		rt := &cannedTransport{pages: pages}
		c, err := NewClient(WithAPIKey("k"), WithBaseURL("http://127.0.0.1:1"), WithHTTPClient(&http.Client{Transport: rt}), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		items, errs := 0, 0
		for _, err := range c.Agents.List(context.Background(), AgentListParams{}) {
			if err != nil {
				errs++
				continue
			}
			if errs > 0 {
				t.Fatal("an item after the error")
			}
			items++
		}
		if errs > 1 || len(rt.requests) > len(pages)+1 || items != len(rt.requests) {
			t.Fatalf("%d requests, %d items, %d errors for %d pages", len(rt.requests), items, errs, len(pages))
		}
		seen := map[string]bool{"": true}
		for i, cur := range rt.requests[1:] {
			if cur != pages[i].next {
				t.Fatalf("request %d sent cursor %q, the server gave %q", i+1, cur, pages[i].next)
			}
			if seen[cur] {
				t.Fatalf("cursor %q was requested twice", cur)
			}
			seen[cur] = true
		}
	})
}

// FuzzTurnResultFastDecode checks TurnResult's one-pass decoder (and the
// JSON walk behind it) against plain encoding/json on the same body: same
// error or success, same fields, same raw next_context.
func FuzzTurnResultFastDecode(f *testing.F) {
	for _, seed := range []string{
		`{"success":true,"extraction_id":"e","extraction_status":"queued","mood":{"valence":0.1,"arousal":0,"tension":0,"affiliation":0}}`,
		`{"success":true,"extraction_id":"e","extraction_status":"queued","next_context":{"bio":"x","loaded_facts":[{"atomic_text":"a","fact_type":"t","importance":1}],"k":[1,{"a":"}"}]}}`,
		`{"next_context":{"bio":5,"custom":"\"}"}, "NEXT_CONTEXT": {"bio":"later"}}`,
		`{"next_context":null}`, `{"next_context":"str"}`, `{"next_context":{"game_context":{"a":1},"backend_context":null}}`,
		` { "next_context" : { "a" : [ ] } , "success" : true } `, `{"next_\u0063ontext":{"bio":"escaped key"}}`, `[]`, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var fast, exact TurnResult
		fastErr := fast.decodeBody(bytes.Clone(body))
		exactErr := json.Unmarshal(body, &exact)
		if (fastErr == nil) != (exactErr == nil) {
			t.Fatalf("fast error %v, exact error %v", fastErr, exactErr)
		}
		if fastErr != nil {
			return
		}
		if (fast.NextContext == nil) != (exact.NextContext == nil) {
			t.Fatalf("next_context present: fast %v, exact %v", fast.NextContext != nil, exact.NextContext != nil)
		}
		if fast.NextContext != nil {
			if !bytes.Equal(fast.NextContext.Raw, exact.NextContext.Raw) {
				t.Fatalf("Raw differs:\nfast  %s\nexact %s", fast.NextContext.Raw, exact.NextContext.Raw)
			}
			a, b := *fast.NextContext, *exact.NextContext
			a.layers, b.layers, a.Raw, b.Raw = nil, nil, nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("typed layers differ:\nfast  %#v\nexact %#v", a, b)
			}
		}
		fast.NextContext, exact.NextContext = nil, nil
		if !reflect.DeepEqual(fast, exact) {
			t.Fatalf("fields differ:\nfast  %+v\nexact %+v", fast, exact)
		}
	})
}
