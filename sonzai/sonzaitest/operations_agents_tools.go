package sonzaitest

// The Agents tag's settings, forks and custom tools, the Generation tag
// and the Tools tag, which the fake gives behaviour to.
const (
	OpGetCapabilities                 Operation = "getCapabilities"
	OpPatchCapabilities               Operation = "patchCapabilities"
	OpUpdateCapabilities              Operation = "updateCapabilities"
	OpGetEffectivePostProcessingModel Operation = "getEffectivePostProcessingModel"
	OpUpdateAgentPostProcessingModel  Operation = "updateAgentPostProcessingModel"
	OpUpdateAgentProfile              Operation = "updateAgentProfile"
	OpSetAgentStatus                  Operation = "setAgentStatus"
	OpForkAgent                       Operation = "forkAgent"
	OpGetForkStatus                   Operation = "getForkStatus"
	OpListCustomTools                 Operation = "listCustomTools"
	OpCreateCustomTool                Operation = "createCustomTool"
	OpUpdateCustomTool                Operation = "updateCustomTool"
	OpDeleteCustomTool                Operation = "deleteCustomTool"

	OpGenerateAndCreateAgent Operation = "generateAndCreateAgent"
	OpGenerateCharacter      Operation = "generateCharacter"
	OpRegenerateAvatar       Operation = "regenerateAvatar"
	OpGenerateBio            Operation = "generateBio"
	OpGenerateImage          Operation = "generateImage"
	OpGenerateSeedMemories   Operation = "generateSeedMemories"

	// OpAgentKBSearchGet and OpAgentKBSearch are the knowledge-base
	// search's two forms (ToolsService.KBSearch sends the POST when
	// KBSearchParams.InBody is set); they answer the same.
	OpAgentKBSearchGet Operation = "agentKBSearchGet"
	OpAgentKBSearch    Operation = "agentKBSearch"
	OpGetToolSchemas   Operation = "getToolSchemas"
)
