package sonzai_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// Every identifier that becomes a path segment stays inside its segment and
// reaches the server exactly as given, whatever it contains.
func TestHostileIdentifiersStayInTheirSegment(t *testing.T) {
	hostile := []string{
		"a/b", "../..", "..%2F", "x?y=1", "x#frag", "100%", "%2e%2e", "with space", "tab\there",
		"日本語", "emoji 🤖", "semi;colon", "plus+sign", "a\\b", "\u202e", "...", ".a", "a.",
	}
	type seen struct {
		path   string
		values []string
	}
	var got seen
	mux := http.NewServeMux()
	handle := func(pattern string, names ...string) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			got = seen{path: r.URL.EscapedPath()}
			for _, n := range names {
				got.values = append(got.values, r.PathValue(n))
			}
			writeJSON(w, 200, map[string]any{"success": true, "extraction_id": "e", "extraction_status": "queued", "state": "done",
				"enqueued_at": "t", "session_id": "s", "agent_id": "a", "status": "complete",
				"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
		})
	}
	handle("POST /api/v1/agents/{agent}/sessions/{session}/turn", "agent", "session")
	handle("GET /api/v1/agents/{agent}/turns/{id}/status", "agent", "id")
	handle("GET /api/v1/sessions/end/status/{id}", "id")
	handle("POST /api/v1/agents/{agent}/notifications/{msg}/consume", "agent", "msg")
	handle("GET /api/v1/agents/{agent}/chat/result/{id}", "agent", "id")
	c, _ := newTestServer(t, mux)
	ctx := context.Background()

	for _, id := range hostile {
		calls := map[string]func() error{
			"turn": func() error {
				s, err := c.Sessions.Resume(id, sonzai.StartParams{UserID: "u", SessionID: id})
				if err != nil {
					return err
				}
				_, err = s.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("hi")}})
				return err
			},
			"turn status":  func() error { _, err := c.Sessions.TurnStatus(ctx, id, id); return err },
			"end status":   func() error { _, err := c.Sessions.EndStatus(ctx, id); return err },
			"consume":      func() error { return c.Notifications.Consume(ctx, id, id) },
			"async result": func() error { _, err := c.Chat.AsyncResult(ctx, id, id); return err },
		}
		for name, call := range calls {
			got = seen{}
			if err := call(); err != nil {
				t.Errorf("%s with %q: %v", name, id, err)
				continue
			}
			for _, v := range got.values {
				if v != id {
					t.Errorf("%s with %q: the server decoded %q (path %s)", name, id, v, got.path)
				}
			}
			if len(got.values) == 0 {
				t.Errorf("%s with %q: the request reached another route (path %s)", name, id, got.path)
			}
			if !strings.HasPrefix(got.path, "/api/v1/") {
				t.Errorf("%s with %q: escaped the API prefix: %s", name, id, got.path)
			}
		}
	}
	for _, id := range []string{".", "..", ""} {
		if _, err := c.Sessions.EndStatus(ctx, id); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("processing id %q: got %v, want ErrInvalidArgument", id, err)
		}
	}
}

// A base URL with credentials never prints them, whether or not it parses.
func TestBaseURLCredentialsNeverPrinted(t *testing.T) {
	for _, raw := range []string{
		"https://user:hunter2pass@api.example.com/",
		"https://user:hunter2pass@api.example.com:badport/",
		"https://user:hunter2pass@api.example.com/%zz",
		"http://user:hunter2pass@[::1",
		"https://user:hunter2pass@api.example.com/\x7f",
		"https://:hunter2pass@api.example.com/",
		"ftp://user:hunter2pass@api.example.com/",
	} {
		_, err := sonzai.NewClient(sonzai.WithAPIKey(testKey), sonzai.WithBaseURL(raw))
		if !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("%q: got %v, want a validation error", raw, err)
			continue
		}
		if strings.Contains(fmt.Sprintf("%v %+v", err, err), "hunter2pass") {
			t.Errorf("the password is printed: %v", err)
		}
	}
}

// An API key with a control character is refused by NewClient, without
// printing it.
func TestAPIKeyWithControlCharactersRefused(t *testing.T) {
	for _, key := range []string{"sk_abc\x00def", "sk_abc\x01def", "sk_abc\x7fdef", "sk_abc\tdef", "sk_abc\u0085def"} {
		_, err := sonzai.NewClient(sonzai.WithAPIKey(key), sonzai.WithBaseURL("http://127.0.0.1:1"))
		if !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("WithAPIKey(%q): got %v", key, err)
		}
		if err != nil && strings.Contains(err.Error(), "abc") {
			t.Errorf("the key is printed: %v", err)
		}
		if strings.ContainsRune(key, 0) {
			continue // an environment variable cannot hold NUL
		}
		t.Setenv(sonzai.EnvAPIKey, key)
		if _, err := sonzai.NewClient(sonzai.WithBaseURL("http://127.0.0.1:1")); !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("%s=%q: got %v", sonzai.EnvAPIKey, key, err)
		}
	}
}

// A server that echoes the Authorization header back never puts the key in
// an error, its fields or its printed forms.
func TestEchoedKeyIsScrubbedFromErrors(t *testing.T) {
	bodies := map[string]func(w http.ResponseWriter, auth string){
		"problem": func(w http.ResponseWriter, auth string) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"title":%q,"detail":"bad token: %s","instance":%q,"type":%q,"errors":[{"location":"header.Authorization","message":%q,"value":%q}]}`,
				auth, auth, auth, auth, auth, auth)
		},
		"text": func(w http.ResponseWriter, auth string) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("X-Request-Id", auth)
			w.WriteHeader(401)
			fmt.Fprintf(w, "you sent %s", auth)
		},
	}
	for name, body := range bodies {
		c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body(w, r.Header.Get("Authorization"))
		}))
		_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
		var apiErr *sonzai.APIError
		if !errors.As(err, &apiErr) || !errors.Is(err, sonzai.ErrUnauthorized) {
			t.Fatalf("%s: got %v", name, err)
		}
		printed := fmt.Sprintf("%v|%+v|%s|%#v|%+v", err, err, err, *apiErr, apiErr.Errors)
		if strings.Contains(printed, "0123456789secret") {
			t.Errorf("%s: the echoed key is printed:\n%s", name, printed)
		}
	}
}

// Error() of a hostile problem is bounded and printable; the fields keep
// the server's text whole.
func TestHostileProblemTextIsBoundedInError(t *testing.T) {
	// ~45 KiB, ~56 KiB as JSON: under the 64 KiB read of an error body.
	detail := strings.Repeat("line of a long server explanation\n\x1b[31mred\x1b[0m\r\u202e ", 900)
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req\u202e\u0085id")
		writeProblem(w, 400, detail)
	}))
	_, err := c.Sessions.TurnStatus(context.Background(), "a", "x")
	var apiErr *sonzai.APIError
	if !errors.As(err, &apiErr) || apiErr.Detail != detail {
		t.Fatalf("the full detail is not kept on the APIError: %v", err)
	}
	msg := err.Error()
	if len(msg) > 1200 {
		t.Errorf("Error() is %d bytes", len(msg))
	}
	if i := strings.IndexFunc(msg, func(r rune) bool { return r < ' ' || r == 0x7f || r == '\u202e' }); i >= 0 {
		t.Errorf("Error() holds control character %q at %d: %q", msg[i], i, msg[:min(len(msg), 200)])
	}
	if !strings.Contains(msg, "400 Bad Request") || !strings.Contains(msg, "line") {
		t.Errorf("Error() lost the status or the start of the detail: %q", msg[:min(len(msg), 200)])
	}
}

// A failed job's reason comes from the server too: Error() bounds it.
func TestJobFailedErrorIsBounded(t *testing.T) {
	reason := strings.Repeat("bad\n\x1b[2J\u202e", 10000)
	e := &sonzai.JobFailedError{Job: "turn extraction", ID: "ext_1", Reason: reason}
	msg := e.Error()
	if len(msg) > 1200 || strings.ContainsAny(msg, "\n\x1b\u202e") || !strings.HasPrefix(msg, "sonzai: turn extraction ext_1 failed: bad") {
		t.Errorf("Error() = %d bytes: %q", len(msg), msg[:min(len(msg), 120)])
	}
	if e.Reason != reason {
		t.Error("Reason was changed")
	}
}

// A problem whose detail repeats its first error's message says it once.
func TestErrorSaysARepeatedMessageOnce(t *testing.T) {
	err := &sonzai.APIError{
		StatusCode: 422,
		Detail:     "A chat needs a user message to answer.",
		Errors:     []sonzai.ProblemDetail{{Location: "body.messages", Message: "a chat needs a user message to answer"}},
	}
	got := err.Error()
	if n := strings.Count(strings.ToLower(got), "a chat needs a user message"); n != 1 {
		t.Fatalf("Error() = %q says it %d times, want once", got, n)
	}
	if !strings.Contains(got, "body.messages: a chat needs a user message to answer") {
		t.Fatalf("Error() = %q lost the location", got)
	}
	err.Detail = "Validation failed."
	if got := err.Error(); !strings.Contains(got, ": Validation failed; body.messages") {
		t.Fatalf("Error() = %q, want the detail without its period before the errors", got)
	}
}

// An error frame's message is bounded and on one line in Error(), as an
// APIError's is; the field keeps it whole.
func TestChatStreamErrorIsBounded(t *testing.T) {
	msg := strings.Repeat("line\n\x1b[31mred\u202e", 5000)
	err := &sonzai.ChatStreamError{Message: msg}
	got := err.Error()
	if len(got) > 1024 || strings.ContainsAny(got, "\n\x1b\u202e") {
		t.Fatalf("Error() is %d bytes and holds control characters: %q…", len(got), got[:min(80, len(got))])
	}
	if err.Message != msg {
		t.Fatal("Message was changed")
	}
}

// A failed job whose reason echoes the API key shows it neither in the
// error nor in the final state it carries.
func TestJobFailedReasonIsScrubbedOfTheKey(t *testing.T) {
	client, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"state": "failed", "error": "rejected token " + testKey + " for user u1"})
	}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := client.Sessions.WaitEnd(ctx, "proc-1", sonzai.WithPollInterval(time.Millisecond, 5*time.Millisecond))
	var jf *sonzai.JobFailedError
	if !errors.As(err, &jf) {
		t.Fatalf("got %v, want a *JobFailedError", err)
	}
	final, ok := jf.Final.(*sonzai.SessionEndStatus)
	if !ok {
		t.Fatalf("Final is %T", jf.Final)
	}
	for what, text := range map[string]string{"Error()": err.Error(), "Reason": jf.Reason, "Final.Error": final.Error, "%+v": fmt.Sprintf("%+v", jf)} {
		if strings.Contains(text, testKey) {
			t.Errorf("%s shows the API key: %q", what, text)
		}
		if !strings.Contains(text, "[redacted] for user u1") && what != "%+v" {
			t.Errorf("%s lost the rest of the reason: %q", what, text)
		}
	}
}
