package sonzaitest

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// Path parameters reach the fake's handlers, and its synthesized answers,
// as the client meant them: an agent named with a space, a slash, a
// percent sign or a question mark is found by its name.
func TestPathParametersAreUnescaped(t *testing.T) {
	s := NewServer(t)
	c, err := s.Client()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Mia Two", "a/b", "100%", "x?y"} {
		a, err := c.Agents.Create(context.Background(), sonzai.AgentCreateParams{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{a.AgentID, name} {
			if _, err := c.Agents.Get(context.Background(), id); err != nil {
				t.Errorf("%q: %v", id, err)
			}
			if _, err := c.Mood.Get(context.Background(), id, sonzai.MoodParams{}); err != nil {
				t.Errorf("mood %q: %v", id, err)
			}
		}
	}
}
