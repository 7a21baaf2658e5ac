package sonzai

// The wire types of the Agents tag's settings, forks and custom tools, the
// Generation tag and the Tools tag.
func init() {
	contractTypes = append(contractTypes,
		contractType{typ: contractTypeOf[Capabilities](), schema: "AgentCapabilities",
			responseOf: []string{"getCapabilities", "patchCapabilities", "updateCapabilities"}},
		contractType{typ: contractTypeOf[PendingCapability](), schema: "PendingCapability"},
		contractType{typ: contractTypeOf[CapabilitiesUpdateParams](), schema: "UpdateCapabilitiesInputBody", bodyOf: []string{"patchCapabilities"}},
		contractType{typ: contractTypeOf[CapabilitiesReplaceParams](), schema: "UpdateCapabilitiesInputBody", bodyOf: []string{"updateCapabilities"}},
		contractType{typ: contractTypeOf[CustomTool](), schema: "CustomToolDefinition", responseOf: []string{"createCustomTool"}},
		contractType{typ: contractTypeOf[customToolList](), schema: "ListCustomToolsOutputBody", responseOf: []string{"listCustomTools"}},
		contractType{typ: contractTypeOf[CustomToolCreateParams](), schema: "CreateCustomToolInputBody", bodyOf: []string{"createCustomTool"}},
		contractType{typ: contractTypeOf[CustomToolUpdateParams](), schema: "UpdateCustomToolInputBody", bodyOf: []string{"updateCustomTool"}},
		contractType{typ: contractTypeOf[AgentProfileUpdateParams](), schema: "UpdateAgentProfileInputBody", bodyOf: []string{"updateAgentProfile"}},
		contractType{typ: contractTypeOf[AgentStatus](), schema: "SetAgentStatusOutputBody", responseOf: []string{"setAgentStatus"}},
		contractType{typ: contractTypeOf[agentStatusBody](), schema: "SetAgentStatusInputBody", bodyOf: []string{"setAgentStatus"}},
		contractType{typ: contractTypeOf[PostProcessingModel](), schema: "EffectivePostProcessingModelOutputBody", responseOf: []string{"getEffectivePostProcessingModel"}},
		contractType{typ: contractTypeOf[PostProcessingModelUpdateParams](), schema: "UpdateAgentPostProcessingModelInputBody", bodyOf: []string{"updateAgentPostProcessingModel"}},
		contractType{typ: contractTypeOf[PostProcessingModelOverride](), schema: "UpdateAgentPostProcessingModelOutputBody", responseOf: []string{"updateAgentPostProcessingModel"}},
		contractType{typ: contractTypeOf[AgentForkParams](), schema: "ForkAgentInputBody", bodyOf: []string{"forkAgent"}},
		contractType{typ: contractTypeOf[AgentFork](), schema: "ForkResponse", responseOf: []string{"forkAgent"}},
		contractType{typ: contractTypeOf[ForkStatus](), schema: "ForkStatusResponse", responseOf: []string{"getForkStatus"}},
		// Generation.
		contractType{typ: contractTypeOf[AgentGenerateParams](), schema: "GenerateAndCreateInputBody", bodyOf: []string{"generateAndCreateAgent"}},
		contractType{typ: contractTypeOf[CharacterGenerateParams](), schema: "GenerateCharacterInputBody", bodyOf: []string{"generateCharacter"}},
		contractType{typ: contractTypeOf[AvatarGenerateParams](), schema: "RegenerateAvatarInputBody", bodyOf: []string{"regenerateAvatar"}},
		contractType{typ: contractTypeOf[GeneratedAvatar](), schema: "RegenerateAvatarOutputBody", responseOf: []string{"regenerateAvatar"}},
		contractType{typ: contractTypeOf[BioGenerateParams](), schema: "GenerateBioInputBody", bodyOf: []string{"generateBio"}},
		contractType{typ: contractTypeOf[GeneratedBio](), schema: "GenerateBioOutputBody", responseOf: []string{"generateBio"}},
		contractType{typ: contractTypeOf[ImageGenerateParams](), schema: "GenerateImageInputBody", bodyOf: []string{"generateImage"}},
		contractType{typ: contractTypeOf[GeneratedImage](), schema: "GenerateImageOutputBody", responseOf: []string{"generateImage"}},
		contractType{typ: contractTypeOf[SeedMemoriesGenerateParams](), schema: "GenerateSeedMemoriesInputBody", bodyOf: []string{"generateSeedMemories"}},
		contractType{typ: contractTypeOf[seedMemoryList](), schema: "GenerateSeedMemoriesOutputBody", responseOf: []string{"generateSeedMemories"}},
		contractType{typ: contractTypeOf[LoreMemory](), schema: "SeedGeneratedMemory"},
		contractType{typ: contractTypeOf[LoreMemory](), schema: "SeedStaticLoreMemory"},
		contractType{typ: contractTypeOf[SeedMemoryTemplate](), schema: "SeedIdentityMemoryTemplate"},
		contractType{typ: contractTypeOf[SeedLoreContext](), schema: "SeedLoreGenerationContext"},
		contractType{typ: contractTypeOf[Big5Scores](), schema: "SeedMemoryBig5"},
		// Tools.
		contractType{typ: contractTypeOf[KBSearchResult](), schema: "KbSearchResponse", responseOf: []string{"agentKBSearchGet", "agentKBSearch"}},
		contractType{typ: contractTypeOf[KBSearchHit](), schema: "KbSearchResultItem"},
		contractType{typ: contractTypeOf[toolSchemaList](), schema: "GetToolSchemasOutputBody", responseOf: []string{"getToolSchemas"}},
		contractType{typ: contractTypeOf[ToolSchema](), schema: "ToolSchemaEntry"},
	)
	contractUncheckedResponses["generateAndCreateAgent"] = "free-form ({}); GeneratedAgent reads it leniently as an Agent and keeps Raw"
	contractUncheckedResponses["generateCharacter"] = "free-form ({}); GeneratedCharacter reads it leniently and keeps Raw"
	contractUncheckedResponses["updateCustomTool"] = "a {success} body; UpdateCustomTool returns only an error"
	contractUncheckedResponses["deleteCustomTool"] = "a {success} body; DeleteCustomTool returns only an error"
	contractUncheckedResponses["updateAgentProfile"] = "a {success} body; UpdateProfile returns only an error"
	contractWrappedOperations = append(contractWrappedOperations,
		"getCapabilities", "patchCapabilities", "updateCapabilities", "getEffectivePostProcessingModel",
		"updateAgentPostProcessingModel", "updateAgentProfile", "setAgentStatus", "forkAgent", "getForkStatus",
		"listCustomTools", "createCustomTool", "updateCustomTool", "deleteCustomTool",
		"generateAndCreateAgent", "generateCharacter", "regenerateAvatar", "generateBio", "generateImage",
		"generateSeedMemories", "agentKBSearchGet", "getToolSchemas",
	)
}
