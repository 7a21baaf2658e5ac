package contract_test

// The webhooks group's operations, wrapped by sonzai.WebhooksService.
func init() {
	for id, route := range map[string]string{
		"listWebhooks":                        "GET /projects/{projectId}/webhooks",
		"upsertWebhook":                       "PUT /projects/{projectId}/webhooks/{eventType}",
		"deleteWebhook":                       "DELETE /projects/{projectId}/webhooks/{eventType}",
		"listDeliveryAttempts":                "GET /projects/{projectId}/webhooks/{eventType}/attempts",
		"rotateWebhookSigningSecret":          "POST /projects/{projectId}/webhooks/{eventType}/rotate-secret",
		"listWebhooksForTenant":               "GET /webhooks",
		"upsertWebhookForTenant":              "PUT /webhooks/{eventType}",
		"deleteWebhookForTenant":              "DELETE /webhooks/{eventType}",
		"listDeliveryAttemptsForTenant":       "GET /webhooks/{eventType}/attempts",
		"rotateWebhookSigningSecretForTenant": "POST /webhooks/{eventType}/rotate-secret",
	} {
		wrapped[id] = route
	}
}
