package sonzai

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// The API keeps webhook registrations per project, one per event type, and
// offers the same five operations twice: under /webhooks for the project
// the API key resolves to, and under /projects/{projectId}/webhooks for any
// project. They share one type: client.Webhooks uses the key's project and
// Webhooks.ForProject returns the same methods for a named one. A project
// id parameter on every method would have made "" mean "the key's
// project", an easy mistake to make without noticing; a scoped view makes
// the choice visible where the value is built.

// Webhook is one registration: where deliveries of one event type go.
type Webhook struct {
	// ProjectID is the project the registration belongs to.
	ProjectID string `json:"project_id"`
	// EventType is the kind of event delivered to WebhookURL.
	EventType webhook.EventType `json:"event_type"`
	// WebhookURL is where deliveries are POSTed.
	WebhookURL string `json:"webhook_url"`
	// AuthHeader is sent as the Authorization header of every delivery,
	// when set. It is a credential of your receiver: do not log it.
	AuthHeader string `json:"auth_header"`
	// IsActive reports whether deliveries are being made.
	IsActive bool `json:"is_active"`
	// CreatedAt and UpdatedAt are when the registration was made and last
	// changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// webhookList is the wire shape of a list of registrations.
type webhookList struct {
	Webhooks []Webhook `json:"webhooks"`
}

// SigningSecret is a webhook signing secret ("whsec_..."), the key that
// webhook.NewVerifier checks deliveries with. The API returns it only
// when it is created: on the first registration of an event type and on
// every rotation. Store it then; it cannot be read again.
//
// Printing it with fmt or log/slog shows "whsec_[REDACTED]", so that it
// does not end up in logs by accident; string(secret) is the value.
type SigningSecret string

// String redacts the secret. Use string(s) for the value.
func (s SigningSecret) String() string {
	if s == "" {
		return ""
	}
	return "whsec_[REDACTED]"
}

// GoString redacts the secret in %#v output.
func (s SigningSecret) GoString() string { return `sonzai.SigningSecret("` + s.String() + `")` }

// LogValue redacts the secret in log/slog output.
func (s SigningSecret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// WebhookUpsertParams is where deliveries of an event type go.
type WebhookUpsertParams struct {
	// WebhookURL is the absolute http or https URL deliveries are POSTed
	// to. Required.
	WebhookURL string
	// AuthHeader, when set, is sent as the Authorization header of every
	// delivery, so your receiver can also check who is calling. Optional.
	// An empty one is left out of the request, so an update cannot clear
	// it: to drop the header, Delete and register again (which issues a
	// new signing secret).
	AuthHeader string
}

func (p WebhookUpsertParams) validate() error {
	if p.WebhookURL == "" {
		return invalid("WebhookUpsertParams.WebhookURL", "empty: give the absolute http(s) URL deliveries go to")
	}
	u, err := url.Parse(p.WebhookURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalid("WebhookUpsertParams.WebhookURL", fmt.Sprintf("%q is not an absolute http(s) URL", p.WebhookURL))
	}
	return nil
}

// WebhookUpsertResult is the answer to Upsert.
type WebhookUpsertResult struct {
	// Success reports that the registration was stored.
	Success bool `json:"success"`
	// SigningSecret is set only when this call created the registration:
	// store it now, it is never returned again (RotateSecret makes a new
	// one). It is empty when the call updated an existing registration,
	// whose secret is unchanged. If a first registration answers without
	// a secret (a retried request whose first attempt did register, or a
	// lost answer), call RotateSecret to get one.
	SigningSecret SigningSecret `json:"signing_secret"`
}

// LogValue keeps the secret out of log/slog output, whose JSON handler
// would otherwise encode the struct field by field.
func (r WebhookUpsertResult) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("success", r.Success), slog.Any("signing_secret", r.SigningSecret))
}

// WebhookSecretRotation is the answer to RotateSecret.
type WebhookSecretRotation struct {
	// Success reports that the secret was replaced.
	Success bool `json:"success"`
	// SigningSecret is the new secret; deliveries are signed with it from
	// now on. Store it now: it is never returned again.
	SigningSecret SigningSecret `json:"signing_secret"`
}

// LogValue keeps the secret out of log/slog output.
func (r WebhookSecretRotation) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("success", r.Success), slog.Any("signing_secret", r.SigningSecret))
}

// DeliveryAttemptListParams pages the delivery attempts of a registration.
type DeliveryAttemptListParams struct {
	// PageSize is how many attempts a page holds, 1..500; zero lets the
	// server choose.
	PageSize int
	// Cursor is the NextCursor of the previous page; empty for the first.
	Cursor string
}

func (p DeliveryAttemptListParams) validate() error {
	if p.PageSize < 0 || p.PageSize > 500 {
		return invalid("DeliveryAttemptListParams.PageSize", fmt.Sprintf("%d is outside 1..500 (0 lets the server choose)", p.PageSize))
	}
	return nil
}

// DeliveryAttempt is one try at delivering an event to a webhook URL. A
// delivery that failed and was retried has one attempt per try.
type DeliveryAttempt struct {
	// AttemptID identifies the attempt.
	AttemptID string `json:"attempt_id"`
	// ProjectID and EventType name the registration it was made for.
	ProjectID string            `json:"project_id"`
	EventType webhook.EventType `json:"event_type"`
	// WebhookURL is where it was sent.
	WebhookURL string `json:"webhook_url"`
	// AttemptNumber counts the tries of one delivery, from 1.
	AttemptNumber int64 `json:"attempt_number"`
	// Status is how the attempt ended, e.g. "success" or "failed".
	Status string `json:"status"`
	// ResponseCode is the receiver's HTTP status; 0 when none came back.
	ResponseCode int64 `json:"response_code"`
	// DurationMS is how long the attempt took, in milliseconds; Duration
	// gives it as a time.Duration.
	DurationMS int64 `json:"duration_ms"`
	// ErrorMessage says why a failed attempt failed.
	ErrorMessage string `json:"error_message"`
	// RequestBody is the body that was sent (and signed).
	RequestBody []byte `json:"request_body"`
	// ResponseBody is what the receiver answered.
	ResponseBody string `json:"response_body"`
	// CreatedAt is when the attempt was made.
	CreatedAt time.Time `json:"created_at"`
}

// Duration is how long the attempt took.
func (a DeliveryAttempt) Duration() time.Duration {
	return time.Duration(a.DurationMS) * time.Millisecond
}

// DeliveryAttemptPage is one page of delivery attempts.
type DeliveryAttemptPage struct {
	// Attempts are this page's attempts.
	Attempts []DeliveryAttempt `json:"attempts"`
	// HasMore reports that another page follows; pass NextCursor to read it.
	HasMore    bool   `json:"has_more"`
	NextCursor string `json:"next_cursor"`
}

// maxDeliveryAttemptPages bounds ListAttempts, so a server that never
// stops paging cannot keep a caller looping forever.
const maxDeliveryAttemptPages = 10_000

// ForProject returns the same operations for the registrations of a
// named project, instead of the API key's own project. The id is checked
// when a method is called: an empty one fails there with a
// *ValidationError naming "projectID", and nothing is sent.
func (s *WebhooksService) ForProject(projectID string) *WebhooksService {
	return &WebhooksService{c: s.c, projectID: projectID, scoped: true}
}

// ProjectID is the project this service is scoped to; "" for
// client.Webhooks, which uses the API key's project.
func (s *WebhooksService) ProjectID() string { return s.projectID }

// scope checks the project id of a scoped service and resolves the
// endpoint.
func (s *WebhooksService) scope(opts []Option) (*endpoint, error) {
	if s.scoped {
		if err := requireID("projectID", s.projectID); err != nil {
			return nil, err
		}
	}
	return s.c.endpointFor(opts)
}

// target is scope for the methods that name an event type.
func (s *WebhooksService) target(eventType webhook.EventType, opts []Option) (*endpoint, error) {
	if err := requireID("eventType", string(eventType)); err != nil {
		return nil, err
	}
	return s.scope(opts)
}

// List lists the registrations, one per event type.
func (s *WebhooksService) List(ctx context.Context, opts ...Option) ([]Webhook, error) {
	ep, err := s.scope(opts)
	if err != nil {
		return nil, err
	}
	var out webhookList
	if s.scoped {
		req, err := gen.NewListWebhooksRequest(ep.server, s.projectID)
		_, err = ep.doJSON(ctx, "listWebhooks", req, err, &out)
		if err != nil {
			return nil, err
		}
		return out.Webhooks, nil
	}
	req, err := gen.NewListWebhooksForTenantRequest(ep.server)
	if _, err := ep.doJSON(ctx, "listWebhooksForTenant", req, err, &out); err != nil {
		return nil, err
	}
	return out.Webhooks, nil
}

// Upsert registers where deliveries of eventType go, or changes the URL or
// auth header of an existing registration. Only the call that creates the
// registration returns its signing secret (see WebhookUpsertResult).
//
// An upsert is safe to repeat, and is retried like every PUT. The price:
// when a first attempt registered the webhook but its answer was lost, the
// retry answers without the secret; RotateSecret then issues one.
func (s *WebhooksService) Upsert(ctx context.Context, eventType webhook.EventType, p WebhookUpsertParams, opts ...Option) (*WebhookUpsertResult, error) {
	ep, err := s.target(eventType, opts)
	if err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out := new(WebhookUpsertResult)
	if s.scoped {
		body := gen.UpsertWebhookInputBody{WebhookUrl: p.WebhookURL, AuthHeader: optional(p.AuthHeader)}
		req, err := gen.NewUpsertWebhookRequest(ep.server, s.projectID, string(eventType), body)
		_, err = ep.doJSON(ctx, "upsertWebhook", req, err, out)
		return result(out, err)
	}
	body := gen.UpsertWebhookForTenantInputBody{WebhookUrl: p.WebhookURL, AuthHeader: optional(p.AuthHeader)}
	req, err := gen.NewUpsertWebhookForTenantRequest(ep.server, string(eventType), body)
	_, err = ep.doJSON(ctx, "upsertWebhookForTenant", req, err, out)
	return result(out, err)
}

// Delete removes the registration of eventType: its deliveries stop, and
// its signing secret is gone (registering again issues a new one).
//
// A DELETE is retried after a 5xx or a lost connection; when the retry then
// finds nothing to delete, the error is an *AmbiguousResultError
// (errors.Is ErrMaybeApplied): the first attempt probably deleted it.
func (s *WebhooksService) Delete(ctx context.Context, eventType webhook.EventType, opts ...Option) error {
	ep, err := s.target(eventType, opts)
	if err != nil {
		return err
	}
	if s.scoped {
		req, err := gen.NewDeleteWebhookRequest(ep.server, s.projectID, string(eventType))
		_, err = ep.doJSON(ctx, "deleteWebhook", req, err, nil)
		return err
	}
	req, err := gen.NewDeleteWebhookForTenantRequest(ep.server, string(eventType))
	_, err = ep.doJSON(ctx, "deleteWebhookForTenant", req, err, nil)
	return err
}

// RotateSecret replaces the signing secret of eventType's registration and
// returns the new one, which signs deliveries from now on. Keep accepting
// the old secret in your webhook.Verifier until deliveries in flight have
// arrived (webhook.NewVerifier takes several).
//
// Rotation is a POST: it is not retried once the request may have reached
// the server, since a second rotation would invalidate the secret the first
// returned. If it fails that way, the secret may have changed: rotate again.
func (s *WebhooksService) RotateSecret(ctx context.Context, eventType webhook.EventType, opts ...Option) (*WebhookSecretRotation, error) {
	ep, err := s.target(eventType, opts)
	if err != nil {
		return nil, err
	}
	out := new(WebhookSecretRotation)
	if s.scoped {
		req, err := gen.NewRotateWebhookSigningSecretRequest(ep.server, s.projectID, string(eventType))
		_, err = ep.doJSON(ctx, "rotateWebhookSigningSecret", req, err, out)
		return result(out, err)
	}
	req, err := gen.NewRotateWebhookSigningSecretForTenantRequest(ep.server, string(eventType))
	_, err = ep.doJSON(ctx, "rotateWebhookSigningSecretForTenant", req, err, out)
	return result(out, err)
}

// ListAttemptsPage reads one page of the delivery attempts made for
// eventType's registration. Pass the page's NextCursor as Cursor to read
// the next one, while HasMore is true; ListAttempts does that for you.
func (s *WebhooksService) ListAttemptsPage(ctx context.Context, eventType webhook.EventType, p DeliveryAttemptListParams, opts ...Option) (*DeliveryAttemptPage, error) {
	ep, err := s.target(eventType, opts)
	if err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return s.attemptsPage(ctx, ep, eventType, p)
}

func (s *WebhooksService) attemptsPage(ctx context.Context, ep *endpoint, eventType webhook.EventType, p DeliveryAttemptListParams) (*DeliveryAttemptPage, error) {
	out := new(DeliveryAttemptPage)
	if s.scoped {
		params := &gen.ListDeliveryAttemptsParams{PageSize: optional(int64(p.PageSize)), Cursor: optional(p.Cursor)}
		req, err := gen.NewListDeliveryAttemptsRequest(ep.server, s.projectID, string(eventType), params)
		_, err = ep.doJSON(ctx, "listDeliveryAttempts", req, err, out)
		return result(out, err)
	}
	params := &gen.ListDeliveryAttemptsForTenantParams{PageSize: optional(int64(p.PageSize)), Cursor: optional(p.Cursor)}
	req, err := gen.NewListDeliveryAttemptsForTenantRequest(ep.server, string(eventType), params)
	_, err = ep.doJSON(ctx, "listDeliveryAttemptsForTenant", req, err, out)
	return result(out, err)
}

// ListAttempts returns every delivery attempt made for eventType's
// registration, following the pages' cursors. It is lazy: nothing is sent
// until the loop starts, and each page is one request, sent when the
// previous page has been yielded, so breaking out of the loop stops the
// fetching. p.Cursor, when set, is where the walk starts.
//
// An error (a failed request, a server that repeats a cursor, or more than
// 10,000 pages) is yielded once, with a zero DeliveryAttempt, and ends the
// iteration.
func (s *WebhooksService) ListAttempts(ctx context.Context, eventType webhook.EventType, p DeliveryAttemptListParams, opts ...Option) iter.Seq2[DeliveryAttempt, error] {
	return func(yield func(DeliveryAttempt, error) bool) {
		ep, err := s.target(eventType, opts)
		if err == nil {
			err = p.validate()
		}
		if err != nil {
			yield(DeliveryAttempt{}, err)
			return
		}
		walkPages("listDeliveryAttempts", p.Cursor, maxDeliveryAttemptPages, func(cursor string) (cursorPage[DeliveryAttempt], error) {
			p.Cursor = cursor
			page, err := s.attemptsPage(ctx, ep, eventType, p)
			if err != nil {
				return cursorPage[DeliveryAttempt]{}, err
			}
			return cursorPage[DeliveryAttempt]{items: page.Attempts, next: page.NextCursor, more: page.HasMore}, nil
		}, yield)
	}
}

// result is out, or nil and err when the call failed.
func result[T any](out *T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return out, nil
}
