package sonzai_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// TestReview2NilOptionsAreIgnored: a nil Option or PollOption (an option
// variable left unset on one branch: `var o sonzai.Option; if slow { o =
// sonzai.WithAttemptTimeout(time.Minute) }`) panicked with a nil function
// call, in NewClient, in every method's opts and in every waiter. A nil
// option is now skipped.
func TestReview2NilOptionsAreIgnored(t *testing.T) {
	fake := sonzaitest.New(nil)
	defer fake.Close()
	var none sonzai.Option
	client, err := sonzai.NewClient(sonzai.WithBaseURL(fake.URL()), sonzai.WithAPIKey(sonzaitest.DefaultAPIKey), sonzai.WithInsecureHTTP(), none)
	if err != nil {
		t.Fatalf("NewClient with a nil option: %v", err)
	}
	ctx := context.Background()
	agent, err := client.Agents.Create(ctx, sonzai.AgentCreateParams{Name: "Nil"}, none)
	if err != nil {
		t.Fatalf("Agents.Create with a nil option: %v", err)
	}
	if _, err := client.Knowledge.ListNodes(ctx, "p1", sonzai.NodeListParams{}, nil, sonzai.WithMaxRetries(0), nil); err != nil {
		t.Fatalf("ListNodes with nil options: %v", err)
	}
	job, err := client.Knowledge.Upload(ctx, "p1", sonzai.DocumentUploadParams{FileName: "a.txt", File: strings.NewReader("hello")})
	if err != nil {
		t.Fatal(err)
	}
	var noPoll sonzai.PollOption
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := client.Knowledge.WaitDocument(wctx, "p1", job.DocumentID, noPoll, sonzai.WithPollInterval(time.Millisecond, 10*time.Millisecond)); err != nil {
		t.Fatalf("WaitDocument with a nil poll option: %v", err)
	}
	_ = agent

	v, err := webhook.NewVerifier([]string{"whsec_c2VjcmV0"}, nil)
	if err != nil {
		t.Fatalf("webhook.NewVerifier with a nil option: %v", err)
	}
	if _, err := webhook.NewHandler(v, func(context.Context, *webhook.Event) error { return nil }, nil); err != nil {
		t.Fatalf("webhook.NewHandler with a nil option: %v", err)
	}
}
