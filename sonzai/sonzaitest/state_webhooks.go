package sonzaitest

import (
	"crypto/rand"
	"encoding/base64"
	"sort"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// webhookState holds the webhook registrations and the attempts made to
// deliver to them. It lives in state and is guarded by state.mu.
type webhookState struct {
	regs     map[webhookKey]*webhookReg
	attempts map[webhookKey][]*deliveryAttempt // oldest first
}

// webhookKey names a registration: one per project and event type. The
// tenant-level paths (/webhooks) use the API key's project.
type webhookKey struct {
	project   string
	eventType webhook.EventType
}

type webhookReg struct {
	url, authHeader  string
	secret           string // current signing secret, "whsec_..."
	created, updated time.Time
}

type deliveryAttempt struct {
	id, url, status, errMsg string
	number                  int64
	code                    int64
	duration                time.Duration
	requestBody             []byte
	responseBody            string
	created                 time.Time
}

func newWebhookState() webhookState {
	return webhookState{regs: map[webhookKey]*webhookReg{}, attempts: map[webhookKey][]*deliveryAttempt{}}
}

// keys lists the registrations of one scope, or, with all, of every scope,
// in a stable order.
func (w *webhookState) keys(project string, all bool) []webhookKey {
	var out []webhookKey
	for k := range w.regs {
		if all || k.project == project {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].project != out[j].project {
			return out[i].project < out[j].project
		}
		return out[i].eventType < out[j].eventType
	})
	return out
}

// newSigningSecret makes a secret shaped like the platform's.
func newSigningSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "whsec_" + base64.RawStdEncoding.EncodeToString(b)
}
