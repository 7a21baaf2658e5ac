package sonzaitest

import (
	"fmt"
	"slices"
	"strings"
)

// Operation names an operation of the API by its operationId in the
// contract (openapi.yaml), e.g. OpSubmitTurn. Fault.Operation and
// Server.Requests take one; the constants below are the operations the
// fake gives behaviour to, so the compiler catches a typo. Any other
// operationId of the contract can be named with a conversion,
// Operation("..."); a name the contract does not have is reported, with
// the valid names, by Inject and Requests.
type Operation string

// AnyOperation matches every operation: a Fault for any request, or the
// total of Requests.
const AnyOperation Operation = ""

// Agents.
const (
	OpListAgents     Operation = "listAgents"
	OpCreateAgent    Operation = "createAgent"
	OpGetAgent       Operation = "getAgent"
	OpDeleteAgent    Operation = "deleteAgent"
	OpGetAgentModels Operation = "getAgentModels"
)

// Sessions and turns.
const (
	OpStartSession        Operation = "startSession"
	OpEndSession          Operation = "endSession"
	OpSetSessionTools     Operation = "setSessionTools"
	OpGetSessionEndStatus Operation = "getSessionEndStatus"
	OpSubmitTurn          Operation = "submitTurn"
	OpGetTurnStatus       Operation = "getTurnStatus"
	OpGetContext          Operation = "getContext"
	OpProcessMessages     Operation = "processMessages"
)

// Chat.
const (
	OpChatWithAgent   Operation = "chatWithAgent"
	OpPlaygroundChat  Operation = "playgroundChat"
	OpAsyncChat       Operation = "asyncChat"
	OpAsyncChatResult Operation = "asyncChatResult"
)

// What the agent learned.
const (
	OpGetMemoryTree         Operation = "getMemoryTree"
	OpSearchMemories        Operation = "searchMemories"
	OpGetPersonality        Operation = "getPersonality"
	OpGetRecentShifts       Operation = "getRecentShifts"
	OpGetSignificantMoments Operation = "getSignificantMoments"
	OpGetMood               Operation = "getMood"
	OpListGoals             Operation = "listGoals"
	OpListHabits            Operation = "listHabits"
	OpGetInterests          Operation = "getInterests"
	OpGetRelationships      Operation = "getRelationships"
	OpListNotifications     Operation = "listNotifications"
	OpConsumeNotification   Operation = "consumeNotification"
)

// Operations lists the operations the fake gives behaviour to (the Op
// constants), sorted by name.
func Operations() []Operation {
	ops := []Operation{
		OpListAgents, OpCreateAgent, OpGetAgent, OpDeleteAgent, OpGetAgentModels,
		OpStartSession, OpEndSession, OpSetSessionTools, OpGetSessionEndStatus, OpSubmitTurn, OpGetTurnStatus, OpGetContext, OpProcessMessages,
		OpChatWithAgent, OpPlaygroundChat, OpAsyncChat, OpAsyncChatResult,
		OpGetMemoryTree, OpSearchMemories, OpGetPersonality, OpGetRecentShifts, OpGetSignificantMoments, OpGetMood, OpListGoals, OpListHabits, OpGetInterests, OpGetRelationships, OpListNotifications, OpConsumeNotification,
		OpCreateGoal, OpUpdateGoal, OpDeleteGoal, OpListBreakthroughs, OpCreateHabit, OpUpdateHabit, OpDeleteHabit,
		OpUpdateMood, OpGetMoodHistory, OpGetMoodAggregate, OpListWakeups, OpScheduleWakeup,
		OpListWebhooks, OpUpsertWebhook, OpDeleteWebhook, OpListDeliveryAttempts, OpRotateWebhookSigningSecret,
		OpListWebhooksForTenant, OpUpsertWebhookForTenant, OpDeleteWebhookForTenant, OpListDeliveryAttemptsForTenant, OpRotateWebhookSigningSecretForTenant,
		OpListFacts, OpCreateFact, OpBulkCreateFacts, OpUpdateFact, OpDeleteFact, OpGetFactHistory,
		OpListCustomStates, OpCreateCustomState, OpGetCustomStateByKey, OpUpsertCustomStateByKey, OpDeleteCustomStateByKey, OpUpdateCustomState, OpDeleteCustomState,
		OpResetMemory,
		OpGetCapabilities, OpPatchCapabilities, OpUpdateCapabilities, OpGetEffectivePostProcessingModel, OpUpdateAgentPostProcessingModel, OpUpdateAgentProfile, OpSetAgentStatus, OpForkAgent, OpGetForkStatus, OpListCustomTools, OpCreateCustomTool, OpUpdateCustomTool, OpDeleteCustomTool, OpGenerateAndCreateAgent, OpGenerateCharacter, OpRegenerateAvatar, OpGenerateBio, OpGenerateImage, OpGenerateSeedMemories, OpAgentKBSearchGet, OpAgentKBSearch, OpGetToolSchemas,
		OpListInstances, OpCreateInstance, OpGetInstance, OpUpdateInstance, OpDeleteInstance, OpResetInstance, OpConsolidateMemory, OpListSummaries, OpGetMemoryTimeline, OpGetWisdomAudit, OpDeleteWisdomFact, OpListUserConversations, OpListUserFacts, OpListUsers, OpBatchImportUsers, OpGetImportStatus, OpListImportJobUsers, OpListImportJobs, OpAddUserContent, OpGetUserMetadata, OpUpdateUserMetadata, OpPrimeUser, OpGetPrimeStatus,
		OpListSchedules, OpCreateSchedule, OpGetSchedule, OpPatchSchedule, OpDeleteSchedule, OpUpcomingSchedule, OpGetNotificationHistory, OpListProjectNotifications, OpAcknowledgeProjectNotifications, OpAcknowledgeAllProjectNotifications, OpQueryInventory, OpUpdateInventory, OpBatchImportInventory, OpCreateInventoryItem, OpDirectUpdateInventory, OpDirectDeleteInventory, OpBatchGetPersonalities, OpUpdatePersonality, OpListUserOverlays, OpGetUserPersonalityOverlay, OpGetTimeMachine, OpGetConstellation, OpCreateConstellationNode, OpUpdateConstellationNode, OpDeleteConstellationNode, OpTriggerBackendEvent, OpGetDiary,
		OpKbListDocuments, OpKbUploadDocument, OpKbGetDocument, OpKbDeleteDocument, OpKbReingestDocument, OpKbPatchDocumentClassification, OpKbGetDocumentCost, OpKbSearch, OpKbTraverse, OpKbGetEntity, OpKbGetStats, OpKbListFacts, OpKbInsertFacts, OpKbGetActiveFact, OpKbGetFactHistory, OpKbListNodes, OpKbAgentCreateNode, OpKbGetNode, OpKbAgentUpdateNode, OpKbDeleteNode, OpKbAgentDeleteNode, OpKbGetNodeHistory, OpKbPromoteNodeToOrg, OpKbListOrgNodes, OpKbCreateOrgNode, OpKbListSchemas, OpKbCreateSchema, OpKbUpdateSchema, OpKbDeleteSchema, OpKbBulkUpdateProperties,
	}
	slices.Sort(ops)
	return ops
}

// unknownOperationError is a name that is not an operationId of the
// contract; its message lists the valid names.
type unknownOperationError struct {
	method string
	op     Operation
}

func (e *unknownOperationError) Error() string {
	ops := Operations()
	names := make([]string, 0, len(ops))
	for _, op := range ops {
		names = append(names, string(op))
	}
	return fmt.Sprintf("sonzaitest: %s: %q is not an operationId of the contract; the fake gives behaviour to %s (the Op constants), and answers every other operationId of openapi.yaml",
		e.method, string(e.op), strings.Join(names, ", "))
}
