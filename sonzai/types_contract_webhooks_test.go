package sonzai

// The webhooks group's wire types, checked by TestTypesMatchContract.
func init() {
	contractTypes = append(contractTypes,
		contractType{typ: contractTypeOf[Webhook](), schema: "Webhook"},
		contractType{typ: contractTypeOf[webhookList](), schema: "ListWebhooksOutputBody", responseOf: []string{"listWebhooks", "listWebhooksForTenant"}},
		contractType{typ: contractTypeOf[WebhookUpsertResult](), schema: "UpsertWebhookOutputBody", responseOf: []string{"upsertWebhook", "upsertWebhookForTenant"}},
		contractType{typ: contractTypeOf[WebhookSecretRotation](), schema: "RotateSigningSecretOutputBody", responseOf: []string{"rotateWebhookSigningSecret", "rotateWebhookSigningSecretForTenant"}},
		contractType{typ: contractTypeOf[DeliveryAttempt](), schema: "WebhookDeliveryAttempt"},
		contractType{typ: contractTypeOf[DeliveryAttemptPage](), schema: "PaginatedDeliveryAttemptsResponse", responseOf: []string{"listDeliveryAttempts", "listDeliveryAttemptsForTenant"}},
	)
}
