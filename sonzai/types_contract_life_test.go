package sonzai

// The wire types of the Schedules, project Notifications, Inventory,
// Personality updates, Insights overlays, Constellation, Events, Diary
// and Dialogue operations.
func init() {
	contractTypes = append(contractTypes,
		// Schedules.
		contractType{typ: contractTypeOf[Schedule](), schema: "ScheduleDTO", responseOf: []string{"getSchedule", "patchSchedule"}},
		contractType{typ: contractTypeOf[ScheduleCreated](), schema: "CreateScheduleOutputBody", responseOf: []string{"createSchedule"}},
		contractType{typ: contractTypeOf[scheduleList](), schema: "ListSchedulesOutputBody", responseOf: []string{"listSchedules"}},
		contractType{typ: contractTypeOf[scheduleUpcoming](), schema: "UpcomingScheduleOutputBody", responseOf: []string{"upcomingSchedule"}},
		// Notifications: the history has the list's shape.
		contractType{typ: contractTypeOf[notificationList](), schema: "ProactiveNotificationsResponse", responseOf: []string{"getNotificationHistory"}},
		contractType{typ: contractTypeOf[ProjectNotification](), schema: "Notification"},
		contractType{typ: contractTypeOf[projectNotificationList](), schema: "ProjectNotificationsListOutputBody", responseOf: []string{"listProjectNotifications"}},
		contractType{typ: contractTypeOf[acknowledged](), schema: "AcknowledgeProjectNotificationsOutputBody", responseOf: []string{"acknowledgeProjectNotifications"}},
		contractType{typ: contractTypeOf[acknowledged](), schema: "AcknowledgeAllProjectNotificationsOutputBody", responseOf: []string{"acknowledgeAllProjectNotifications"}},
		// Inventory.
		contractType{typ: contractTypeOf[InventoryResult](), schema: "InventoryReadResponse", responseOf: []string{"queryInventory"}},
		contractType{typ: contractTypeOf[InventoryItem](), schema: "InventoryItem"},
		contractType{typ: contractTypeOf[InventoryGroup](), schema: "GroupResult"},
		contractType{typ: contractTypeOf[InventoryWriteResult](), schema: "InventoryWriteResponse", responseOf: []string{"updateInventory", "createInventoryItem"}},
		contractType{typ: contractTypeOf[KBCandidate](), schema: "KbCandidate"},
		contractType{typ: contractTypeOf[KBResolution](), schema: "KbResolutionInfo"},
		contractType{typ: contractTypeOf[InventoryChange](), schema: "DirectUpdateResponse", responseOf: []string{"directUpdateInventory", "directDeleteInventory"}},
		contractType{typ: contractTypeOf[inventoryBatchResult](), schema: "BatchInventoryResponse", responseOf: []string{"batchImportInventory"}},
		// Personality and Insights.
		contractType{typ: contractTypeOf[personalityBatch](), schema: "BatchPersonalityResponse", responseOf: []string{"batchGetPersonalities"}},
		contractType{typ: contractTypeOf[PersonalitySummary](), schema: "BatchPersonalityEntry"},
		contractType{typ: contractTypeOf[personalityUpdated](), schema: "UpdatePersonalityOutputBody", responseOf: []string{"updatePersonality"}},
		contractType{typ: contractTypeOf[UserOverlay](), schema: "UserOverlayResponse"},
		contractType{typ: contractTypeOf[userOverlayList](), schema: "UserOverlaysListResponse", responseOf: []string{"listUserOverlays"}},
		contractType{typ: contractTypeOf[UserOverlayDetail](), schema: "UserOverlayDetailResponse", responseOf: []string{"getUserPersonalityOverlay"}},
		contractType{typ: contractTypeOf[TimeMachine](), schema: "TimeMachineResponse", responseOf: []string{"getTimeMachine"}},
		contractType{typ: contractTypeOf[MoodSnapshot](), schema: "TimeMachineMoodSnapshot"},
		// Constellation.
		contractType{typ: contractTypeOf[Constellation](), schema: "ConstellationResponse", responseOf: []string{"getConstellation"}},
		contractType{typ: contractTypeOf[ConstellationNode](), schema: "Node", responseOf: []string{"createConstellationNode", "updateConstellationNode"}},
		contractType{typ: contractTypeOf[ConstellationEdge](), schema: "Edge"},
		contractType{typ: contractTypeOf[ConstellationInsight](), schema: "Insight"},
		// Events, Diary, Dialogue.
		contractType{typ: contractTypeOf[EventAccepted](), schema: "TriggerEventOutputBody", responseOf: []string{"triggerBackendEvent"}},
		contractType{typ: contractTypeOf[diaryAnswer](), schema: "DiaryPolymorphicResponse", responseOf: []string{"getDiary"}},
		contractType{typ: contractTypeOf[DiaryEntry](), schema: "DiaryEntry"},
		contractType{typ: contractTypeOf[DialogueReply](), schema: "AgentDialogueOutputBody", responseOf: []string{"agentDialogue"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"listSchedules", "createSchedule", "getSchedule", "patchSchedule", "deleteSchedule", "upcomingSchedule",
		"getNotificationHistory", "listProjectNotifications", "acknowledgeProjectNotifications", "acknowledgeAllProjectNotifications",
		"queryInventory", "updateInventory", "batchImportInventory", "createInventoryItem", "directUpdateInventory", "directDeleteInventory",
		"batchGetPersonalities", "updatePersonality", "listUserOverlays", "getUserPersonalityOverlay", "getTimeMachine",
		"getConstellation", "createConstellationNode", "updateConstellationNode", "deleteConstellationNode",
		"triggerBackendEvent", "getDiary", "agentDialogue",
	)
}
