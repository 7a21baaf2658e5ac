package sonzaitest

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// The project-level operations (/projects/{projectId}/webhooks/...) and
// the tenant-level ones (/webhooks/...) share the helpers below. The
// tenant-level paths work on the project the API key resolves to, the
// fake's fakeProject: both levels reach the same registrations there.

func (h *api) ListWebhooks(_ context.Context, req fakeserver.ListWebhooksRequestObject) (fakeserver.ListWebhooksResponseObject, error) {
	return fakeserver.ListWebhooks200JSONResponse(h.listWebhooks(req.ProjectId)), nil
}

func (h *api) ListWebhooksForTenant(_ context.Context, _ fakeserver.ListWebhooksForTenantRequestObject) (fakeserver.ListWebhooksForTenantResponseObject, error) {
	return fakeserver.ListWebhooksForTenant200JSONResponse(h.listWebhooks(fakeProject)), nil
}

func (h *api) UpsertWebhook(_ context.Context, req fakeserver.UpsertWebhookRequestObject) (fakeserver.UpsertWebhookResponseObject, error) {
	out, err := h.upsertWebhook(req.ProjectId, req.EventType, req.Body.WebhookUrl, req.Body.AuthHeader)
	if err != nil {
		return nil, err
	}
	return fakeserver.UpsertWebhook200JSONResponse(out), nil
}

func (h *api) UpsertWebhookForTenant(_ context.Context, req fakeserver.UpsertWebhookForTenantRequestObject) (fakeserver.UpsertWebhookForTenantResponseObject, error) {
	out, err := h.upsertWebhook(fakeProject, req.EventType, req.Body.WebhookUrl, req.Body.AuthHeader)
	if err != nil {
		return nil, err
	}
	return fakeserver.UpsertWebhookForTenant200JSONResponse(out), nil
}

func (h *api) DeleteWebhook(_ context.Context, req fakeserver.DeleteWebhookRequestObject) (fakeserver.DeleteWebhookResponseObject, error) {
	if err := h.deleteWebhook(req.ProjectId, req.EventType); err != nil {
		return nil, err
	}
	return fakeserver.DeleteWebhook204Response{}, nil
}

func (h *api) DeleteWebhookForTenant(_ context.Context, req fakeserver.DeleteWebhookForTenantRequestObject) (fakeserver.DeleteWebhookForTenantResponseObject, error) {
	if err := h.deleteWebhook(fakeProject, req.EventType); err != nil {
		return nil, err
	}
	return fakeserver.DeleteWebhookForTenant204Response{}, nil
}

func (h *api) RotateWebhookSigningSecret(_ context.Context, req fakeserver.RotateWebhookSigningSecretRequestObject) (fakeserver.RotateWebhookSigningSecretResponseObject, error) {
	out, err := h.rotateWebhookSecret(req.ProjectId, req.EventType)
	if err != nil {
		return nil, err
	}
	return fakeserver.RotateWebhookSigningSecret200JSONResponse(out), nil
}

func (h *api) RotateWebhookSigningSecretForTenant(_ context.Context, req fakeserver.RotateWebhookSigningSecretForTenantRequestObject) (fakeserver.RotateWebhookSigningSecretForTenantResponseObject, error) {
	out, err := h.rotateWebhookSecret(fakeProject, req.EventType)
	if err != nil {
		return nil, err
	}
	return fakeserver.RotateWebhookSigningSecretForTenant200JSONResponse(out), nil
}

func (h *api) ListDeliveryAttempts(_ context.Context, req fakeserver.ListDeliveryAttemptsRequestObject) (fakeserver.ListDeliveryAttemptsResponseObject, error) {
	out, err := h.listDeliveryAttempts(req.ProjectId, req.EventType, req.Params.PageSize, req.Params.Cursor)
	if err != nil {
		return nil, err
	}
	return fakeserver.ListDeliveryAttempts200JSONResponse(out), nil
}

func (h *api) ListDeliveryAttemptsForTenant(_ context.Context, req fakeserver.ListDeliveryAttemptsForTenantRequestObject) (fakeserver.ListDeliveryAttemptsForTenantResponseObject, error) {
	out, err := h.listDeliveryAttempts(fakeProject, req.EventType, req.Params.PageSize, req.Params.Cursor)
	if err != nil {
		return nil, err
	}
	return fakeserver.ListDeliveryAttemptsForTenant200JSONResponse(out), nil
}

func (h *api) listWebhooks(project string) gen.ListWebhooksOutputBody {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	out := gen.ListWebhooksOutputBody{Webhooks: []gen.Webhook{}}
	for _, k := range st.webhooks.keys(project, false) {
		r := st.webhooks.regs[k]
		out.Webhooks = append(out.Webhooks, gen.Webhook{
			ProjectId: project, EventType: string(k.eventType),
			WebhookUrl: r.url, AuthHeader: r.authHeader, IsActive: true,
			CreatedAt: r.created, UpdatedAt: r.updated,
		})
	}
	return out
}

func (h *api) upsertWebhook(project, eventType, rawURL string, authHeader *string) (gen.UpsertWebhookOutputBody, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return gen.UpsertWebhookOutputBody{}, failAt(http.StatusUnprocessableEntity, "body.webhook_url", rawURL, "a webhook URL must be an absolute http or https URL")
	}
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	k := webhookKey{project: project, eventType: webhook.EventType(eventType)}
	r := st.webhooks.regs[k]
	out := gen.UpsertWebhookOutputBody{Success: true}
	if r == nil {
		// Only the first registration reveals its secret.
		r = &webhookReg{secret: newSigningSecret(), created: now}
		st.webhooks.regs[k] = r
		out.SigningSecret = r.secret
	}
	r.url, r.updated = rawURL, now
	if authHeader != nil {
		r.authHeader = *authHeader
	}
	return out, nil
}

func (h *api) deleteWebhook(project, eventType string) error {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	k := webhookKey{project: project, eventType: webhook.EventType(eventType)}
	if st.webhooks.regs[k] == nil {
		return noWebhook(project, eventType)
	}
	delete(st.webhooks.regs, k)
	return nil
}

func (h *api) rotateWebhookSecret(project, eventType string) (gen.RotateSigningSecretOutputBody, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	r := st.webhooks.regs[webhookKey{project: project, eventType: webhook.EventType(eventType)}]
	if r == nil {
		return gen.RotateSigningSecretOutputBody{}, noWebhook(project, eventType)
	}
	r.secret, r.updated = newSigningSecret(), now
	return gen.RotateSigningSecretOutputBody{Success: true, SigningSecret: r.secret}, nil
}

// defaultAttemptPage is the page size when the request gives none.
const defaultAttemptPage = 50

func (h *api) listDeliveryAttempts(project, eventType string, pageSize *int64, cursor *string) (gen.PaginatedDeliveryAttemptsResponse, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	k := webhookKey{project: project, eventType: webhook.EventType(eventType)}
	if st.webhooks.regs[k] == nil {
		return gen.PaginatedDeliveryAttemptsResponse{}, noWebhook(project, eventType)
	}
	all := st.webhooks.attempts[k]
	start := 0
	if cursor != nil && *cursor != "" {
		n, err := strconv.Atoi(*cursor)
		if err != nil || n < 0 || n > len(all) {
			return gen.PaginatedDeliveryAttemptsResponse{}, failAt(http.StatusUnprocessableEntity, "query.cursor", *cursor, "not a cursor this list returned")
		}
		start = n
	}
	size := defaultAttemptPage
	if pageSize != nil {
		size = int(*pageSize)
	}
	end := min(start+size, len(all))
	out := gen.PaginatedDeliveryAttemptsResponse{Attempts: []gen.WebhookDeliveryAttempt{}}
	for _, a := range all[start:end] {
		out.Attempts = append(out.Attempts, gen.WebhookDeliveryAttempt{
			AttemptId: a.id, AttemptNumber: a.number, CreatedAt: a.created,
			DurationMs: a.duration.Milliseconds(), ErrorMessage: a.errMsg,
			EventType: eventType, ProjectId: project,
			RequestBody: a.requestBody, ResponseBody: a.responseBody,
			ResponseCode: a.code, Status: a.status, WebhookUrl: a.url,
		})
	}
	if end < len(all) {
		out.HasMore, out.NextCursor = true, strconv.Itoa(end)
	}
	return out, nil
}

func noWebhook(project, eventType string) error {
	return fail(http.StatusNotFound, "no webhook registered for event type %q in project %q", eventType, project)
}
