package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// MaxPersonalitiesPerRequest is the most agents one batchGetPersonalities
// request may name (the contract's limit); GetMany splits longer lists.
const MaxPersonalitiesPerRequest = 50

// PersonalityGetManyParams names the agents PersonalityService.GetMany
// reads.
type PersonalityGetManyParams struct {
	// AgentIDs are the agents to read, at least one; a longer list than
	// MaxPersonalitiesPerRequest is read in several requests.
	AgentIDs []string
}

// PersonalitySummary is one agent's personality as GetMany reads it.
type PersonalitySummary struct {
	// Profile is the personality as it is now.
	Profile PersonalityProfile `json:"profile"`
	// EvolutionCount is how many changes shaped it.
	EvolutionCount int64 `json:"evolution_count"`
}

// personalityBatch is the wire shape of the answer.
type personalityBatch struct {
	Personalities map[string]PersonalitySummary `json:"personalities"`
}

// GetMany reads several agents' personalities, by agent id. An agent the
// server does not know is missing from the map. Lists longer than
// MaxPersonalitiesPerRequest are read in requests of that many, one after
// the other; the first failure ends the call.
func (s *PersonalityService) GetMany(ctx context.Context, p PersonalityGetManyParams, opts ...Option) (map[string]PersonalitySummary, error) {
	if len(p.AgentIDs) == 0 {
		return nil, invalid("PersonalityGetManyParams.AgentIDs", "empty; name at least one agent")
	}
	for i, id := range p.AgentIDs {
		if err := requireID(fmt.Sprintf("PersonalityGetManyParams.AgentIDs[%d]", i), id); err != nil {
			return nil, err
		}
	}
	out := make(map[string]PersonalitySummary, len(p.AgentIDs))
	for chunk := range slices.Chunk(p.AgentIDs, MaxPersonalitiesPerRequest) {
		got, err := call[personalityBatch](ctx, s.c, opts, "batchGetPersonalities", func(server string) (*http.Request, error) {
			return gen.NewBatchGetPersonalitiesRequest(server, gen.BatchGetPersonalitiesInputBody{AgentIds: chunk})
		})
		if err != nil {
			return nil, err
		}
		for id, v := range got.Personalities {
			out[id] = v
		}
	}
	return out, nil
}

// PersonalityUpdateParams sets an agent's personality scores with
// PersonalityService.Update. At least one of Big5 and Dimensions is set;
// each is sent whole, every score included, and replaces the agent's.
type PersonalityUpdateParams struct {
	// Big5 replaces the Big Five scores. When Dimensions is nil, the
	// server derives the ten dimensions from them too.
	Big5 *Big5Scores
	// Dimensions replaces the ten dimension scores.
	Dimensions *PersonalityDimensions
}

func (p PersonalityUpdateParams) toGen() (gen.UpdatePersonalityBody, error) {
	const at = "PersonalityUpdateParams."
	if p.Big5 == nil && p.Dimensions == nil {
		return gen.UpdatePersonalityBody{}, invalid("PersonalityUpdateParams", "nothing to update; set Big5, Dimensions or both")
	}
	var body gen.UpdatePersonalityBody
	if b := p.Big5; b != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"Openness", b.Openness}, {"Conscientiousness", b.Conscientiousness}, {"Extraversion", b.Extraversion}, {"Agreeableness", b.Agreeableness}, {"Neuroticism", b.Neuroticism}} {
			if err := checkFinite(at+"Big5."+f.name, &f.v); err != nil {
				return body, err
			}
		}
		body.Big5 = &gen.Big5ScoresInput{Openness: b.Openness, Conscientiousness: b.Conscientiousness, Extraversion: b.Extraversion,
			Agreeableness: b.Agreeableness, Neuroticism: b.Neuroticism}
	}
	if d := p.Dimensions; d != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"Intellect", d.Intellect}, {"Aesthetic", d.Aesthetic}, {"Industriousness", d.Industriousness}, {"Orderliness", d.Orderliness},
			{"Enthusiasm", d.Enthusiasm}, {"Assertiveness", d.Assertiveness}, {"Compassion", d.Compassion}, {"Politeness", d.Politeness},
			{"Withdrawal", d.Withdrawal}, {"Volatility", d.Volatility}} {
			if err := checkFinite(at+"Dimensions."+f.name, &f.v); err != nil {
				return body, err
			}
		}
		body.Dimensions = &gen.DimensionsInput{Intellect: d.Intellect, Aesthetic: d.Aesthetic, Industriousness: d.Industriousness,
			Orderliness: d.Orderliness, Enthusiasm: d.Enthusiasm, Assertiveness: d.Assertiveness, Compassion: d.Compassion,
			Politeness: d.Politeness, Withdrawal: d.Withdrawal, Volatility: d.Volatility}
	}
	return body, nil
}

// personalityUpdated is the wire shape of the answer.
type personalityUpdated struct {
	Success bool `json:"success"`
}

// errPersonalityNotApplied is returned when the server answers without
// applying the update.
const errPersonalityNotApplied = sentinel("sonzai: updatePersonality: the server did not apply the update (success: false)")

// Update replaces an agent's Big Five scores, its dimension scores, or
// both: the previous scores are overwritten, not merged (read them with
// Get first to change one score). It is a PUT, so the transport retries it
// after a 5xx; sending the same scores twice leaves the same personality.
func (s *PersonalityService) Update(ctx context.Context, agentID string, p PersonalityUpdateParams, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	body, err := p.toGen()
	if err != nil {
		return err
	}
	out, err := call[personalityUpdated](ctx, s.c, opts, "updatePersonality", func(server string) (*http.Request, error) {
		return gen.NewUpdatePersonalityRequest(server, agentID, body)
	})
	if err != nil {
		return err
	}
	if !out.Success {
		return errPersonalityNotApplied
	}
	return nil
}
