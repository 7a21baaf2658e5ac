package sonzaitest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// receiver is a user's webhook endpoint: a webhook.Handler on a loopback
// server, failing the first failFirst deliveries with a 503 before the
// handler sees them.
type receiver struct {
	mu        sync.Mutex
	secrets   []string
	events    []*webhook.Event
	auth      []string
	failFirst int
	srv       *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.auth = append(r.auth, req.Header.Get("Authorization"))
	if r.failFirst > 0 {
		r.failFirst--
		r.mu.Unlock()
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	secrets := r.secrets
	r.mu.Unlock()
	v, err := webhook.NewVerifier(secrets)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h, err := webhook.NewHandler(v, func(_ context.Context, ev *webhook.Event) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.events = append(r.events, ev)
		return nil
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h.ServeHTTP(w, req)
}

func (r *receiver) setSecrets(s ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = s
}

func (r *receiver) failNext(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failFirst = n
}

func (r *receiver) authHeaders() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auth...)
}

func (r *receiver) received() []*webhook.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*webhook.Event(nil), r.events...)
}

func collectAttempts(t *testing.T, svc *sonzai.WebhooksService, ev webhook.EventType, pageSize int) []sonzai.DeliveryAttempt {
	t.Helper()
	var out []sonzai.DeliveryAttempt
	for a, err := range svc.ListAttempts(context.Background(), ev, sonzai.DeliveryAttemptListParams{PageSize: pageSize}) {
		if err != nil {
			t.Fatalf("ListAttempts: %v", err)
		}
		out = append(out, a)
	}
	return out
}

// TestDeliverToAVerifyingHandler: a delivery from the fake passes a
// webhook.Handler holding the secret Upsert returned, with the auth
// header, and is recorded as one successful attempt.
func TestDeliverToAVerifyingHandler(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	rcv := newReceiver(t)
	reg, err := h.client.Webhooks.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: rcv.srv.URL + "/hooks", AuthHeader: "Bearer rcv-token"})
	if err != nil {
		t.Fatal(err)
	}
	rcv.setSecrets(string(reg.SigningSecret))
	payload := []byte(`{"event_type":"session.end","session_id":"s1"}`)
	if err := h.fake.Deliver(ctx, webhook.EventSessionEnd, payload); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	evs := rcv.received()
	if len(evs) != 1 || evs[0].Type != webhook.EventSessionEnd || !bytes.Equal(evs[0].Payload, payload) {
		t.Fatalf("received %+v, want the one verified session.end event", evs)
	}
	if auth := rcv.authHeaders(); len(auth) != 1 || auth[0] != "Bearer rcv-token" {
		t.Errorf("Authorization headers = %q, want the registration's auth header once", auth)
	}
	atts := collectAttempts(t, h.client.Webhooks, webhook.EventSessionEnd, 0)
	if len(atts) != 1 {
		t.Fatalf("attempts = %+v, want 1", atts)
	}
	a := atts[0]
	if a.Status != "success" || a.ResponseCode != 200 || a.AttemptNumber != 1 || !bytes.Equal(a.RequestBody, payload) ||
		a.WebhookURL != rcv.srv.URL+"/hooks" || a.EventType != webhook.EventSessionEnd || a.AttemptID == "" || a.CreatedAt.IsZero() || a.DurationMS < 0 {
		t.Errorf("attempt = %+v, want a successful first attempt carrying the payload", a)
	}

	// An event nobody registered for goes nowhere.
	if err := h.fake.Deliver(ctx, webhook.EventMemoryCreated, payload); err != nil {
		t.Errorf("Deliver without a registration: %v, want nil", err)
	}
	if got := len(rcv.received()); got != 1 {
		t.Errorf("%d events received, want still 1", got)
	}
}

// TestDeliverRetriesAFailingReceiver: a receiver answering 503 twice gets
// the event on the third attempt, and all three attempts are listed, in
// pages; one that always fails is given up on with a *DeliveryError.
func TestDeliverRetriesAFailingReceiver(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	rcv := newReceiver(t)
	proj := h.client.Webhooks.ForProject("proj-retry")
	reg, err := proj.Upsert(ctx, webhook.EventMemoryCreated, sonzai.WebhookUpsertParams{WebhookURL: rcv.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	rcv.setSecrets(string(reg.SigningSecret))
	rcv.failNext(MaxDeliveryAttempts - 1)
	if err := h.fake.Deliver(ctx, webhook.EventMemoryCreated, []byte(`{"n":1}`)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if got := len(rcv.received()); got != 1 {
		t.Fatalf("%d events received, want 1 after the retries", got)
	}
	atts := collectAttempts(t, proj, webhook.EventMemoryCreated, 2) // two pages
	if len(atts) != MaxDeliveryAttempts {
		t.Fatalf("%d attempts listed, want %d", len(atts), MaxDeliveryAttempts)
	}
	for i, a := range atts {
		wantStatus, wantCode := "failed", int64(503)
		if i == len(atts)-1 {
			wantStatus, wantCode = "success", 200
		}
		if a.AttemptNumber != int64(i+1) || a.Status != wantStatus || a.ResponseCode != wantCode || a.ProjectID != "proj-retry" {
			t.Errorf("attempt %d = %+v, want number %d, %s, %d", i, a, i+1, wantStatus, wantCode)
		}
		if wantStatus == "failed" && (!strings.Contains(a.ErrorMessage, "503") || !strings.Contains(a.ResponseBody, "busy")) {
			t.Errorf("attempt %d: error %q, body %q; want the 503 and the receiver's answer", i, a.ErrorMessage, a.ResponseBody)
		}
	}

	rcv.failNext(1000)
	err = h.fake.Deliver(ctx, webhook.EventMemoryCreated, []byte(`{"n":2}`))
	var de *DeliveryError
	if !errors.As(err, &de) || de.Attempts != MaxDeliveryAttempts || de.Project != "proj-retry" {
		t.Fatalf("Deliver to a failing receiver: %v, want a *DeliveryError after %d attempts", err, MaxDeliveryAttempts)
	}
	if got := len(collectAttempts(t, proj, webhook.EventMemoryCreated, 0)); got != 2*MaxDeliveryAttempts {
		t.Errorf("%d attempts listed, want %d", got, 2*MaxDeliveryAttempts)
	}
}

// TestDeliverAfterRotation: after RotateSecret, deliveries are signed with
// the new secret; a verifier holding only the old one rejects them, one
// holding the new one accepts them.
func TestDeliverAfterRotation(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	rcv := newReceiver(t)
	reg, err := h.client.Webhooks.Upsert(ctx, webhook.EventDiaryGenerated, sonzai.WebhookUpsertParams{WebhookURL: rcv.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	rot, err := h.client.Webhooks.RotateSecret(ctx, webhook.EventDiaryGenerated)
	if err != nil {
		t.Fatal(err)
	}
	rcv.setSecrets(string(reg.SigningSecret))
	if err := h.fake.Deliver(ctx, webhook.EventDiaryGenerated, []byte(`{}`)); err == nil {
		t.Fatal("a delivery verified with the old secret after rotation")
	}
	if got := len(rcv.received()); got != 0 {
		t.Fatalf("%d events passed a verifier with the old secret", got)
	}
	rcv.setSecrets(string(reg.SigningSecret), string(rot.SigningSecret)) // both, as during a rotation
	if err := h.fake.Deliver(ctx, webhook.EventDiaryGenerated, []byte(`{}`)); err != nil {
		t.Fatalf("Deliver after rotation: %v", err)
	}
	if got := len(rcv.received()); got != 1 {
		t.Errorf("%d events received, want 1 verified with the new secret", got)
	}
}

// TestDeliverStopsWithTheContext: a cancelled context ends the retries at
// once.
func TestDeliverStopsWithTheContext(t *testing.T) {
	h := newHarness(t)
	rcv := newReceiver(t)
	if _, err := h.client.Webhooks.Upsert(context.Background(), webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: rcv.srv.URL}); err != nil {
		t.Fatal(err)
	}
	rcv.failNext(1000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	err := h.fake.Deliver(ctx, webhook.EventSessionEnd, []byte(`{}`))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Deliver with a cancelled context: %v, want context.Canceled", err)
	}
	// Generous: the point is that it does not wait out every backoff.
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("Deliver took %v after cancellation", d)
	}
}

// TestDeliverToHTTPS: an https receiver is reached with the client given
// by WithWebhookClient; without it, its test certificate is not trusted
// and the failed attempts record no response code.
func TestDeliverToHTTPS(t *testing.T) {
	var got int
	var mu sync.Mutex
	tls := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got++
		mu.Unlock()
	}))
	tls.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
	tls.StartTLS()
	t.Cleanup(tls.Close)
	tlsClient := tls.Client()
	t.Cleanup(tlsClient.CloseIdleConnections)
	ctx := context.Background()

	plain := newHarness(t)
	if _, err := plain.client.Webhooks.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: tls.URL}); err != nil {
		t.Fatal(err)
	}
	var de *DeliveryError
	if err := plain.fake.Deliver(ctx, webhook.EventSessionEnd, []byte(`{}`)); !errors.As(err, &de) {
		t.Fatalf("Deliver to an untrusted certificate: %v, want a *DeliveryError", err)
	}
	atts := collectAttempts(t, plain.client.Webhooks, webhook.EventSessionEnd, 0)
	if len(atts) != MaxDeliveryAttempts || atts[0].ResponseCode != 0 || atts[0].Status != "failed" || atts[0].ErrorMessage == "" {
		t.Errorf("attempts = %+v, want %d failed ones without a response code", atts, MaxDeliveryAttempts)
	}

	trusting := newHarness(t, WithWebhookClient(tlsClient))
	if _, err := trusting.client.Webhooks.Upsert(ctx, webhook.EventSessionEnd, sonzai.WebhookUpsertParams{WebhookURL: tls.URL}); err != nil {
		t.Fatal(err)
	}
	if err := trusting.fake.Deliver(ctx, webhook.EventSessionEnd, []byte(`{}`)); err != nil {
		t.Fatalf("Deliver with WithWebhookClient: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != 1 {
		t.Errorf("the https receiver got %d requests, want 1", got)
	}
}
