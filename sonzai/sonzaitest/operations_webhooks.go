package sonzaitest

// Webhooks: registrations at the project level and the tenant's own.
const (
	OpListWebhooks                        Operation = "listWebhooks"
	OpUpsertWebhook                       Operation = "upsertWebhook"
	OpDeleteWebhook                       Operation = "deleteWebhook"
	OpListDeliveryAttempts                Operation = "listDeliveryAttempts"
	OpRotateWebhookSigningSecret          Operation = "rotateWebhookSigningSecret"
	OpListWebhooksForTenant               Operation = "listWebhooksForTenant"
	OpUpsertWebhookForTenant              Operation = "upsertWebhookForTenant"
	OpDeleteWebhookForTenant              Operation = "deleteWebhookForTenant"
	OpListDeliveryAttemptsForTenant       Operation = "listDeliveryAttemptsForTenant"
	OpRotateWebhookSigningSecretForTenant Operation = "rotateWebhookSigningSecretForTenant"
)
