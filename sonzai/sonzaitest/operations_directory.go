package sonzaitest

// The instance operations the fake keeps state for.
const (
	OpListInstances  Operation = "listInstances"
	OpCreateInstance Operation = "createInstance"
	OpGetInstance    Operation = "getInstance"
	OpUpdateInstance Operation = "updateInstance"
	OpDeleteInstance Operation = "deleteInstance"
	OpResetInstance  Operation = "resetInstance"
)

// The rest of the memory operations: consolidation, summaries, the
// timeline, wisdom facts and a user's facts and conversations.
const (
	OpConsolidateMemory     Operation = "consolidateMemory"
	OpListSummaries         Operation = "listSummaries"
	OpGetMemoryTimeline     Operation = "getMemoryTimeline"
	OpGetWisdomAudit        Operation = "getWisdomAudit"
	OpDeleteWisdomFact      Operation = "deleteWisdomFact"
	OpListUserConversations Operation = "listUserConversations"
	OpListUserFacts         Operation = "listUserFacts"
)

// Users, imports and priming.
const (
	OpListUsers          Operation = "listUsers"
	OpBatchImportUsers   Operation = "batchImportUsers"
	OpGetImportStatus    Operation = "getImportStatus"
	OpListImportJobUsers Operation = "listImportJobUsers"
	OpListImportJobs     Operation = "listImportJobs"
	OpAddUserContent     Operation = "addUserContent"
	OpGetUserMetadata    Operation = "getUserMetadata"
	OpUpdateUserMetadata Operation = "updateUserMetadata"
	OpPrimeUser          Operation = "primeUser"
	OpGetPrimeStatus     Operation = "getPrimeStatus"
)
