package sonzai

// The wire types of the Knowledge tag.
func init() {
	contractTypes = append(contractTypes,
		// Documents.
		contractType{typ: contractTypeOf[KnowledgeDocument](), schema: "KBDocument", responseOf: []string{"kbGetDocument"}},
		contractType{typ: contractTypeOf[knowledgeDocumentList](), schema: "KbListDocumentsOutputBody", responseOf: []string{"kbListDocuments"}},
		contractType{typ: contractTypeOf[DocumentUpload](), schema: "KbUploadDocumentOutputBody", responseOf: []string{"kbUploadDocument"}},
		contractType{typ: contractTypeOf[DocumentReingest](), schema: "KbReingestOutputBody", responseOf: []string{"kbReingestDocument"}},
		contractType{typ: contractTypeOf[DocumentClassification](), schema: "KbPatchClassificationOutputBody", responseOf: []string{"kbPatchDocumentClassification"}},
		contractType{typ: contractTypeOf[DocumentCost](), schema: "KbDocCostOutputBody", responseOf: []string{"kbGetDocumentCost"}},
		contractType{typ: contractTypeOf[DocumentCostRow](), schema: "KbDocCostBreakdown"},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"kbListDocuments", "kbUploadDocument", "kbGetDocument", "kbDeleteDocument", "kbReingestDocument",
		"kbPatchDocumentClassification", "kbGetDocumentCost",
	)
}
