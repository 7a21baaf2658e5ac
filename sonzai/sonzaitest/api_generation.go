package sonzaitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// The Generation tag. The server runs an LLM; the fake answers at once
// with text built from the request, deterministically. generateAndCreate
// creates a real agent in the fake's state; regenerateAvatar stores the
// new avatar URL; the others only answer.

// character is what the fake "generates" from a name and a description.
func character(name, gender, description string) map[string]any {
	if gender == "" {
		gender = "unspecified"
	}
	desc := strings.TrimSuffix(strings.TrimSpace(description), ".")
	return map[string]any{
		"name":               name,
		"gender":             gender,
		"bio":                fmt.Sprintf("%s is %s.", name, lowerFirst(desc)),
		"personality_prompt": fmt.Sprintf("You are %s, %s. Stay in character and remember what people tell you.", name, lowerFirst(desc)),
		"speech_patterns":    []string{"speaks warmly", "asks follow-up questions"},
		"true_interests":     wordsOf(desc, 3),
		"true_dislikes":      []string{"rudeness"},
		"primary_traits":     []string{"curious", "kind"},
		"big5": map[string]any{"openness": 0.7, "conscientiousness": 0.6, "extraversion": 0.5,
			"agreeableness": 0.7, "neuroticism": 0.3},
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return "someone new"
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// wordsOf picks up to n longer words of s, as stand-in interests.
func wordsOf(s string, n int) []string {
	out := []string{}
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))
		if len(w) >= 5 && len(out) < n {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		out = append(out, "conversation")
	}
	return out
}

func requireText(loc, v, why string) error {
	if strings.TrimSpace(v) == "" {
		return failAt(http.StatusUnprocessableEntity, loc, v, "%s", why)
	}
	return nil
}

// generationHandlers answer the two operations whose success body the
// contract leaves free-form ({}), for which oapi-codegen cannot generate a
// strict handler: they are registered by hand, by route pattern.
func generationHandlers(s *Server) map[string]http.HandlerFunc {
	handle := func(op string, do func(*http.Request) (any, error)) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			out, err := do(r)
			if err != nil {
				s.answerError(w, r, err)
				return
			}
			_ = writeBody(w, http.StatusOK, "application/json", out)
		}
	}
	return map[string]http.HandlerFunc{
		"POST /agents/generate-and-create": handle("generateAndCreateAgent", func(r *http.Request) (any, error) {
			var b gen.GenerateAndCreateInputBody
			if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
				return nil, failAt(http.StatusBadRequest, "body", nil, "%v", err)
			}
			return s.st.generateAndCreate(&b)
		}),
		"POST /agents/generate-character": handle("generateCharacter", func(r *http.Request) (any, error) {
			var b gen.GenerateCharacterInputBody
			if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
				return nil, failAt(http.StatusBadRequest, "body", nil, "%v", err)
			}
			return s.st.generateCharacter(&b)
		}),
	}
}

func (st *state) generateAndCreate(b *gen.GenerateAndCreateInputBody) (any, error) {
	now, unlock := st.lock()
	defer unlock()
	if err := requireText("body.name", b.Name, "an agent needs a name"); err != nil {
		return nil, err
	}
	if err := requireText("body.description", b.Description, "the character is generated from a description"); err != nil {
		return nil, err
	}
	// Idempotent: an agent that exists (by id, else by name) is returned as is.
	if a := st.agents[b.AgentId]; a != nil {
		return a.toGen(), nil
	}
	if a := st.agentNamed(b.Name); a != nil && b.AgentId == "" {
		return a.toGen(), nil
	}
	id := b.AgentId
	if strings.ContainsAny(id, "/?#") || id == "." || id == ".." {
		return nil, failAt(http.StatusUnprocessableEntity, "body.agent_id", id, "an agent id cannot be %q or contain '/', '?' or '#'", id)
	}
	if other := st.agentNamed(b.Name); other != nil {
		return nil, failAt(http.StatusConflict, "body.name", b.Name, "an agent named %q already exists with id %q", b.Name, other.id)
	}
	if id == "" {
		id = fmt.Sprintf("00000000-0000-4000-8000-%012d", st.agentSeq+1)
	}
	ch := character(b.Name, b.Gender, b.Description)
	a := newAgent(id, now)
	a.name, a.gender = b.Name, ch["gender"].(string)
	a.bio, a.prompt = ch["bio"].(string), ch["personality_prompt"].(string)
	a.speech, a.trueInterests = ch["speech_patterns"].([]string), ch["true_interests"].([]string)
	a.dislikes, a.traits = ch["true_dislikes"].([]string), ch["primary_traits"].([]string)
	if b.ProjectId != "" {
		a.projectID = b.ProjectId
	}
	st.addAgent(a)
	return a.toGen(), nil
}

func (st *state) generateCharacter(b *gen.GenerateCharacterInputBody) (any, error) {
	_, unlock := st.lock()
	defer unlock()
	if err := requireText("body.name", b.Name, "a character needs a name"); err != nil {
		return nil, err
	}
	if err := requireText("body.description", b.Description, "the character is generated from a description"); err != nil {
		return nil, err
	}
	if a := st.agents[b.AgentId]; a != nil && !deref(b.Regenerate) {
		return map[string]any{
			"name": a.name, "gender": a.gender, "bio": a.bio, "personality_prompt": a.prompt,
			"speech_patterns": nonNil(a.speech), "true_interests": nonNil(a.trueInterests),
			"true_dislikes": nonNil(a.dislikes), "primary_traits": nonNil(a.traits),
		}, nil
	}
	return character(b.Name, b.Gender, b.Description), nil
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func (h *api) RegenerateAvatar(_ context.Context, req fakeserver.RegenerateAvatarRequestObject) (fakeserver.RegenerateAvatarResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	a, err := h.st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	a.settings.avatars++
	style := req.Body.Style
	if style == "" {
		style = "portrait"
	}
	a.avatarURL = fmt.Sprintf("https://images.sonzaitest.invalid/avatars/%s/%d.png", a.id, a.settings.avatars)
	return fakeserver.RegenerateAvatar200JSONResponse{Success: true, AvatarUrl: a.avatarURL,
		Prompt: fmt.Sprintf("A %s of %s: %s", style, a.name, a.bio)}, nil
}

func (h *api) GenerateBio(_ context.Context, req fakeserver.GenerateBioRequestObject) (fakeserver.GenerateBioResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	if _, err := h.st.agentRef(req.AgentId); err != nil {
		return nil, err
	}
	b := req.Body
	if err := requireText("body.name", b.Name, "a bio needs the agent's name"); err != nil {
		return nil, err
	}
	if err := requireText("body.description", b.Description, "a bio is generated from a description"); err != nil {
		return nil, err
	}
	tone := b.Style
	if tone == "" {
		tone = "warm"
	}
	bio := fmt.Sprintf("%s is %s.", b.Name, lowerFirst(strings.TrimSuffix(strings.TrimSpace(b.Description), ".")))
	if b.CurrentBio != "" {
		bio = strings.TrimSpace(b.CurrentBio) + " " + bio
	}
	return fakeserver.GenerateBio200JSONResponse{Bio: bio, Tone: tone, Confidence: ptr2(0.9)}, nil
}

func (h *api) GenerateImage(_ context.Context, req fakeserver.GenerateImageRequestObject) (fakeserver.GenerateImageResponseObject, error) {
	st := h.st
	_, unlock := st.lock()
	defer unlock()
	if _, err := st.agentRef(req.AgentId); err != nil {
		return nil, err
	}
	if err := requireText("body.prompt", req.Body.Prompt, "an image needs a prompt"); err != nil {
		return nil, err
	}
	id := st.nextID("img")
	return fakeserver.GenerateImage200JSONResponse{Success: true, ImageId: id, MimeType: "image/png",
		GcsUri:    "gs://sonzaitest-images/" + id + ".png",
		PublicUrl: "https://images.sonzaitest.invalid/" + id + ".png"}, nil
}

func (h *api) GenerateSeedMemories(_ context.Context, req fakeserver.GenerateSeedMemoriesRequestObject) (fakeserver.GenerateSeedMemoriesResponseObject, error) {
	_, unlock := h.st.lock()
	defer unlock()
	if _, err := h.st.agentRef(req.AgentId); err != nil {
		return nil, err
	}
	b := req.Body
	if err := requireText("body.agentName", b.AgentName, "seed memories need the agent's name"); err != nil {
		return nil, err
	}
	if err := requireText("body.personalityPrompt", b.PersonalityPrompt, "seed memories are generated from the personality prompt"); err != nil {
		return nil, err
	}
	out := []gen.SeedGeneratedMemory{}
	for _, m := range b.StaticLoreMemories {
		out = append(out, gen.SeedGeneratedMemory(m))
	}
	for _, t := range b.IdentityMemoryTemplates {
		out = append(out, gen.SeedGeneratedMemory{Content: strings.ReplaceAll(t.Template, "{name}", b.AgentName),
			FactType: t.FactType, Importance: t.Importance, Entities: t.Entities})
	}
	for _, in := range b.TrueInterests {
		out = append(out, gen.SeedGeneratedMemory{Content: fmt.Sprintf("%s loves %s.", b.AgentName, in),
			FactType: "preference", Importance: 0.6, Entities: []string{in}})
	}
	if w := b.LoreGenerationContext.WorldDescription; w != "" && deref(b.GenerateOriginStory) {
		out = append(out, gen.SeedGeneratedMemory{Content: fmt.Sprintf("%s grew up in %s", b.AgentName, lowerFirst(w)),
			FactType: "origin", Importance: 0.8})
	}
	return fakeserver.GenerateSeedMemories200JSONResponse{Memories: out}, nil
}
