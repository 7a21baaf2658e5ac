package sonzai

// The wire types of the Instances, Users and Priming operations and of the
// rest of the Memory tag (consolidation, summaries, timeline, wisdom, a
// user's facts and conversations).
func init() {
	contractTypes = append(contractTypes,
		contractType{typ: contractTypeOf[Instance](), schema: "AgentInstance",
			responseOf: []string{"createInstance", "getInstance", "updateInstance"}},
		contractType{typ: contractTypeOf[instanceList](), schema: "ListInstancesOutputBody", responseOf: []string{"listInstances"}},
		contractType{typ: contractTypeOf[InstanceReset](), schema: "ResetInstanceOutputBody", responseOf: []string{"resetInstance"}},
		contractType{typ: contractTypeOf[consolidationResult](), schema: "TriggerConsolidationOutputBody", responseOf: []string{"consolidateMemory"}},
		contractType{typ: contractTypeOf[instanceDeleted](), schema: "DeleteInstanceOutputBody", responseOf: []string{"deleteInstance"}},
		contractType{typ: contractTypeOf[MemorySummary](), schema: "MemorySummary"},
		contractType{typ: contractTypeOf[summaryList](), schema: "SummariesResponse", responseOf: []string{"listSummaries"}},
		contractType{typ: contractTypeOf[Timeline](), schema: "TimelineResponse", responseOf: []string{"getMemoryTimeline"}},
		contractType{typ: contractTypeOf[TimelineSession](), schema: "TimelineSession"},
		contractType{typ: contractTypeOf[WisdomAudit](), schema: "WisdomAuditResponse", responseOf: []string{"getWisdomAudit"}},
		contractType{typ: contractTypeOf[wisdomDeleted](), schema: "DeleteWisdomResponse", responseOf: []string{"deleteWisdomFact"}},
		contractType{typ: contractTypeOf[ConversationMessage](), schema: "ConversationMessage"},
		contractType{typ: contractTypeOf[conversationList](), schema: "ListUserConversationsOutputBody", responseOf: []string{"listUserConversations"}},
		contractType{typ: contractTypeOf[userFactList](), schema: "ListAllFactsResponse", responseOf: []string{"listUserFacts"}},

		contractType{typ: contractTypeOf[User](), schema: "UserEntry"},
		contractType{typ: contractTypeOf[UserContact](), schema: "UserMetadata"},
		contractType{typ: contractTypeOf[UserPage](), schema: "UsersResponse", responseOf: []string{"listUsers"}},
		contractType{typ: contractTypeOf[ImportJob](), schema: "ImportJob", responseOf: []string{"getImportStatus", "getPrimeStatus"}},
		contractType{typ: contractTypeOf[importAccepted](), schema: "BatchImportUsersHumaOutputBody", responseOf: []string{"batchImportUsers"}},
		contractType{typ: contractTypeOf[importJobList](), schema: "ListImportJobsOutputBody", responseOf: []string{"listImportJobs"}},
		contractType{typ: contractTypeOf[ImportJobUser](), schema: "JobUser"},
		contractType{typ: contractTypeOf[importJobUserList](), schema: "ListImportJobUsersOutputBody", responseOf: []string{"listImportJobUsers"}},
		contractType{typ: contractTypeOf[ContentJob](), schema: "AddUserContentHumaOutputBody", responseOf: []string{"addUserContent"}},
		contractType{typ: contractTypeOf[UserMetadata](), schema: "UserPrimingMetadata", responseOf: []string{"getUserMetadata"}},
		contractType{typ: contractTypeOf[UserMetadataUpdate](), schema: "UpdateUserMetadataHumaOutputBody", responseOf: []string{"updateUserMetadata"}},
	)
	contractUncheckedResponses["primeUser"] = "a free-form object; PrimeResult reads job_id, status and facts_created leniently and keeps the rest in Raw"
	contractWrappedOperations = append(contractWrappedOperations,
		"listInstances", "createInstance", "getInstance", "updateInstance", "deleteInstance", "resetInstance",
		"consolidateMemory", "listSummaries", "getMemoryTimeline", "getWisdomAudit", "deleteWisdomFact",
		"listUserConversations", "listUserFacts",
		"listUsers", "batchImportUsers", "getImportStatus", "listImportJobUsers", "listImportJobs",
		"addUserContent", "getUserMetadata", "updateUserMetadata", "primeUser", "getPrimeStatus",
	)
}
