package sonzai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// AgentGenerateParams describes the agent GenerationService.CreateAgent
// generates and creates.
type AgentGenerateParams struct {
	// Name is the agent's name. Required.
	Name string `json:"name"`
	// Description is what the character is generated from, in a sentence
	// or a paragraph. Required.
	Description string `json:"description"`
	// AgentID is an id to create the agent with.
	AgentID string `json:"agent_id"`
	// ProjectID is the project to create the agent in; by default the API
	// key's own.
	ProjectID string `json:"project_id"`
	// Gender and Language steer the generation.
	Gender   string `json:"gender"`
	Language string `json:"language"`
	// Provider and Model choose the LLM; empty leaves it to the server.
	Provider string `json:"provider"`
	Model    string `json:"model"`
	// Fields limits which parts of the profile are generated; nil for all.
	Fields []string `json:"fields"`
}

func checkRequired(at string, nameValue ...string) error {
	for i := 0; i+1 < len(nameValue); i += 2 {
		if strings.TrimSpace(nameValue[i+1]) == "" {
			return invalid(at+nameValue[i], "empty")
		}
	}
	return nil
}

// GeneratedAgent is the agent GenerationService.CreateAgent created or
// found. The contract leaves this answer free-form: Agent is read leniently
// from it (zero fields where the server sent something else), and Raw keeps
// it whole.
type GeneratedAgent struct {
	// Agent is the agent as the server described it.
	Agent Agent
	// Raw is the server's answer as sent.
	Raw json.RawMessage
}

// UnmarshalJSON keeps the answer and reads the agent from it, or from its
// "agent" member when it has one.
func (g *GeneratedAgent) UnmarshalJSON(b []byte) error {
	if err := jsonObject(b); err != nil {
		return err
	}
	g.Raw = append(json.RawMessage(nil), b...)
	var wrapped struct {
		Agent json.RawMessage `json:"agent"`
	}
	src := b
	if json.Unmarshal(b, &wrapped) == nil && len(wrapped.Agent) > 0 && wrapped.Agent[0] == '{' {
		src = wrapped.Agent
	}
	lenientDecode(src, &g.Agent)
	return nil
}

// jsonObject refuses an answer that is not a JSON object (an empty body, an
// HTML page from a proxy): leniency is for an object's members, not for an
// answer that carries no object at all.
func jsonObject(b []byte) error {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || t[0] != '{' || !json.Valid(t) {
		return errors.New("the answer is not a JSON object")
	}
	return nil
}

// lenientDecode decodes b into *v; when that fails (a member of another
// type), it starts again from zero and decodes the members one by one,
// keeping only the ones that decode, so the odd ones stay zero.
func lenientDecode[T any](b []byte, v *T) {
	var out T
	if json.Unmarshal(b, &out) == nil {
		*v = out
		return
	}
	out = *new(T)
	var members map[string]json.RawMessage
	if json.Unmarshal(b, &members) == nil {
		for name, raw := range members {
			one, _ := json.Marshal(map[string]json.RawMessage{name: raw})
			next := out
			if json.Unmarshal(one, &next) == nil {
				out = next
			}
		}
	}
	*v = out
}

// CreateAgent generates a character from p.Description with an LLM and
// creates the agent. The server makes it idempotent: when the agent
// (p.AgentID, or p.Name) already exists with a profile, it is returned as
// it is and no LLM runs, so calling CreateAgent at every start of an
// application is safe. Latency and retries: see GenerationService.
func (s *GenerationService) CreateAgent(ctx context.Context, p AgentGenerateParams, opts ...Option) (*GeneratedAgent, error) {
	if err := checkRequired("AgentGenerateParams.", "Name", p.Name, "Description", p.Description); err != nil {
		return nil, err
	}
	if p.AgentID != "" {
		if err := requireID("AgentGenerateParams.AgentID", p.AgentID); err != nil {
			return nil, err
		}
	}
	body := gen.GenerateAndCreateInputBody{
		Name: p.Name, Description: p.Description, AgentId: p.AgentID, ProjectId: p.ProjectID,
		Gender: p.Gender, Language: p.Language, Provider: p.Provider, Model: p.Model, Fields: nonEmpty(p.Fields),
	}
	return call[GeneratedAgent](ctx, s.c, opts, "generateAndCreateAgent", func(server string) (*http.Request, error) {
		return gen.NewGenerateAndCreateAgentRequest(server, body)
	})
}

// CharacterGenerateParams describes the character GenerationService.Character
// generates.
type CharacterGenerateParams struct {
	// Name is the character's name. Required.
	Name string `json:"name"`
	// Description is what the character is generated from. Required.
	Description string `json:"description"`
	// AgentID names an existing agent: its profile is returned as it is,
	// unless Regenerate is set.
	AgentID string `json:"agent_id"`
	// Regenerate generates a new profile even for an existing agent.
	Regenerate bool `json:"regenerate"`
	// Gender steers the generation.
	Gender string `json:"gender"`
	// Provider and Model choose the LLM; empty leaves it to the server.
	Provider string `json:"provider"`
	Model    string `json:"model"`
	// Fields limits which parts of the profile are generated; nil for all.
	Fields []string `json:"fields"`
}

// GeneratedCharacter is a generated character profile. The contract
// leaves this answer free-form: the fields below are read leniently (zero
// where the server sent nothing of that name and type), and Raw keeps it
// whole. Nothing is stored: pass what you keep to Agents.Create.
type GeneratedCharacter struct {
	// Name, Gender, Bio, PersonalityPrompt, the four lists and Big5 are
	// the profile, with AgentCreateParams' meanings.
	Name              string      `json:"name"`
	Gender            string      `json:"gender"`
	Bio               string      `json:"bio"`
	PersonalityPrompt string      `json:"personality_prompt"`
	SpeechPatterns    []string    `json:"speech_patterns"`
	TrueInterests     []string    `json:"true_interests"`
	TrueDislikes      []string    `json:"true_dislikes"`
	PrimaryTraits     []string    `json:"primary_traits"`
	Big5              *Big5Scores `json:"big5"`
	// Raw is the server's answer as sent.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the answer and reads the profile leniently.
func (g *GeneratedCharacter) UnmarshalJSON(b []byte) error {
	if err := jsonObject(b); err != nil {
		return err
	}
	type plain GeneratedCharacter
	var p plain
	lenientDecode(b, &p)
	*g = GeneratedCharacter(p)
	g.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Character generates a character profile from p.Description with an LLM,
// without creating an agent. Latency and retries: see GenerationService.
func (s *GenerationService) Character(ctx context.Context, p CharacterGenerateParams, opts ...Option) (*GeneratedCharacter, error) {
	if err := checkRequired("CharacterGenerateParams.", "Name", p.Name, "Description", p.Description); err != nil {
		return nil, err
	}
	body := gen.GenerateCharacterInputBody{
		Name: p.Name, Description: p.Description, AgentId: p.AgentID, Regenerate: optional(p.Regenerate),
		Gender: p.Gender, Provider: p.Provider, Model: p.Model, Fields: nonEmpty(p.Fields),
	}
	return call[GeneratedCharacter](ctx, s.c, opts, "generateCharacter", func(server string) (*http.Request, error) {
		return gen.NewGenerateCharacterRequest(server, body)
	})
}

// AvatarGenerateParams steers GenerationService.RegenerateAvatar. Every
// field is optional.
type AvatarGenerateParams struct {
	// Style describes the picture's style, e.g. "watercolor".
	Style string `json:"style"`
}

// GeneratedAvatar is an agent's new avatar.
type GeneratedAvatar struct {
	// Success is true when the avatar was generated and stored.
	Success bool `json:"success"`
	// AvatarURL is where the new picture lives; Agent.AvatarURL now reads it.
	AvatarURL string `json:"avatar_url"`
	// Prompt is the prompt the image model was given.
	Prompt string `json:"prompt"`
	// GenerationTimeMS is how long the generation took on the server, in
	// milliseconds.
	GenerationTimeMS int64 `json:"generation_time_ms"`
}

// RegenerateAvatar generates a new picture for the agent from its
// personality and makes it the agent's avatar; the previous one is
// replaced. One generation runs per agent at a time: a second call while
// one runs is refused with a 409 (*APIError). Latency and retries: see
// GenerationService.
func (s *GenerationService) RegenerateAvatar(ctx context.Context, agentID string, p AvatarGenerateParams, opts ...Option) (*GeneratedAvatar, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	return call[GeneratedAvatar](ctx, s.c, opts, "regenerateAvatar", func(server string) (*http.Request, error) {
		return gen.NewRegenerateAvatarRequest(server, agentID, gen.RegenerateAvatarInputBody{Style: p.Style})
	})
}

// BioGenerateParams describes the bio GenerationService.Bio writes.
type BioGenerateParams struct {
	// Name is the agent's name. Required.
	Name string `json:"name"`
	// Description is what the bio is written from. Required.
	Description string `json:"description"`
	// CurrentBio is the bio to improve on, if any.
	CurrentBio string `json:"current_bio"`
	// Style and Gender steer the writing.
	Style  string `json:"style"`
	Gender string `json:"gender"`
	// UserID writes the bio as the agent appears to this user.
	UserID string `json:"user_id"`
	// InstanceID is the agent instance to read from; empty for the default
	// instance.
	InstanceID string `json:"instance_id"`
	// EnrichedContext is context you already built for the agent (free-form
	// JSON), sent as is; nil sends none.
	EnrichedContext json.RawMessage `json:"enriched_context_json"`
}

// GeneratedBio is a bio written by GenerationService.Bio.
type GeneratedBio struct {
	// Bio is the text.
	Bio string `json:"bio"`
	// Tone describes its tone.
	Tone string `json:"tone"`
	// Confidence is how sure the model is, from 0 to 1, when it says.
	Confidence float64 `json:"confidence"`
}

// Bio writes a bio for the agent with an LLM and returns it; to make it
// the agent's bio, set it with Agents.UpdateProfile. Latency and retries:
// see GenerationService.
func (s *GenerationService) Bio(ctx context.Context, agentID string, p BioGenerateParams, opts ...Option) (*GeneratedBio, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := checkRequired("BioGenerateParams.", "Name", p.Name, "Description", p.Description); err != nil {
		return nil, err
	}
	body := gen.GenerateBioInputBody{
		Name: p.Name, Description: p.Description, CurrentBio: p.CurrentBio, Style: p.Style, Gender: p.Gender,
		UserId: p.UserID, InstanceId: p.InstanceID,
	}
	if p.EnrichedContext != nil {
		if !json.Valid(p.EnrichedContext) {
			return nil, invalid("BioGenerateParams.EnrichedContext", "not valid JSON")
		}
		body.EnrichedContextJson = json.RawMessage(bytes.TrimSpace(p.EnrichedContext))
	}
	return call[GeneratedBio](ctx, s.c, opts, "generateBio", func(server string) (*http.Request, error) {
		return gen.NewGenerateBioRequest(server, agentID, body)
	})
}

// ImageGenerateParams describes the image GenerationService.Image makes.
type ImageGenerateParams struct {
	// Prompt describes the image. Required.
	Prompt string `json:"prompt"`
	// NegativePrompt describes what to avoid.
	NegativePrompt string `json:"negative_prompt"`
	// Provider and Model choose the image model; empty leaves each to the
	// server.
	Provider string `json:"provider"`
	Model    string `json:"model"`
	// OutputPath is a path for the file within the server's storage; the
	// bucket is always the server's choice.
	OutputPath string `json:"output_path"`
}

// GeneratedImage is an image made by GenerationService.Image.
type GeneratedImage struct {
	// Success is true when the image was made and stored.
	Success bool `json:"success"`
	// ImageID identifies the image.
	ImageID string `json:"image_id"`
	// GCSURI is where it is stored; PublicURL where it can be fetched.
	GCSURI    string `json:"gcs_uri"`
	PublicURL string `json:"public_url"`
	// MimeType is the image's format, e.g. "image/png".
	MimeType string `json:"mime_type"`
	// GenerationTimeMS is how long the generation took on the server, in
	// milliseconds.
	GenerationTimeMS int64 `json:"generation_time_ms"`
}

// Image generates an image for the agent (each call makes, and may be
// billed for, a new one). Latency and retries: see GenerationService.
func (s *GenerationService) Image(ctx context.Context, agentID string, p ImageGenerateParams, opts ...Option) (*GeneratedImage, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := checkRequired("ImageGenerateParams.", "Prompt", p.Prompt); err != nil {
		return nil, err
	}
	body := gen.GenerateImageInputBody{Prompt: p.Prompt, NegativePrompt: p.NegativePrompt, Provider: p.Provider, Model: p.Model, OutputPath: p.OutputPath}
	return call[GeneratedImage](ctx, s.c, opts, "generateImage", func(server string) (*http.Request, error) {
		return gen.NewGenerateImageRequest(server, agentID, body)
	})
}

// LoreMemory is a memory of an agent's backstory: one given to
// GenerationService.SeedMemories as is, or one it generated.
type LoreMemory struct {
	// Content is the memory. Required.
	Content string `json:"content"`
	// FactType classifies it. Required.
	FactType string `json:"factType"`
	// Importance weighs it in recall.
	Importance float64 `json:"importance"`
	// Entities are the people, places and things it mentions.
	Entities []string `json:"entities"`
}

// SeedMemoryTemplate is a memory about the agent's identity, written with
// placeholders the server fills in from the agent's data.
type SeedMemoryTemplate struct {
	// Template is the memory's text with placeholders. Required.
	Template string `json:"template"`
	// FactType classifies it. Required.
	FactType string `json:"factType"`
	// Importance weighs it in recall.
	Importance float64 `json:"importance"`
	// Entities are the people, places and things it mentions.
	Entities []string `json:"entities"`
}

// SeedLoreContext is the world the seed memories are set in.
type SeedLoreContext struct {
	// WorldDescription describes the world. Required.
	WorldDescription string `json:"worldDescription"`
	// OriginPromptInstructions steer the origin story.
	OriginPromptInstructions string `json:"originPromptInstructions"`
	// CreatorOnboardingContext is what the agent's creator told about it.
	CreatorOnboardingContext string `json:"creatorOnboardingContext"`
	// EntityTerminology maps generic terms to the world's own words.
	EntityTerminology map[string]string `json:"entityTerminology"`
}

// SeedMemoriesGenerateParams is the personality GenerationService.SeedMemories
// writes memories from.
type SeedMemoriesGenerateParams struct {
	// AgentName and PersonalityPrompt are the agent's. Required.
	AgentName         string `json:"agentName"`
	PersonalityPrompt string `json:"personalityPrompt"`
	// TrueInterests, TrueDislikes, SpeechPatterns and PrimaryTraits
	// describe the character.
	TrueInterests  []string `json:"trueInterests"`
	TrueDislikes   []string `json:"trueDislikes"`
	SpeechPatterns []string `json:"speechPatterns"`
	PrimaryTraits  []string `json:"primaryTraits"`
	// Big5 is the agent's Big Five; nil sends none.
	Big5 *Big5Scores `json:"big5"`
	// CreatorDisplayName names the agent's creator.
	CreatorDisplayName string `json:"creatorDisplayName"`
	// GenerateOriginStory and GeneratePersonalizedMemories ask for those
	// kinds of memories.
	GenerateOriginStory          bool `json:"generateOriginStory"`
	GeneratePersonalizedMemories bool `json:"generatePersonalizedMemories"`
	// IdentityMemoryTemplates and StaticLoreMemories are memories to include.
	IdentityMemoryTemplates []SeedMemoryTemplate `json:"identityMemoryTemplates"`
	StaticLoreMemories      []LoreMemory         `json:"staticLoreMemories"`
	// LoreGenerationContext is the world the memories are set in.
	LoreGenerationContext *SeedLoreContext `json:"loreGenerationContext"`
}

func (p SeedMemoriesGenerateParams) toGen() (gen.GenerateSeedMemoriesInputBody, error) {
	const at = "SeedMemoriesGenerateParams."
	if err := checkRequired(at, "AgentName", p.AgentName, "PersonalityPrompt", p.PersonalityPrompt); err != nil {
		return gen.GenerateSeedMemoriesInputBody{}, err
	}
	orEmpty := func(v []string) []string {
		if v == nil {
			return []string{}
		}
		return v
	}
	body := gen.GenerateSeedMemoriesInputBody{
		AgentName: p.AgentName, PersonalityPrompt: p.PersonalityPrompt,
		TrueInterests: orEmpty(p.TrueInterests), SpeechPatterns: orEmpty(p.SpeechPatterns),
		TrueDislikes: nonEmpty(p.TrueDislikes), PrimaryTraits: nonEmpty(p.PrimaryTraits),
		CreatorDisplayName:           p.CreatorDisplayName,
		GenerateOriginStory:          optional(p.GenerateOriginStory),
		GeneratePersonalizedMemories: optional(p.GeneratePersonalizedMemories),
	}
	if b := p.Big5; b != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"Openness", b.Openness}, {"Conscientiousness", b.Conscientiousness}, {"Extraversion", b.Extraversion}, {"Agreeableness", b.Agreeableness}, {"Neuroticism", b.Neuroticism}} {
			if err := checkFinite(at+"Big5."+f.name, &f.v); err != nil {
				return body, err
			}
		}
		body.Big5 = gen.SeedMemoryBig5{Openness: b.Openness, Conscientiousness: b.Conscientiousness,
			Extraversion: b.Extraversion, Agreeableness: b.Agreeableness, Neuroticism: b.Neuroticism}
	}
	for i, t := range p.IdentityMemoryTemplates {
		if err := checkRequired(at+"IdentityMemoryTemplates["+strconv.Itoa(i)+"].", "Template", t.Template, "FactType", t.FactType); err != nil {
			return body, err
		}
		if err := checkFinite(at+"IdentityMemoryTemplates["+strconv.Itoa(i)+"].Importance", &t.Importance); err != nil {
			return body, err
		}
		body.IdentityMemoryTemplates = append(body.IdentityMemoryTemplates, gen.SeedIdentityMemoryTemplate{
			Template: t.Template, FactType: t.FactType, Importance: t.Importance, Entities: nonEmpty(t.Entities)})
	}
	for i, m := range p.StaticLoreMemories {
		if err := checkRequired(at+"StaticLoreMemories["+strconv.Itoa(i)+"].", "Content", m.Content, "FactType", m.FactType); err != nil {
			return body, err
		}
		if err := checkFinite(at+"StaticLoreMemories["+strconv.Itoa(i)+"].Importance", &m.Importance); err != nil {
			return body, err
		}
		body.StaticLoreMemories = append(body.StaticLoreMemories, gen.SeedStaticLoreMemory{
			Content: m.Content, FactType: m.FactType, Importance: m.Importance, Entities: nonEmpty(m.Entities)})
	}
	if l := p.LoreGenerationContext; l != nil {
		if err := checkRequired(at+"LoreGenerationContext.", "WorldDescription", l.WorldDescription); err != nil {
			return body, err
		}
		body.LoreGenerationContext = gen.SeedLoreGenerationContext{
			WorldDescription: l.WorldDescription, OriginPromptInstructions: l.OriginPromptInstructions,
			CreatorOnboardingContext: l.CreatorOnboardingContext, EntityTerminology: l.EntityTerminology,
		}
	}
	return body, nil
}

// seedMemoryList is the wire shape of generateSeedMemories.
type seedMemoryList struct {
	Memories []LoreMemory `json:"memories"`
}

// SeedMemories writes backstory memories for the agent with an LLM, from
// its personality, and returns them. The contract documents only that they
// are returned: to be sure the agent keeps the ones you want, give them to
// Agents.Create (AgentCreateParams.SeedMemories) or Memory.CreateFacts.
// Latency and retries: see GenerationService.
func (s *GenerationService) SeedMemories(ctx context.Context, agentID string, p SeedMemoriesGenerateParams, opts ...Option) ([]LoreMemory, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	out, err := call[seedMemoryList](ctx, s.c, opts, "generateSeedMemories", func(server string) (*http.Request, error) {
		return gen.NewGenerateSeedMemoriesRequest(server, agentID, body)
	})
	if err != nil {
		return nil, err
	}
	return out.Memories, nil
}
