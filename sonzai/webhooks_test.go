package sonzai_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// TestWebhooksRoundTrip registers, reads, updates, rotates and deletes
// webhooks through the fake, for the API key's project and for a named
// one, and checks that projects are kept apart.
func TestWebhooksRoundTrip(t *testing.T) {
	fake := sonzaitest.NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, svc := range []*sonzai.WebhooksService{c.Webhooks, c.Webhooks.ForProject("proj-a")} {
		name := "key's project"
		if svc.ProjectID() != "" {
			name = "project " + svc.ProjectID()
		}
		t.Run(name, func(t *testing.T) {
			first, err := svc.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: "https://example.test/hooks", AuthHeader: "Bearer receiver"})
			if err != nil {
				t.Fatal(err)
			}
			if !first.Success || !strings.HasPrefix(string(first.SigningSecret), "whsec_") {
				t.Fatalf("first registration = %+v, want success and a whsec_ secret", first)
			}
			again, err := svc.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: "https://example.test/v2"})
			if err != nil {
				t.Fatal(err)
			}
			if !again.Success || again.SigningSecret != "" {
				t.Errorf("update = %+v, want success and no secret (only the first registration reveals it)", again)
			}
			hooks, err := svc.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(hooks) != 1 {
				t.Fatalf("List = %+v, want the one registration", hooks)
			}
			h := hooks[0]
			if h.EventType != webhook.EventSessionEnd || h.WebhookURL != "https://example.test/v2" || h.AuthHeader != "Bearer receiver" ||
				!h.IsActive || h.CreatedAt.IsZero() || h.UpdatedAt.Before(h.CreatedAt) || h.ProjectID == "" {
				t.Errorf("List[0] = %+v, want the updated URL, the kept auth header, active, with times", h)
			}
			if svc.ProjectID() != "" && h.ProjectID != svc.ProjectID() {
				t.Errorf("ProjectID = %q, want %q", h.ProjectID, svc.ProjectID())
			}
			rot, err := svc.RotateSecret(ctx, webhook.EventSessionEnd)
			if err != nil {
				t.Fatal(err)
			}
			if !rot.Success || !strings.HasPrefix(string(rot.SigningSecret), "whsec_") || rot.SigningSecret == first.SigningSecret {
				t.Errorf("rotation = success %v, new secret differs: %v; want a new whsec_ secret", rot.Success, rot.SigningSecret != first.SigningSecret)
			}
			if err := svc.Delete(ctx, webhook.EventSessionEnd); err != nil {
				t.Fatal(err)
			}
			if hooks, err := svc.List(ctx); err != nil || len(hooks) != 0 {
				t.Errorf("List after Delete = %+v, %v; want none", hooks, err)
			}
			for name, err := range map[string]error{
				"Delete":       svc.Delete(ctx, webhook.EventSessionEnd),
				"RotateSecret": second(svc.RotateSecret(ctx, webhook.EventSessionEnd)),
				"ListAttempts": firstSeqErr(svc.ListAttempts(ctx, webhook.EventSessionEnd, sonzai.DeliveryAttemptListParams{})),
			} {
				if !errors.Is(err, sonzai.ErrNotFound) {
					t.Errorf("%s of a deleted registration: %v, want ErrNotFound", name, err)
				}
			}
		})
	}

	// Projects are separate: proj-b's registration is neither the key's
	// project's nor proj-a's.
	if _, err := c.Webhooks.ForProject("proj-b").Upsert(ctx, webhook.EventMemoryCreated, sonzai.WebhookUpsertParams{WebhookURL: "http://example.test/m"}); err != nil {
		t.Fatal(err)
	}
	if hooks, err := c.Webhooks.List(ctx); err != nil || len(hooks) != 0 {
		t.Errorf("List = %+v, %v; want none (the registration is proj-b's)", hooks, err)
	}
	if hooks, err := c.Webhooks.ForProject("proj-a").List(ctx); err != nil || len(hooks) != 0 {
		t.Errorf("proj-a List = %+v, %v; want none", hooks, err)
	}
	// client.Webhooks is the key's project: naming that project reaches
	// the same registrations.
	if _, err := c.Webhooks.Upsert(ctx, webhook.EventDiaryGenerated, sonzai.WebhookUpsertParams{WebhookURL: "http://example.test/d"}); err != nil {
		t.Fatal(err)
	}
	hooks, err := c.Webhooks.List(ctx)
	if err != nil || len(hooks) != 1 {
		t.Fatalf("List = %+v, %v; want the diary registration", hooks, err)
	}
	same, err := c.Webhooks.ForProject(hooks[0].ProjectID).List(ctx)
	if err != nil || len(same) != 1 || same[0].WebhookURL != "http://example.test/d" {
		t.Errorf("ForProject(%q).List = %+v, %v; want the registration made through client.Webhooks", hooks[0].ProjectID, same, err)
	}
	if got := fake.Requests(sonzaitest.OpUpsertWebhook) + fake.Requests(sonzaitest.OpUpsertWebhookForTenant); got != 6 {
		t.Errorf("%d upserts reached the fake, want 6", got)
	}
}

func second[T any](_ T, err error) error { return err }

// TestWebhooksPaths checks each method's method and escaped path at both
// levels against a loopback server.
func TestWebhooksPaths(t *testing.T) {
	var got []string
	c, _ := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(r.URL.Path, "/attempts"):
			writeJSON(w, 200, map[string]any{"attempts": []any{}, "has_more": false})
		case r.Method == http.MethodGet:
			writeJSON(w, 200, map[string]any{"webhooks": []any{}})
		default:
			writeJSON(w, 200, map[string]any{"success": true, "signing_secret": "whsec_x"})
		}
	}))
	ctx := context.Background()
	ev := webhook.EventType("a/b c")
	for _, svc := range []*sonzai.WebhooksService{c.Webhooks, c.Webhooks.ForProject("p/1")} {
		if _, err := svc.List(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Upsert(ctx, ev, sonzai.WebhookUpsertParams{WebhookURL: "https://x.test/"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RotateSecret(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ListAttemptsPage(ctx, ev, sonzai.DeliveryAttemptListParams{PageSize: 7, Cursor: "k"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.Delete(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"GET /api/v1/webhooks?",
		"PUT /api/v1/webhooks/a%2Fb%20c?",
		"POST /api/v1/webhooks/a%2Fb%20c/rotate-secret?",
		"GET /api/v1/webhooks/a%2Fb%20c/attempts?page_size=7&cursor=k",
		"DELETE /api/v1/webhooks/a%2Fb%20c?",
		"GET /api/v1/projects/p%2F1/webhooks?",
		"PUT /api/v1/projects/p%2F1/webhooks/a%2Fb%20c?",
		"POST /api/v1/projects/p%2F1/webhooks/a%2Fb%20c/rotate-secret?",
		"GET /api/v1/projects/p%2F1/webhooks/a%2Fb%20c/attempts?page_size=7&cursor=k",
		"DELETE /api/v1/projects/p%2F1/webhooks/a%2Fb%20c?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWebhooksInvalidInputSendsNothing: bad input is a *ValidationError
// naming the field, and no request is sent.
func TestWebhooksInvalidInputSendsNothing(t *testing.T) {
	ok := sonzai.WebhookUpsertParams{WebhookURL: "https://example.test/h"}
	ev := webhook.EventSessionEnd
	cases := []struct {
		sdkCall
		field string
	}{
		{sdkCall{"Upsert no URL", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.Upsert(ctx, ev, sonzai.WebhookUpsertParams{}))
		}}, "WebhookUpsertParams.WebhookURL"},
		{sdkCall{"Upsert relative URL", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.Upsert(ctx, ev, sonzai.WebhookUpsertParams{WebhookURL: "/hooks"}))
		}}, "WebhookUpsertParams.WebhookURL"},
		{sdkCall{"Upsert ftp URL", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.ForProject("p").Upsert(ctx, ev, sonzai.WebhookUpsertParams{WebhookURL: "ftp://x.test/"}))
		}}, "WebhookUpsertParams.WebhookURL"},
		{sdkCall{"Upsert event type", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.Upsert(ctx, "", ok))
		}}, "eventType"},
		{sdkCall{"ForProject empty List", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.ForProject("").List(ctx))
		}}, "projectID"},
		{sdkCall{"ForProject dot Upsert", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.ForProject("..").Upsert(ctx, ev, ok))
		}}, "projectID"},
		{sdkCall{"Delete", func(ctx context.Context, c *sonzai.Client) error {
			return c.Webhooks.Delete(ctx, ".")
		}}, "eventType"},
		{sdkCall{"RotateSecret", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.ForProject("p").RotateSecret(ctx, ""))
		}}, "eventType"},
		{sdkCall{"ListAttemptsPage size", func(ctx context.Context, c *sonzai.Client) error {
			return second(c.Webhooks.ListAttemptsPage(ctx, ev, sonzai.DeliveryAttemptListParams{PageSize: 501}))
		}}, "DeliveryAttemptListParams.PageSize"},
		{sdkCall{"ListAttempts size", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Webhooks.ForProject("p").ListAttempts(ctx, ev, sonzai.DeliveryAttemptListParams{PageSize: -1}))
		}}, "DeliveryAttemptListParams.PageSize"},
		{sdkCall{"ListAttempts event type", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(c.Webhooks.ListAttempts(ctx, "", sonzai.DeliveryAttemptListParams{}))
		}}, "eventType"},
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 500, "should not be reached")
	}))
	for _, tc := range cases {
		err := tc.do(context.Background(), c)
		var ve *sonzai.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field || !errors.Is(err, sonzai.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want a *ValidationError for %s", tc.name, err, tc.field)
		}
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d requests sent for invalid input, want 0", got)
	}
}

// TestSigningSecretIsRedacted: printing or logging a result does not show
// the secret; string() does.
func TestSigningSecretIsRedacted(t *testing.T) {
	const secret = "whsec_c2VjcmV0LXZhbHVlLW5vdC10by1sb2c"
	res := &sonzai.WebhookUpsertResult{Success: true, SigningSecret: secret}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("registered", "secret", res.SigningSecret, "result", res,
		"rotation", sonzai.WebhookSecretRotation{Success: true, SigningSecret: secret})
	outputs := []string{
		fmt.Sprint(res.SigningSecret), fmt.Sprintf("%v %+v %s %q", res, *res, res.SigningSecret, res.SigningSecret),
		fmt.Sprintf("%#v", *res), logs.String(),
	}
	for _, out := range outputs {
		if strings.Contains(out, "c2VjcmV0") {
			t.Errorf("the secret leaked: %s", out)
		}
		if !strings.Contains(out, "REDACTED") {
			t.Errorf("no redaction marker in %s", out)
		}
	}
	if string(res.SigningSecret) != secret {
		t.Errorf("string(secret) = %q, want the value", string(res.SigningSecret))
	}
}

// TestWebhooksNotFound: a 404 is an *APIError naming the operation at
// each level, sent once.
func TestWebhooksNotFound(t *testing.T) {
	ev := webhook.EventSessionEnd
	ok := sonzai.WebhookUpsertParams{WebhookURL: "https://example.test/h"}
	var cases []struct {
		sdkCall
		op string
	}
	for _, level := range []struct {
		suffix string
		svc    func(*sonzai.Client) *sonzai.WebhooksService
	}{
		{"ForTenant", func(c *sonzai.Client) *sonzai.WebhooksService { return c.Webhooks }},
		{"", func(c *sonzai.Client) *sonzai.WebhooksService { return c.Webhooks.ForProject("p1") }},
	} {
		svc := level.svc
		add := func(name, op string, do func(ctx context.Context, c *sonzai.Client) error) {
			cases = append(cases, struct {
				sdkCall
				op string
			}{sdkCall{name + level.suffix, do}, op + level.suffix})
		}
		add("List", "listWebhooks", func(ctx context.Context, c *sonzai.Client) error { return second(svc(c).List(ctx)) })
		add("Upsert", "upsertWebhook", func(ctx context.Context, c *sonzai.Client) error { return second(svc(c).Upsert(ctx, ev, ok)) })
		add("Delete", "deleteWebhook", func(ctx context.Context, c *sonzai.Client) error { return svc(c).Delete(ctx, ev) })
		add("RotateSecret", "rotateWebhookSigningSecret", func(ctx context.Context, c *sonzai.Client) error { return second(svc(c).RotateSecret(ctx, ev)) })
		add("ListAttempts", "listDeliveryAttempts", func(ctx context.Context, c *sonzai.Client) error {
			return firstSeqErr(svc(c).ListAttempts(ctx, ev, sonzai.DeliveryAttemptListParams{}))
		})
	}
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 404, "no such thing")
	}))
	for _, tc := range cases {
		before := n.total.Load()
		err := tc.do(context.Background(), c)
		var apiErr *sonzai.APIError
		if !errors.Is(err, sonzai.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.Operation != tc.op {
			t.Errorf("%s: err = %v, want an *APIError for %s matching ErrNotFound", tc.name, err, tc.op)
		}
		if sent := n.total.Load() - before; sent != 1 {
			t.Errorf("%s: %d requests for a 404, want 1", tc.name, sent)
		}
	}
}
