package sonzaitest

// The knowledge-base operations the fake keeps state for: documents,
// search and facts, nodes and schemas.
const (
	OpKbListDocuments               Operation = "kbListDocuments"
	OpKbUploadDocument              Operation = "kbUploadDocument"
	OpKbGetDocument                 Operation = "kbGetDocument"
	OpKbDeleteDocument              Operation = "kbDeleteDocument"
	OpKbReingestDocument            Operation = "kbReingestDocument"
	OpKbPatchDocumentClassification Operation = "kbPatchDocumentClassification"
	OpKbGetDocumentCost             Operation = "kbGetDocumentCost"

	OpKbSearch         Operation = "kbSearch"
	OpKbTraverse       Operation = "kbTraverse"
	OpKbGetEntity      Operation = "kbGetEntity"
	OpKbGetStats       Operation = "kbGetStats"
	OpKbListFacts      Operation = "kbListFacts"
	OpKbInsertFacts    Operation = "kbInsertFacts"
	OpKbGetActiveFact  Operation = "kbGetActiveFact"
	OpKbGetFactHistory Operation = "kbGetFactHistory"

	OpKbListNodes        Operation = "kbListNodes"
	OpKbAgentCreateNode  Operation = "kbAgentCreateNode"
	OpKbGetNode          Operation = "kbGetNode"
	OpKbAgentUpdateNode  Operation = "kbAgentUpdateNode"
	OpKbDeleteNode       Operation = "kbDeleteNode"
	OpKbAgentDeleteNode  Operation = "kbAgentDeleteNode"
	OpKbGetNodeHistory   Operation = "kbGetNodeHistory"
	OpKbPromoteNodeToOrg Operation = "kbPromoteNodeToOrg"
	OpKbListOrgNodes     Operation = "kbListOrgNodes"
	OpKbCreateOrgNode    Operation = "kbCreateOrgNode"

	OpKbListSchemas          Operation = "kbListSchemas"
	OpKbCreateSchema         Operation = "kbCreateSchema"
	OpKbUpdateSchema         Operation = "kbUpdateSchema"
	OpKbDeleteSchema         Operation = "kbDeleteSchema"
	OpKbBulkUpdateProperties Operation = "kbBulkUpdateProperties"
)
