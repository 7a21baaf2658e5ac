package sonzaitest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// Delivery tuning: how often, how long and how far apart the fake tries.
const (
	// MaxDeliveryAttempts is how many times Deliver tries one registration
	// before giving up on it.
	MaxDeliveryAttempts = 3
	// deliveryTimeout bounds one attempt.
	deliveryTimeout = 10 * time.Second
	// deliveryBackoff is the wait before the second attempt; it doubles.
	// It is real time, short so that tests stay fast.
	deliveryBackoff = 10 * time.Millisecond
	// maxRecordedResponse bounds the receiver's answer kept in an attempt.
	maxRecordedResponse = 4 << 10
)

// WithWebhookClient sets the HTTP client Deliver sends webhook events
// with: the Client() of an httptest.NewTLSServer, say, so that an https
// receiver's test certificate is trusted. By default Deliver uses a client
// without keep-alives that does not follow redirects. Each attempt is
// bounded to 10 seconds either way.
func WithWebhookClient(c *http.Client) Option { return func(cfg *config) { cfg.webhookHTTP = c } }

// DeliveryError is returned by Deliver when a registration did not accept
// the event within MaxDeliveryAttempts tries.
type DeliveryError struct {
	// Project is the registration's project.
	Project string
	// EventType is the event that was not delivered.
	EventType webhook.EventType
	// Attempts is how many tries were made.
	Attempts int
	// Last is the last try's failure.
	Last error
}

// Error says how many attempts failed and how the last one did.
func (e *DeliveryError) Error() string {
	return fmt.Sprintf("sonzaitest: delivering %q to project %q's webhook failed after %d attempts: %v", e.EventType, e.Project, e.Attempts, e.Last)
}

// Unwrap returns the last attempt's failure, for errors.Is and errors.As.
func (e *DeliveryError) Unwrap() error { return e.Last }

// Deliver sends payload, as Sonzai would, to every webhook registered for
// eventType, in every project (client.Webhooks registers in the API key's
// project, client.Webhooks.ForProject in any). It returns once each has accepted it or
// failed MaxDeliveryAttempts times, and reports the failures as
// *DeliveryError values (joined with errors.Join). Deliver with no
// registration for eventType sends nothing and returns nil.
//
// Each attempt is a POST of payload, byte for byte (include an
// "event_type" field if your handler reads the type from the body), with
// a Sonzai-Signature header made by webhook.Sign with the registration's
// current signing secret and the fake's Clock (so a webhook.Verifier
// checking against real time needs webhook.WithClock when the fake runs on
// a FakeClock), and the registration's auth header as Authorization when
// one is set. A 2xx answer is a success; anything else, or no answer, is
// retried after a short real wait that doubles. Every attempt is recorded
// and listed by the SDK's Webhooks.ListAttempts.
func (s *Server) Deliver(ctx context.Context, eventType webhook.EventType, payload []byte) error {
	st := s.st
	st.mu.Lock()
	keys := st.webhooks.keys("", true)
	st.mu.Unlock()
	var errs []error
	for _, k := range keys {
		if k.eventType != eventType {
			continue
		}
		if err := s.deliverTo(ctx, k, payload); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// deliverTo tries one registration until it accepts payload.
func (s *Server) deliverTo(ctx context.Context, k webhookKey, payload []byte) error {
	client := s.cfg.webhookHTTP
	if client == nil {
		// Keep-alives off: no idle connection outlives the call, so nothing
		// leaks into the tests that use the fake.
		client = &http.Client{
			Transport:     &http.Transport{DisableKeepAlives: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	wait := deliveryBackoff
	var last error
	for n := 1; n <= MaxDeliveryAttempts; n++ {
		if n > 1 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return context.Cause(ctx)
			case <-s.done:
				t.Stop()
				return errors.New("sonzaitest: the fake was closed during a delivery")
			}
			wait *= 2
		}
		// Read the registration anew each time: a rotation or a new URL
		// between attempts applies to the next one, as it would live.
		st := s.st
		st.mu.Lock()
		r := st.webhooks.regs[k]
		var target, secret, auth string
		if r != nil {
			target, secret, auth = r.url, r.secret, r.authHeader
		}
		now := st.clock.Now()
		st.mu.Unlock()
		if r == nil {
			return nil // deleted meanwhile: nothing to deliver to
		}
		a := &deliveryAttempt{url: target, number: int64(n), requestBody: bytes.Clone(payload), created: now}
		last = s.attemptDelivery(ctx, client, a, secret, auth, now, payload)
		st.mu.Lock()
		a.id = st.nextID("whatt")
		st.webhooks.attempts[k] = append(st.webhooks.attempts[k], a)
		st.mu.Unlock()
		if last == nil {
			return nil
		}
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
	}
	return &DeliveryError{Project: k.project, EventType: k.eventType, Attempts: MaxDeliveryAttempts, Last: last}
}

// attemptDelivery makes one POST and fills in a with what happened.
func (s *Server) attemptDelivery(ctx context.Context, client *http.Client, a *deliveryAttempt, secret, auth string, signedAt time.Time, payload []byte) error {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, deliveryTimeout)
	defer cancel()
	err := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "sonzaitest-webhooks")
		req.Header.Set("Sonzai-Signature", webhook.Sign(secret, signedAt, payload))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxRecordedResponse))
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
		a.code, a.responseBody = int64(resp.StatusCode), string(body)
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return fmt.Errorf("the receiver answered %s", resp.Status)
		}
		return nil
	}()
	a.duration = time.Since(start)
	if err != nil {
		a.status, a.errMsg = "failed", err.Error()
		return err
	}
	a.status = "success"
	return nil
}
