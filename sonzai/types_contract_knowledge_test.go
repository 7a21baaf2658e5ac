package sonzai

// The wire types of the Knowledge tag.
func init() {
	contractTypes = append(contractTypes,
		// Documents.
		contractType{typ: contractTypeOf[KnowledgeDocument](), schema: "KBDocument", responseOf: []string{"kbGetDocument"}},
		contractType{typ: contractTypeOf[KnowledgeDocumentList](), schema: "KbListDocumentsOutputBody", responseOf: []string{"kbListDocuments"}},
		contractType{typ: contractTypeOf[DocumentUpload](), schema: "KbUploadDocumentOutputBody", responseOf: []string{"kbUploadDocument"}},
		contractType{typ: contractTypeOf[DocumentReingest](), schema: "KbReingestOutputBody", responseOf: []string{"kbReingestDocument"}},
		contractType{typ: contractTypeOf[DocumentClassification](), schema: "KbPatchClassificationOutputBody", responseOf: []string{"kbPatchDocumentClassification"}},
		contractType{typ: contractTypeOf[DocumentCost](), schema: "KbDocCostOutputBody", responseOf: []string{"kbGetDocumentCost"}},
		contractType{typ: contractTypeOf[DocumentCostRow](), schema: "KbDocCostBreakdown"},
		// Search and graph.
		contractType{typ: contractTypeOf[knowledgeSearchResponse](), schema: "KBSearchResponse", responseOf: []string{"kbSearch"}},
		contractType{typ: contractTypeOf[KnowledgeSearchResult](), schema: "KBSearchResult"},
		contractType{typ: contractTypeOf[RelatedNode](), schema: "KBRelatedNode"},
		contractType{typ: contractTypeOf[KnowledgeNodeVersion](), schema: "KBNodeHistory"},
		contractType{typ: contractTypeOf[KnowledgeEntity](), schema: "KbGetEntityOutputBody", responseOf: []string{"kbGetEntity"}},
		contractType{typ: contractTypeOf[knowledgeTraversal](), schema: "KbTraverseOutputBody", responseOf: []string{"kbTraverse"}},
		contractType{typ: contractTypeOf[TraversedFact](), schema: "KbTraversedFact"},
		contractType{typ: contractTypeOf[KnowledgeStats](), schema: "KbGetStatsOutputBody", responseOf: []string{"kbGetStats"}},
		// Facts.
		contractType{typ: contractTypeOf[KnowledgeFact](), schema: "KbFactDTO"},
		contractType{typ: contractTypeOf[KnowledgeFactPage](), schema: "KbListFactsOutputBody", responseOf: []string{"kbListFacts"}},
		contractType{typ: contractTypeOf[KnowledgeFactInsert](), schema: "KbInsertFactsOutputBody", responseOf: []string{"kbInsertFacts"}},
		contractType{typ: contractTypeOf[KnowledgeInsertedEntity](), schema: "InsertFactDetail"},
		contractType{typ: contractTypeOf[KnowledgeInsertedEdge](), schema: "InsertEdgeDetail"},
		contractType{typ: contractTypeOf[knowledgeFactResult](), schema: "KbGetFactOutputBody", responseOf: []string{"kbGetActiveFact"}},
		contractType{typ: contractTypeOf[knowledgeFactVersions](), schema: "KbGetFactHistoryOutputBody", responseOf: []string{"kbGetFactHistory"}},
		// Nodes.
		contractType{typ: contractTypeOf[KnowledgeNode](), schema: "KBNode", responseOf: []string{"kbCreateOrgNode"}},
		contractType{typ: contractTypeOf[PropertySource](), schema: "PropertySource"},
		contractType{typ: contractTypeOf[ScopedKnowledgeNode](), schema: "KBNodeWithScope", responseOf: []string{"kbPromoteNodeToOrg"}},
		contractType{typ: contractTypeOf[KnowledgeEdge](), schema: "KBEdge"},
		contractType{typ: contractTypeOf[KnowledgeNodeList](), schema: "KbListNodesOutputBody", responseOf: []string{"kbListNodes"}},
		contractType{typ: contractTypeOf[knowledgeNodeResult](), schema: "KbAgentCreateNodeOutputBody", responseOf: []string{"kbAgentCreateNode"}},
		contractType{typ: contractTypeOf[knowledgeNodeResult](), schema: "KbAgentUpdateNodeOutputBody", responseOf: []string{"kbAgentUpdateNode"}},
		contractType{typ: contractTypeOf[KnowledgeNodeDetail](), schema: "KbGetNodeOutputBody", responseOf: []string{"kbGetNode"}},
		contractType{typ: contractTypeOf[knowledgeNodeDeleted](), schema: "KbAgentDeleteNodeOutputBody", responseOf: []string{"kbAgentDeleteNode"}},
		contractType{typ: contractTypeOf[KnowledgeNodeHistory](), schema: "KbGetNodeHistoryOutputBody", responseOf: []string{"kbGetNodeHistory"}},
		contractType{typ: contractTypeOf[OrgNodeList](), schema: "KbListOrgNodesOutputBody", responseOf: []string{"kbListOrgNodes"}},
		// Schemas.
		contractType{typ: contractTypeOf[KnowledgeSchema](), schema: "KBEntitySchema", responseOf: []string{"kbCreateSchema", "kbUpdateSchema"}},
		contractType{typ: contractTypeOf[SchemaField](), schema: "KBSchemaField"},
		contractType{typ: contractTypeOf[SimilarityConfig](), schema: "KBSimilarityConfig"},
		contractType{typ: contractTypeOf[knowledgeSchemaList](), schema: "KbListSchemasOutputBody", responseOf: []string{"kbListSchemas"}},
		contractType{typ: contractTypeOf[PropertiesBulkUpdate](), schema: "KbBulkUpdateOutputBody", responseOf: []string{"kbBulkUpdateProperties"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"kbListDocuments", "kbUploadDocument", "kbGetDocument", "kbDeleteDocument", "kbReingestDocument",
		"kbPatchDocumentClassification", "kbGetDocumentCost",
		"kbSearch", "kbTraverse", "kbGetEntity", "kbGetStats", "kbListFacts", "kbInsertFacts", "kbGetActiveFact", "kbGetFactHistory",
		"kbListNodes", "kbAgentCreateNode", "kbGetNode", "kbAgentUpdateNode", "kbDeleteNode", "kbAgentDeleteNode",
		"kbGetNodeHistory", "kbPromoteNodeToOrg", "kbListOrgNodes", "kbCreateOrgNode",
		"kbListSchemas", "kbCreateSchema", "kbUpdateSchema", "kbDeleteSchema", "kbBulkUpdateProperties",
	)
}
