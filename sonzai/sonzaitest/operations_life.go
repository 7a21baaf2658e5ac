package sonzaitest

// The Schedules operations the fake keeps state for.
const (
	OpListSchedules    Operation = "listSchedules"
	OpCreateSchedule   Operation = "createSchedule"
	OpGetSchedule      Operation = "getSchedule"
	OpPatchSchedule    Operation = "patchSchedule"
	OpDeleteSchedule   Operation = "deleteSchedule"
	OpUpcomingSchedule Operation = "upcomingSchedule"
)

// The notification operations the fake keeps state for: the agent's
// history, and the project's pending list (fed by Server.NotifyProject).
const (
	OpGetNotificationHistory             Operation = "getNotificationHistory"
	OpListProjectNotifications           Operation = "listProjectNotifications"
	OpAcknowledgeProjectNotifications    Operation = "acknowledgeProjectNotifications"
	OpAcknowledgeAllProjectNotifications Operation = "acknowledgeAllProjectNotifications"
)

// The inventory operations the fake keeps state for.
const (
	OpQueryInventory        Operation = "queryInventory"
	OpUpdateInventory       Operation = "updateInventory"
	OpBatchImportInventory  Operation = "batchImportInventory"
	OpCreateInventoryItem   Operation = "createInventoryItem"
	OpDirectUpdateInventory Operation = "directUpdateInventory"
	OpDirectDeleteInventory Operation = "directDeleteInventory"
)

// The personality and insights operations the fake keeps state for.
const (
	OpBatchGetPersonalities     Operation = "batchGetPersonalities"
	OpUpdatePersonality         Operation = "updatePersonality"
	OpListUserOverlays          Operation = "listUserOverlays"
	OpGetUserPersonalityOverlay Operation = "getUserPersonalityOverlay"
	OpGetTimeMachine            Operation = "getTimeMachine"
)

// The constellation operations the fake keeps state for.
const (
	OpGetConstellation        Operation = "getConstellation"
	OpCreateConstellationNode Operation = "createConstellationNode"
	OpUpdateConstellationNode Operation = "updateConstellationNode"
	OpDeleteConstellationNode Operation = "deleteConstellationNode"
)

// OpTriggerBackendEvent tells an agent about an event; once processed,
// getDiary (OpGetDiary) shows the entry the agent wrote about it.
const (
	OpTriggerBackendEvent Operation = "triggerBackendEvent"
	OpGetDiary            Operation = "getDiary"
)
