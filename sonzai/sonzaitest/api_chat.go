package sonzaitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// A chat answer is deterministic. Its first message greets the user (by
// display name, or by the name they told the agent), thanks them when
// their message taught the agent something, and brings up the remembered
// fact that best matches their message ("You told me you like hiking.").
// After a message boundary, a short second message asks about the user's
// latest interest. The user's message goes through the extractor like a
// turn's; for streams its effects are stored at once, for asynchronous
// chats when the job completes.

// reply is what the agent answers.
type reply struct {
	userID, sessionID string
	first, second     string
	context           map[string]any
	effects           map[string]any
	ex                *extraction
	promptWords       int
}

// compose prepares a chat answer. It records the exchange in the session;
// apply says whether to store the extraction's effects now.
func (st *state) compose(a *agent, b *gen.ChatRequest, now time.Time, apply bool) *reply {
	userID := b.UserId
	sessionID := b.SessionId
	if sessionID == "" {
		sessionID = st.nextID("sess")
	}
	s := st.session(a, sessionID, userID, now)
	if userID == "" {
		userID = s.userID
	}
	if userID == "" {
		userID = "anonymous"
		s.userID = userID
	}
	name := b.UserDisplayName
	if name == "" {
		name = s.displayName
	}
	if name == "" {
		for _, f := range a.facts {
			if f.userID == userID && strings.HasPrefix(f.text, "User's name is ") {
				name = strings.TrimPrefix(f.text, "User's name is ")
			}
		}
	}
	query := ""
	promptWords := 0
	for _, m := range b.Messages {
		promptWords += len(strings.Fields(m.Content))
		if m.Role == "user" {
			query = m.Content
		}
	}
	// What the agent knew before this message.
	known := st.rankFacts(a, userID, query, false)
	ex := st.extractor.extract([]chatMsg{{role: "user", content: query}})
	mood := a.applyMood(userID, ex, now)

	r := &reply{userID: userID, sessionID: sessionID, ex: ex, promptWords: promptWords}
	r.context = st.buildContext(a, userID, sessionID, query, now)
	eff := predict(ex)
	if apply {
		eff = st.applyExtraction(a, userID, sessionID, ex, now)
		s.topics = append(s.topics, ex.interests...)
	}
	r.effects = eff.toMap()
	r.effects["mood"] = map[string]any{"valence": mood.Valence, "arousal": mood.Arousal,
		"tension": mood.Tension, "affiliation": mood.Affiliation, "reason": mood.Reason}

	parts := []string{"Hi!"}
	if name != "" {
		parts[0] = "Hi " + name + "!"
	}
	learned := false
	fresh := map[string]bool{}
	for _, nf := range ex.facts {
		fresh[strings.ToLower(nf.text)] = true
		learned = true
	}
	if learned {
		parts = append(parts, "Thanks for telling me, I'll remember that.")
	}
	if f := st.remembered(known, query, fresh); f != nil {
		parts = append(parts, f.recall)
	}
	if len(parts) == 1 {
		parts = append(parts, "It's nice to hear from you.")
	}
	r.first = strings.Join(parts, " ")
	r.second = "What would you like to talk about next?"
	topic := ""
	if n := len(ex.interests); n > 0 {
		topic = ex.interests[n-1]
	} else {
		for i := len(a.interests) - 1; i >= 0; i-- {
			if a.interests[i].userID == userID {
				topic = a.interests[i].topic
				break
			}
		}
	}
	if topic != "" {
		r.second = "Have you had time for " + topic + " lately?"
	}
	s.record([]chatMsg{{role: "user", content: query}, {role: "assistant", content: r.first + "\n\n" + r.second}}, now)
	a.lastSeen = now
	return r
}

// remembered picks the fact a reply brings up: the one that best matches
// the user's message, or else the latest thing the user said they like,
// or else the latest other thing they told the agent. Facts the message
// itself just taught are left out.
func (st *state) remembered(known []*fact, query string, fresh map[string]bool) *fact {
	var liked, told *fact
	for _, f := range known {
		if fresh[strings.ToLower(f.text)] || f.recall == "" {
			continue
		}
		if st.extractor.relevance(query, f.text) > 0 {
			return f
		}
		switch {
		case f.factType == "preference" && f.sentiment == "positive":
			if liked == nil || f.updated.After(liked.updated) {
				liked = f
			}
		case f.source == "user_message" && !strings.HasPrefix(f.text, "User's name is "):
			if told == nil || f.updated.After(told.updated) {
				told = f
			}
		}
	}
	if liked != nil {
		return liked
	}
	return told
}

// sseFrame is one chat stream frame. All but the last two fields are the
// contract's ChatSSEChunk; usage and continuation_token (and delta.role)
// are extras the server adds on the terminal frame (and first delta), and
// which the SDK reads.
type sseFrame struct {
	Type            string      `json:"type,omitempty"`
	Choices         []sseChoice `json:"choices,omitempty"`
	BuildDurationMs *int64      `json:"build_duration_ms,omitempty"`
	UsedFastPath    *bool       `json:"used_fast_path,omitempty"`
	EnrichedContext any         `json:"enriched_context,omitempty"`
	Data            any         `json:"data,omitempty"`
	SideEffects     any         `json:"side_effects,omitempty"`
	MessageIndex    *int64      `json:"message_index,omitempty"`
	Phase           string      `json:"phase,omitempty"`
	Error           *sseError   `json:"error,omitempty"`

	Usage             *sseUsage `json:"usage,omitempty"`
	ContinuationToken string    `json:"continuation_token,omitempty"`
}

type sseChoice struct {
	Delta        sseDelta `json:"delta"`
	Index        int64    `json:"index"`
	FinishReason string   `json:"finish_reason,omitempty"`
}

type sseDelta struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content,omitempty"`
}

type sseError struct {
	Message string `json:"message"`
}

type sseUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// chunks cuts text into pieces of three words, spaces kept, so the pieces
// join back into text.
func chunks(text string) []string {
	var out []string
	words := strings.SplitAfter(text, " ")
	for len(words) > 0 {
		n := min(3, len(words))
		out = append(out, strings.Join(words[:n], ""))
		words = words[n:]
	}
	return out
}

// frames renders a reply as SSE frames, ending with [DONE]. With an
// error message, the stream stops after the first delta with an error
// frame.
func (r *reply) frames(fastPath bool, token, errorMessage string) [][]byte {
	var out [][]byte
	add := func(f sseFrame) {
		var buf bytes.Buffer
		buf.WriteString("data: ")
		_ = json.NewEncoder(&buf).Encode(f) // ends with \n
		buf.WriteString("\n")
		out = append(out, buf.Bytes())
	}
	add(sseFrame{Type: "context_ready", BuildDurationMs: ptr2(int64(12)), UsedFastPath: &fastPath, EnrichedContext: r.context})
	add(sseFrame{Type: "phase", Phase: "planning"})
	add(sseFrame{Type: "phase", Phase: "composing"})
	delta := func(content string, first bool) {
		d := sseDelta{Content: content}
		if first {
			d.Role = "assistant"
		}
		add(sseFrame{Choices: []sseChoice{{Delta: d}}})
	}
	for i, c := range chunks(r.first) {
		delta(c, i == 0)
		if i == 0 && errorMessage != "" {
			add(sseFrame{Error: &sseError{Message: errorMessage}})
			return out
		}
	}
	add(sseFrame{Type: "message_boundary", MessageIndex: ptr2(int64(1))})
	for _, c := range chunks(r.second) {
		delta(c, false)
	}
	add(sseFrame{Type: "side_effects", Data: r.effects})
	completion := len(strings.Fields(r.first)) + len(strings.Fields(r.second))
	prompt := 40 + r.promptWords
	add(sseFrame{
		Choices:           []sseChoice{{Delta: sseDelta{}, FinishReason: "stop"}},
		SideEffects:       r.effects,
		Usage:             &sseUsage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion},
		ContinuationToken: token,
	})
	out = append(out, []byte("data: [DONE]\n\n"))
	return out
}

func (h *api) ChatWithAgent(ctx context.Context, req fakeserver.ChatWithAgentRequestObject) (fakeserver.ChatWithAgentResponseObject, error) {
	body, sessionID, err := h.chatStream(ctx, req.AgentId, req.Body)
	if err != nil {
		return nil, err
	}
	return fakeserver.ChatWithAgent200TexteventStreamResponse{
		Body: body, Headers: fakeserver.ChatWithAgent200ResponseHeaders{XSessionID: sessionID},
	}, nil
}

func (h *api) PlaygroundChat(ctx context.Context, req fakeserver.PlaygroundChatRequestObject) (fakeserver.PlaygroundChatResponseObject, error) {
	body, sessionID, err := h.chatStream(ctx, req.AgentId, req.Body)
	if err != nil {
		return nil, err
	}
	return fakeserver.PlaygroundChat200TexteventStreamResponse{
		Body: body, Headers: fakeserver.PlaygroundChat200ResponseHeaders{XSessionID: sessionID},
	}, nil
}

// chatStream prepares a streamed answer. The generated response copies the
// body to the client and flushes after every read, so each frame written
// into the pipe reaches the client as it is written.
func (h *api) chatStream(ctx context.Context, agentRef string, b *gen.ChatRequest) (io.Reader, string, error) {
	st := h.st
	now, unlock := st.lock()
	a, err := st.agentRef(agentRef)
	if err != nil {
		unlock()
		return nil, "", err
	}
	if err := checkChat(b); err != nil {
		unlock()
		return nil, "", err
	}
	r := st.compose(a, b, now, true)
	token := st.nextID("ct")
	unlock()

	gap := h.s.cfg.streamDelay
	errorMessage := ""
	if f := faultFrom(ctx); f != nil {
		gap = max(gap, f.SlowStream)
		errorMessage = f.ErrorFrame
	}
	frames := r.frames(b.ContinuationToken != "", token, errorMessage)
	return h.s.stream(ctx, frames, gap), r.sessionID, nil
}

// checkChat applies the rule the schema cannot say: a chat needs a user
// message to answer.
func checkChat(b *gen.ChatRequest) error {
	for _, m := range b.Messages {
		if m.Role == "user" && strings.TrimSpace(m.Content) != "" {
			return nil
		}
	}
	return failAt(http.StatusUnprocessableEntity, "body.messages", nil, "a chat needs a user message to answer")
}

// frameStream feeds frames to the response through a pipe, from a
// goroutine that pauses between frames. Close (called by the generated
// response when it is done, or when the client went away) stops the
// goroutine and waits for it, so no goroutine outlives the request.
type frameStream struct {
	pr   *io.PipeReader
	done chan struct{}
}

const errStreamStopped = constError("sonzaitest: stream stopped")

func (s *Server) stream(ctx context.Context, frames [][]byte, gap time.Duration) *frameStream {
	pr, pw := io.Pipe()
	fs := &frameStream{pr: pr, done: make(chan struct{})}
	go func() {
		defer close(fs.done)
		for i, f := range frames {
			if i > 0 && !s.pause(ctx, gap) {
				pw.CloseWithError(errStreamStopped)
				return
			}
			if _, err := pw.Write(f); err != nil {
				return
			}
		}
		pw.Close()
	}()
	return fs
}

func (fs *frameStream) Read(p []byte) (int, error) { return fs.pr.Read(p) }

func (fs *frameStream) Close() error {
	fs.pr.CloseWithError(errStreamStopped)
	<-fs.done
	return nil
}

// asyncChatAccepted answers asyncChat with 202 and the processing id, as
// the server does. (The generated AsyncChat202Response has no body: the
// contract declares none for 202.)
type asyncChatAccepted gen.AsyncChatStartOutputBody

func (r asyncChatAccepted) VisitAsyncChatResponse(w http.ResponseWriter) error {
	return writeBody(w, http.StatusAccepted, "application/json", gen.AsyncChatStartOutputBody(r))
}

func (h *api) AsyncChat(ctx context.Context, req fakeserver.AsyncChatRequestObject) (fakeserver.AsyncChatResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	if err := checkChat(req.Body); err != nil {
		return nil, err
	}
	r := st.compose(a, req.Body, now, false)
	reason := ""
	if f := faultFrom(ctx); f != nil {
		reason = f.ErrorFrame
	}
	cj := &chatJob{first: r.first, second: r.second, effects: r.effects}
	cj.job = st.newJob("chat", a.id, r.sessionID, now, reason != "", reason, func(at time.Time) {
		eff := st.applyExtraction(a, r.userID, r.sessionID, r.ex, at)
		effects := eff.toMap()
		effects["mood"] = r.effects["mood"]
		cj.effects = effects
	})
	st.chatJobs[cj.id] = cj
	return asyncChatAccepted{ProcessingId: cj.id, Status: gen.AsyncChatStartOutputBodyStatusQueued}, nil
}

func (h *api) AsyncChatResult(_ context.Context, req fakeserver.AsyncChatResultRequestObject) (fakeserver.AsyncChatResultResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	a, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	cj := st.chatJobs[req.ProcessingId]
	if cj == nil || cj.agentID != a.id {
		return nil, fail(http.StatusNotFound, "no chat %q for agent %q", req.ProcessingId, a.id)
	}
	out := fakeserver.AsyncChatResult200JSONResponse{Status: gen.AsyncChatResultOutputBodyStatusQueued, CreatedAt: cj.created.UTC(), UpdatedAt: cj.created.UTC()}
	switch cj.stage(now) {
	case stageRunning:
		out.Status, out.Phase, out.Response = gen.AsyncChatResultOutputBodyStatusRunning, "composing", cj.first
		out.UpdatedAt = cj.startedAt().UTC()
	case stageFinished:
		out.UpdatedAt = cj.finishedAt().UTC()
		if cj.fail {
			out.Status, out.Error = gen.AsyncChatResultOutputBodyStatusFailed, cj.reason
			break
		}
		out.Status, out.Phase = gen.AsyncChatResultOutputBodyStatusComplete, "complete"
		out.Response = cj.first + "\n\n" + cj.second
		out.SideEffects = cj.effects
	}
	return out, nil
}
