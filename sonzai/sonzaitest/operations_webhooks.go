package sonzaitest

// Webhooks: by project id, and for the API key's project (ForTenant).
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
