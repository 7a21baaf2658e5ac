package sonzaitest

// The facts and custom-state operations the fake keeps state for.
const (
	OpListFacts       Operation = "listFacts"
	OpCreateFact      Operation = "createFact"
	OpBulkCreateFacts Operation = "bulkCreateFacts"
	OpUpdateFact      Operation = "updateFact"
	OpDeleteFact      Operation = "deleteFact"
	OpGetFactHistory  Operation = "getFactHistory"

	OpListCustomStates       Operation = "listCustomStates"
	OpCreateCustomState      Operation = "createCustomState"
	OpGetCustomStateByKey    Operation = "getCustomStateByKey"
	OpUpsertCustomStateByKey Operation = "upsertCustomStateByKey"
	OpDeleteCustomStateByKey Operation = "deleteCustomStateByKey"
	OpUpdateCustomState      Operation = "updateCustomState"
	OpDeleteCustomState      Operation = "deleteCustomState"
)

// OpResetMemory erases one user's memories.
const OpResetMemory Operation = "resetMemory"
