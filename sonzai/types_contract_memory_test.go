package sonzai

// The wire types of the facts (Memory tag) and Custom States operations.
func init() {
	contractTypes = append(contractTypes,
		contractType{typ: contractTypeOf[StoredFact](), schema: "StoredFact"},
		contractType{typ: contractTypeOf[FactPage](), schema: "ListFactsResponse", responseOf: []string{"listFacts"}},
		contractType{typ: contractTypeOf[AtomicFact](), schema: "AtomicFact", responseOf: []string{"createFact", "updateFact"}},
		contractType{typ: contractTypeOf[factBulkResult](), schema: "BulkCreateFactsOutputBody", responseOf: []string{"bulkCreateFacts"}},
		contractType{typ: contractTypeOf[FactHistory](), schema: "FactHistoryResponse", responseOf: []string{"getFactHistory"}},
		contractType{typ: contractTypeOf[CustomState](), schema: "CustomState",
			responseOf: []string{"createCustomState", "getCustomStateByKey", "upsertCustomStateByKey", "updateCustomState"}},
		contractType{typ: contractTypeOf[MemoryReset](), schema: "ResetMemoryResponse", responseOf: []string{"resetMemory"}},
		contractType{typ: contractTypeOf[customStateList](), schema: "ListCustomStatesOutputBody", responseOf: []string{"listCustomStates"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"listFacts", "createFact", "bulkCreateFacts", "updateFact", "deleteFact", "getFactHistory",
		"listCustomStates", "createCustomState", "getCustomStateByKey", "upsertCustomStateByKey",
		"deleteCustomStateByKey", "updateCustomState", "deleteCustomState", "resetMemory",
	)
}
