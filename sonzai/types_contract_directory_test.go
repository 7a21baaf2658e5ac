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
		contractType{typ: contractTypeOf[successResult](), schema: "TriggerConsolidationOutputBody", responseOf: []string{"consolidateMemory"}},
		contractType{typ: contractTypeOf[successResult](), schema: "DeleteInstanceOutputBody", responseOf: []string{"deleteInstance"}},
		contractType{typ: contractTypeOf[MemorySummary](), schema: "MemorySummary"},
		contractType{typ: contractTypeOf[summaryList](), schema: "SummariesResponse", responseOf: []string{"listSummaries"}},
		contractType{typ: contractTypeOf[Timeline](), schema: "TimelineResponse", responseOf: []string{"getMemoryTimeline"}},
		contractType{typ: contractTypeOf[TimelineSession](), schema: "TimelineSession"},
		contractType{typ: contractTypeOf[WisdomAudit](), schema: "WisdomAuditResponse", responseOf: []string{"getWisdomAudit"}},
		contractType{typ: contractTypeOf[wisdomDeleted](), schema: "DeleteWisdomResponse", responseOf: []string{"deleteWisdomFact"}},
		contractType{typ: contractTypeOf[ConversationMessage](), schema: "ConversationMessage"},
		contractType{typ: contractTypeOf[conversationList](), schema: "ListUserConversationsOutputBody", responseOf: []string{"listUserConversations"}},
		contractType{typ: contractTypeOf[userFactList](), schema: "ListAllFactsResponse", responseOf: []string{"listUserFacts"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"listInstances", "createInstance", "getInstance", "updateInstance", "deleteInstance", "resetInstance",
		"consolidateMemory", "listSummaries", "getMemoryTimeline", "getWisdomAudit", "deleteWisdomFact",
		"listUserConversations", "listUserFacts",
	)
}
