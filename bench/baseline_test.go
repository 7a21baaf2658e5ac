package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// baseline is the physical floor: the minimal client someone would write by
// hand with net/http and encoding/json. It builds the same request (method,
// URI, body bytes, Authorization, Content-Type, Accept and User-Agent), and
// decodes the answer with io.ReadAll and json.Unmarshal into plain structs
// that have the same typed fields as the SDK's result types. It has no retries, no
// per-attempt timeout, no request tracing and no error decoding beyond the
// status code: those are what the SDK adds, and what is being priced.
type baseline struct {
	hc   *http.Client
	base string // server URL + /api/v1
}

func newBaseline(serverURL string) *baseline {
	return &baseline{hc: &http.Client{Transport: newTransport()}, base: serverURL + "/api/v1"}
}

func (c *baseline) newRequest(ctx context.Context, method, url, accept string, body []byte) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", accept)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// do sends one request and decodes the 2xx JSON answer into out (drained
// and discarded when out is nil).
func (c *baseline) do(ctx context.Context, method, url string, body []byte, out any) error {
	req, err := c.newRequest(ctx, method, url, acceptJSON, body)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer drain(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if out == nil {
		return nil
	}
	// io.ReadAll + json.Unmarshal rather than json.NewDecoder(resp.Body):
	// on these bodies it is the faster of the two (~20% on the 20 KB turn
	// answer), so it is the floor.
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// --- getMood ---

// baseMood has the fields of sonzai.Mood.
type baseMood struct {
	AgentID                 string    `json:"agent_id"`
	UserID                  string    `json:"user_id"`
	Label                   string    `json:"label"`
	Valence                 float64   `json:"valence"`
	Arousal                 float64   `json:"arousal"`
	Tension                 float64   `json:"tension"`
	Affiliation             float64   `json:"affiliation"`
	BaselineValence         float64   `json:"baseline_valence"`
	BaselineArousal         float64   `json:"baseline_arousal"`
	BaselineTension         float64   `json:"baseline_tension"`
	BaselineAffiliation     float64   `json:"baseline_affiliation"`
	UserBaselineValence     float64   `json:"user_baseline_valence"`
	UserBaselineArousal     float64   `json:"user_baseline_arousal"`
	UserBaselineTension     float64   `json:"user_baseline_tension"`
	UserBaselineAffiliation float64   `json:"user_baseline_affiliation"`
	LastInteractionAt       time.Time `json:"last_interaction_at"`
	LastDecayAt             time.Time `json:"last_decay_at"`
	CreatedAt               time.Time `json:"created_at"`
	UpdatedAt               time.Time `json:"updated_at"`
}

func (c *baseline) getMood(ctx context.Context) (*baseMood, error) {
	var out struct {
		Mood baseMood `json:"mood"`
	}
	err := c.do(ctx, http.MethodGet, c.base+"/agents/"+url.PathEscape(agentID)+"/mood?user_id="+url.QueryEscape(userID), nil, &out)
	return &out.Mood, err
}

// --- getContext and submitTurn ---

// baseContext decodes the same typed fields as sonzai.EnrichedContext:
// the three strings, the three string lists, the three numbers, the
// recalled facts and recent turns as typed slices, knowledge.results and
// the twelve other known layers as json.RawMessage, and both names of the
// application state. It does not keep the whole object (EnrichedContext.Raw)
// nor an index of every layer (EnrichedContext.Layer), and it is not
// lenient: a mistyped layer fails the whole decode. Those are SDK features.
type baseContext struct {
	PersonalityPrompt       string          `json:"personality_prompt"`
	Bio                     string          `json:"bio"`
	SpeechPatterns          []string        `json:"speech_patterns"`
	TrueInterests           []string        `json:"true_interests"`
	TrueDislikes            []string        `json:"true_dislikes"`
	Big5                    json.RawMessage `json:"big5"`
	Dimensions              json.RawMessage `json:"dimensions"`
	Preferences             json.RawMessage `json:"preferences"`
	Behaviors               json.RawMessage `json:"behaviors"`
	CurrentMood             json.RawMessage `json:"current_mood"`
	EmotionalState          json.RawMessage `json:"emotional_state"`
	RecentPersonalityShifts json.RawMessage `json:"recent_personality_shifts"`
	SignificantMoments      json.RawMessage `json:"significant_moments"`
	ActiveGoals             json.RawMessage `json:"active_goals"`
	Habits                  json.RawMessage `json:"habits"`
	LoadedFacts             []struct {
		AtomicText string  `json:"atomic_text"`
		FactType   string  `json:"fact_type"`
		Importance float64 `json:"importance"`
	} `json:"loaded_facts"`
	LongTermSummaries     json.RawMessage `json:"long_term_summaries"`
	ProactiveMemories     json.RawMessage `json:"proactive_memories"`
	ConstellationPatterns json.RawMessage `json:"constellation_patterns"`
	RelationshipNarrative string          `json:"relationship_narrative"`
	ChemistryScore        float64         `json:"chemistry_score"`
	LoveFromAgent         float64         `json:"love_from_agent"`
	LoveFromUser          float64         `json:"love_from_user"`
	Knowledge             struct {
		Results json.RawMessage `json:"results"`
	} `json:"knowledge"`
	RecentTurns []struct {
		Role      string `json:"role"`
		Content   string `json:"content"`
		Timestamp string `json:"timestamp"`
	} `json:"recent_turns"`
	BackendContext json.RawMessage `json:"backend_context"`
	GameContext    json.RawMessage `json:"game_context"`
}

func (c *baseline) getContext(ctx context.Context) (*baseContext, error) {
	u := c.base + "/agents/" + url.PathEscape(agentID) + "/context?userId=" + url.QueryEscape(userID) +
		"&sessionId=" + url.QueryEscape(sessionID) + "&query=" + url.QueryEscape(contextParams.Query) +
		"&language=" + url.QueryEscape(contextParams.Language) + "&timezone=" + url.QueryEscape(contextParams.Timezone)
	out := new(baseContext)
	err := c.do(ctx, http.MethodGet, u, nil, out)
	return out, err
}

// The submitTurn body, field for field what the SDK sends.
type (
	baseTurnRequest struct {
		FetchNextContext *baseFetch    `json:"fetchNextContext,omitempty"`
		Messages         []baseMessage `json:"messages"`
		UserID           string        `json:"userId"`
	}
	baseFetch struct {
		Language string `json:"language,omitempty"`
		Query    string `json:"query,omitempty"`
		Timezone string `json:"timezone,omitempty"`
	}
	baseMessage struct {
		Content    string         `json:"content,omitempty"`
		Role       string         `json:"role"`
		ToolCallID string         `json:"tool_call_id,omitempty"`
		ToolCalls  []baseToolCall `json:"tool_calls,omitempty"`
	}
	baseToolCall struct {
		Function struct {
			Arguments string `json:"arguments"`
			Name      string `json:"name"`
		} `json:"function"`
		ID   string `json:"id"`
		Type string `json:"type"`
	}
	// baseTurnResult has the fields of sonzai.TurnResult.
	baseTurnResult struct {
		Success bool `json:"success"`
		Mood    *struct {
			Valence     float64 `json:"valence"`
			Arousal     float64 `json:"arousal"`
			Tension     float64 `json:"tension"`
			Affiliation float64 `json:"affiliation"`
			Reason      string  `json:"reason"`
			TriggerType string  `json:"trigger_type"`
		} `json:"mood"`
		ExtractionID     string       `json:"extraction_id"`
		ExtractionStatus string       `json:"extraction_status"`
		NextContext      *baseContext `json:"next_context"`
	}
)

// turnRequest is built from the same sonzai.Message values the SDK gets,
// as a hand-written client would convert its own messages.
func turnRequest() baseTurnRequest {
	msgs := make([]baseMessage, len(turnMessages))
	for i, m := range turnMessages {
		msgs[i] = baseMessage{Content: m.Content, Role: string(m.Role), ToolCallID: m.ToolCallID}
		for _, tc := range m.ToolCalls {
			var btc baseToolCall
			btc.ID, btc.Type, btc.Function.Name, btc.Function.Arguments = tc.ID, tc.Type, tc.Name, tc.Arguments
			msgs[i].ToolCalls = append(msgs[i].ToolCalls, btc)
		}
	}
	return baseTurnRequest{
		FetchNextContext: &baseFetch{Query: contextParams.Query, Language: contextParams.Language, Timezone: contextParams.Timezone},
		Messages:         msgs,
		UserID:           userID,
	}
}

func (c *baseline) submitTurn(ctx context.Context, req baseTurnRequest) (*baseTurnResult, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	out := new(baseTurnResult)
	err = c.do(ctx, http.MethodPost, c.base+"/agents/"+url.PathEscape(agentID)+"/sessions/"+url.PathEscape(sessionID)+"/turn", body, out)
	return out, err
}

// --- listAgents ---

// baseAgentPage has the fields of sonzai.AgentPage.
type baseAgentPage struct {
	Items []struct {
		AgentID          string    `json:"agent_id"`
		Name             string    `json:"name"`
		TenantID         string    `json:"tenant_id"`
		ProjectID        string    `json:"project_id"`
		OwnerUserID      string    `json:"owner_user_id"`
		OwnerDisplayName string    `json:"owner_display_name"`
		OwnerEmail       string    `json:"owner_email"`
		InstanceCount    int64     `json:"instance_count"`
		IsActive         bool      `json:"is_active"`
		ProactiveMode    string    `json:"proactive_mode"`
		MCPEnabled       []string  `json:"mcp_enabled"`
		LastSeenAt       time.Time `json:"last_seen_at"`
		CreatedAt        time.Time `json:"created_at"`
	} `json:"items"`
	HasMore    bool   `json:"has_more"`
	NextCursor string `json:"next_cursor"`
	TotalCount int64  `json:"total_count"`
}

// listAgents walks every page and returns the number of agents.
func (c *baseline) listAgents(ctx context.Context) (int, error) {
	n, cursor := 0, ""
	for {
		u := c.base + "/agents?page_size=" + fmt.Sprint(pageSize)
		if cursor != "" {
			u += "&cursor=" + url.QueryEscape(cursor)
		}
		var page baseAgentPage
		if err := c.do(ctx, http.MethodGet, u, nil, &page); err != nil {
			return n, err
		}
		n += len(page.Items)
		if !page.HasMore || page.NextCursor == "" {
			return n, nil
		}
		cursor = page.NextCursor
	}
}

// --- setSessionTools ---

type baseTool struct {
	Description string         `json:"description,omitempty"`
	Name        string         `json:"name"`
	Parameters  map[string]any `json:"parameters,omitempty"`
}

func toolsRequest() []baseTool {
	out := make([]baseTool, len(sessionTools))
	for i, t := range sessionTools {
		out[i] = baseTool{Description: t.Description, Name: t.Name, Parameters: t.Parameters}
	}
	return out
}

// setTools sends the tools; like the SDK, it discards the {"success":true}
// answer without decoding it.
func (c *baseline) setTools(ctx context.Context, tools []baseTool) error {
	body, err := json.Marshal(tools)
	if err != nil {
		return err
	}
	return c.do(ctx, http.MethodPut, c.base+"/agents/"+url.PathEscape(agentID)+"/sessions/"+url.PathEscape(sessionID)+"/tools", body, nil)
}

// --- chat stream ---

// baseChunk is a chat frame with the same fields the SDK decodes (its
// wireChunk): every data line is json.Unmarshaled into a fresh one.
type baseChunk struct {
	Type    string `json:"type"`
	Choices []struct {
		Delta struct {
			Content   string          `json:"content"`
			Role      string          `json:"role"`
			ToolCalls json.RawMessage `json:"tool_calls"`
		} `json:"delta"`
		Index        int64  `json:"index"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	BuildDurationMs int64           `json:"build_duration_ms"`
	UsedFastPath    bool            `json:"used_fast_path"`
	EnrichedContext json.RawMessage `json:"enriched_context"`
	Data            json.RawMessage `json:"data"`
	SideEffects     json.RawMessage `json:"side_effects"`
	MessageIndex    int64           `json:"message_index"`
	Phase           string          `json:"phase"`
	Tool            string          `json:"tool"`
	Error           *struct {
		Message string `json:"message"`
	} `json:"error"`
	Usage             json.RawMessage `json:"usage"`
	ContinuationToken string          `json:"continuation_token"`
	ExternalToolCalls json.RawMessage `json:"external_tool_calls"`
}

type baseChatRequest struct {
	Messages []struct {
		Content string `json:"content"`
		Role    string `json:"role"`
	} `json:"messages"`
}

func chatRequest() baseChatRequest {
	var r baseChatRequest
	for _, m := range chatParams.Messages {
		r.Messages = append(r.Messages, struct {
			Content string `json:"content"`
			Role    string `json:"role"`
		}{m.Content, string(m.Role)})
	}
	return r
}

// stream posts a chat request and reads the SSE answer line by line with a
// bufio.Scanner (32 KiB to start, like the SDK's decoder, up to the SDK's
// default 16 MiB event limit), json.Unmarshaling every data line but
// [DONE]. It calls each with every frame and returns the number of events.
func (c *baseline) stream(ctx context.Context, req baseChatRequest, each func(*baseChunk)) (int, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return 0, err
	}
	hreq, err := c.newRequest(ctx, http.MethodPost, c.base+"/agents/"+url.PathEscape(agentID)+"/chat", "text/event-stream", body)
	if err != nil {
		return 0, err
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return 0, err
	}
	defer drain(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 32<<10), 16<<20)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		data, ok := bytes.CutPrefix(line, []byte("data: "))
		if !ok {
			continue
		}
		n++
		if string(data) == "[DONE]" {
			return n, nil
		}
		var chunk baseChunk
		if err := json.Unmarshal(data, &chunk); err != nil {
			return n, err
		}
		if each != nil {
			each(&chunk)
		}
	}
	if err := sc.Err(); err != nil {
		return n, err
	}
	return n, errors.New("stream ended before [DONE]")
}
