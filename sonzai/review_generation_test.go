package sonzai_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewGenerationAnswerThatIsNoObject: Generation.CreateAgent and
// Character decode their free-form answer leniently, and their decoder
// never failed: a 200 whose body was empty or an HTML page (a proxy, a
// captive portal) came back as a success with a zero Agent, as if an agent
// with no id had been created. A body that is not a JSON object is now an
// error; an object with odd members is still read leniently.
func TestReviewGenerationAnswerThatIsNoObject(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{"", "<html><body>Sign in to the Wi-Fi</body></html>", "[]", "null", `{"agent_id": "a1"`} {
		var n counter
		c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(body))
		}))
		if a, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "Ada", Description: "a curious botanist"}); err == nil {
			t.Errorf("CreateAgent with body %q = %+v, nil; want an error", body, a)
		}
		if ch, err := c.Generation.Character(ctx, sonzai.CharacterGenerateParams{Name: "Ada", Description: "a curious botanist"}); err == nil {
			t.Errorf("Character with body %q = %+v, nil; want an error", body, ch)
		}
		if got := n.total.Load(); got != 2 {
			t.Errorf("body %q: %d requests, want 2 (no retry)", body, got)
		}
	}
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"agent":{"agent_id":"a1","name":"Ada","created_at":42}}`)
	}))
	a, err := c.Generation.CreateAgent(ctx, sonzai.AgentGenerateParams{Name: "Ada", Description: "a curious botanist"})
	if err != nil || a.Agent.AgentID != "a1" {
		t.Errorf("lenient object: %+v, %v", a, err)
	}
}
