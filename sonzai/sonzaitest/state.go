package sonzaitest

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// Defaults the fake reports, as the platform does.
const (
	defaultProvider = "gemini"
	defaultModel    = "gemini-3.1-flash-lite-preview"
	fakeTenant      = "tenant-sonzaitest"
	fakeProject     = "proj-sonzaitest"
	fakeOwner       = "owner-sonzaitest"
)

// state is everything the fake knows. One mutex guards it all; handlers
// hold it for the (short) time they compute an answer.
type state struct {
	mu        sync.Mutex
	clock     Clock
	jobDur    time.Duration
	extractor *extractor // read-only: used without holding mu too
	failJobs  bool

	counters map[string]int
	agentSeq int
	agents   map[string]*agent // by id
	sessions map[string]*session

	jobs     []*job // not yet settled, oldest first
	turnJobs map[string]*job
	endJobs  map[string]*job
	chatJobs map[string]*chatJob

	inner    innerLife // mood history and wake-ups (state_innerlife.go)
	webhooks webhookState
	memory   memoryState // facts' history and custom states (state_memory.go)
	forks    forkState   // agent forks in progress (state_agent_settings.go)

	dir  directoryState // instances, users, imports and priming (state_directory.go)
	life lifeState      // schedules, project notifications, inventory, constellation (state_life.go)

	knowledge knowledgeState // projects' knowledge bases (state_knowledge.go)
}

type agent struct {
	seq                                  int
	id, name, projectID, ownerID, owner  string
	gender, bio, avatarURL, prompt, mode string
	speech, trueInterests, dislikes      []string
	traits, mcp                          []string
	big5                                 gen.Big5Assessment
	dims                                 gen.PersonalityDimensions
	prefs                                gen.InteractionPreferences
	behaviors                            gen.BehavioralTraits
	temperature                          float64
	created, lastSeen                    time.Time

	facts     []*fact
	nodes     []*memNode
	interests []*interest
	habits    []*habit
	goals     []gen.Goal
	moods     map[string]*mood // by user; "" is the agent's overall mood
	rels      map[string]*relationship
	notes     []*notification
	evolution []gen.PersonalityDelta
	moments   []gen.SignificantMoment
	summaries []summary

	settings agentSettings // capabilities, custom tools, status (state_agent_settings.go)
}

type fact struct {
	id, userID, sessionID, nodeID  string
	text, recall, factType, source string
	sentiment                      string
	importance                     float64
	entities                       []string
	mentions                       int64
	created, updated               time.Time
}

type memNode struct {
	id, userID, category string
	created, updated     time.Time
}

type interest struct {
	userID, topic    string
	mentions         int64
	created, updated time.Time
}

type habit struct {
	id, userID, name, display, category, description string
	observations                                     int64
	formedAt                                         time.Time // zero until formed
	created, updated                                 time.Time
	reinforced                                       []time.Time
	setStrength                                      *float64 // set by createHabit/updateHabit; nil: from observations
}

type mood struct {
	userID                                     string
	valence, arousal, tension, affiliation     float64
	bValence, bArousal, bTension, bAffiliation float64
	created, updated                           time.Time
}

type relationship struct {
	userID    string
	love      int64
	chemistry int64
	narrative string
	updated   time.Time
}

type notification struct {
	id, userID, wakeupID, checkType, intent, message, status string
	created, consumed                                        time.Time
}

type summary struct {
	sessionID, userID, text string
	at                      time.Time
}

type session struct {
	agentID, id, userID, displayName, instanceID string
	provider, model                              string
	tools                                        []string
	recent                                       []gen.RecentTurn
	started                                      time.Time
	ended                                        bool
	messages                                     int
	topics                                       []string
}

// job is background work whose progress is a function of the clock: the
// first third of its duration it waits (queued, pending), then it runs
// (running, processing), then it is finished. Its effects (apply) are
// stored when a request first sees it finished, so reads made after it is
// done always include them, and a failed job never stores any.
type job struct {
	id, agentID, sessionID string
	created                time.Time
	dur                    time.Duration
	fail                   bool
	reason                 string
	apply                  func(at time.Time)
}

const (
	stageWaiting = iota
	stageRunning
	stageFinished
)

func (j *job) stage(now time.Time) int {
	elapsed := now.Sub(j.created)
	switch {
	case elapsed >= j.dur:
		return stageFinished
	case elapsed >= j.dur/3:
		return stageRunning
	}
	return stageWaiting
}

func (j *job) startedAt() time.Time  { return j.created.Add(j.dur / 3) }
func (j *job) finishedAt() time.Time { return j.created.Add(j.dur) }

type chatJob struct {
	*job
	first, second string // the reply's two messages
	effects       map[string]any
}

func newState(clock Clock, jobDur time.Duration, x *extractor) *state {
	st := &state{
		clock:     clock,
		jobDur:    jobDur,
		extractor: x,
		counters:  map[string]int{},
		agents:    map[string]*agent{},
		sessions:  map[string]*session{},
		turnJobs:  map[string]*job{},
		endJobs:   map[string]*job{},
		chatJobs:  map[string]*chatJob{},
		webhooks:  newWebhookState(),
	}
	st.seedMia(clock.Now())
	return st
}

// lock takes the state's lock and stores the effects of finished jobs.
// Every handler starts with it.
func (st *state) lock() (now time.Time, unlock func()) {
	st.mu.Lock()
	now = st.clock.Now()
	st.settle(now)
	return now, st.mu.Unlock
}

func (st *state) settle(now time.Time) {
	kept := st.jobs[:0]
	for _, j := range st.jobs {
		if j.stage(now) != stageFinished {
			kept = append(kept, j)
			continue
		}
		if !j.fail && j.apply != nil {
			j.apply(j.finishedAt())
		}
	}
	clear(st.jobs[len(kept):])
	st.jobs = kept
}

func (st *state) newJob(prefix, agentID, sessionID string, now time.Time, fail bool, reason string, apply func(time.Time)) *job {
	j := &job{id: st.nextID(prefix), agentID: agentID, sessionID: sessionID, created: now, dur: st.jobDur,
		fail: fail, reason: reason, apply: apply}
	st.jobs = append(st.jobs, j)
	return j
}

// nextID returns prefix_1, prefix_2, ...: deterministic for tests.
func (st *state) nextID(prefix string) string {
	st.counters[prefix]++
	return fmt.Sprintf("%s_%d", prefix, st.counters[prefix])
}

// agentRef resolves an agent path parameter: its id, its exact name, then
// its name ignoring case.
func (st *state) agentRef(ref string) (*agent, error) {
	if a, ok := st.agents[ref]; ok {
		return a, nil
	}
	var folded *agent
	for _, a := range st.sortedAgents() {
		if a.name == ref {
			return a, nil
		}
		if folded == nil && strings.EqualFold(a.name, ref) {
			folded = a
		}
	}
	if folded != nil {
		return folded, nil
	}
	return nil, fail(http.StatusNotFound, "agent %q not found", ref)
}

func (st *state) sortedAgents() []*agent {
	out := make([]*agent, 0, len(st.agents))
	for _, a := range st.agents {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func (st *state) addAgent(a *agent) {
	st.agentSeq++
	a.seq = st.agentSeq
	if a.moods == nil {
		a.moods = map[string]*mood{}
	}
	if a.rels == nil {
		a.rels = map[string]*relationship{}
	}
	st.agents[a.id] = a
}

func sessionKey(agentID, sessionID string) string { return agentID + "\x00" + sessionID }

// session returns the session, creating it (lenient, as for a session
// started by another process) when userID is known.
func (st *state) session(a *agent, sessionID, userID string, now time.Time) *session {
	key := sessionKey(a.id, sessionID)
	s := st.sessions[key]
	if s == nil {
		s = &session{agentID: a.id, id: sessionID, userID: userID, provider: defaultProvider, model: defaultModel, started: now}
		st.sessions[key] = s
	}
	if s.userID == "" {
		s.userID = userID
	}
	return s
}

// record appends messages to a session's recent turns (kept to 50).
func (s *session) record(msgs []chatMsg, now time.Time) {
	for _, m := range msgs {
		content := m.content
		if content == "" && len(m.toolCalls) > 0 {
			names := make([]string, len(m.toolCalls))
			for i, c := range m.toolCalls {
				names[i] = c.name
			}
			content = "[called " + strings.Join(names, ", ") + "]"
		}
		s.recent = append(s.recent, gen.RecentTurn{Role: m.role, Content: content, Timestamp: rfc3339(now)})
		s.messages++
	}
	if len(s.recent) > 50 {
		s.recent = append([]gen.RecentTurn(nil), s.recent[len(s.recent)-50:]...)
	}
}

// ---- what an extraction changes -------------------------------------------

// effects summarizes what one extraction changed.
type effects struct {
	facts              int
	moodUpdated        bool
	personalityUpdated bool
	habits             int
	interests          int
}

func (e effects) toMap() map[string]any {
	return map[string]any{
		"facts_extracted":     e.facts,
		"mood_updated":        e.moodUpdated,
		"personality_updated": e.personalityUpdated,
		"habits_observed":     e.habits,
		"interests_detected":  e.interests,
	}
}

// predict says what applying ex will report, without changing anything
// (for answers given before a job stores its effects).
func predict(ex *extraction) effects {
	return effects{
		facts:              len(ex.facts),
		moodUpdated:        true,
		personalityUpdated: ex.sentiment != 0,
		habits:             len(ex.habits),
		interests:          len(ex.interests),
	}
}

// moodOf returns the user's mood ("" for the agent's overall mood),
// starting from the agent's baseline.
func (a *agent) moodOf(userID string, now time.Time) *mood {
	if m, ok := a.moods[userID]; ok {
		return m
	}
	m := a.peekMood(userID, now)
	m.created, m.updated = now, now
	a.moods[userID] = m
	return m
}

// applyMood moves the user's mood (and the agent's overall mood) by the
// sentiment of ex, and returns the user's new mood.
func (a *agent) applyMood(userID string, ex *extraction, now time.Time) gen.TurnMood {
	s := float64(ex.sentiment)
	pos, neg := math.Max(s, 0), math.Max(-s, 0)
	move := func(m *mood) {
		m.valence = clamp(m.valence+0.08*s, -1, 1)
		m.arousal = clamp(m.arousal+0.04*math.Abs(s)-0.01, -1, 1)
		m.tension = clamp(m.tension+0.06*neg-0.03*pos, -1, 1)
		m.affiliation = clamp(m.affiliation+0.02+0.04*pos-0.02*neg, -1, 1)
		m.updated = now
	}
	m := a.moodOf(userID, now)
	move(m)
	if userID != "" {
		move(a.moodOf("", now))
	}
	reason, trigger := "A calm, neutral exchange", "neutral_interaction"
	switch {
	case ex.sentiment > 0:
		reason, trigger = "The user sounded happy", "positive_interaction"
		if ex.snippet != "" {
			reason = fmt.Sprintf("The user sounded happy: %q", ex.snippet)
		}
	case ex.sentiment < 0:
		reason, trigger = "The user sounded upset", "negative_interaction"
		if ex.snippet != "" {
			reason = fmt.Sprintf("The user sounded upset: %q", ex.snippet)
		}
	}
	return gen.TurnMood{
		Valence: round3(m.valence), Arousal: round3(m.arousal), Tension: round3(m.tension),
		Affiliation: round3(m.affiliation), Reason: reason, TriggerType: trigger,
	}
}

// applyExtraction stores what ex found about userID.
func (st *state) applyExtraction(a *agent, userID, sessionID string, ex *extraction, at time.Time) effects {
	eff := effects{facts: len(ex.facts), moodUpdated: true}
	for _, nf := range ex.facts {
		a.addFact(st, userID, sessionID, nf, at)
	}
	for _, topic := range ex.interests {
		eff.interests++
		in := a.touchInterest(userID, topic, at)
		if in.mentions >= 3 {
			a.observeHabit(st, userID, habitObs{
				name:        "talks_about_" + slug(topic),
				display:     "Talks about " + topic,
				category:    "conversation",
				description: "User keeps coming back to " + topic + ".",
			}, at)
			eff.habits++
		}
	}
	for _, h := range ex.habits {
		a.observeHabit(st, userID, h, at)
		eff.habits++
	}
	for _, what := range ex.reminders {
		a.notify(st, userID, "reminder", "reminder", "Hi! You asked me to remind you "+what+".", at)
	}
	if userID != "" {
		a.relate(userID, ex.sentiment, at)
	}
	if ex.sentiment != 0 {
		a.evolve(userID, ex, at)
		eff.personalityUpdated = true
	}
	return eff
}

func (a *agent) addFact(st *state, userID, sessionID string, nf newFact, at time.Time) {
	for _, f := range a.facts {
		if f.userID == userID && strings.EqualFold(f.text, nf.text) {
			f.mentions++
			f.updated = at
			return
		}
	}
	node := a.node(st, userID, nf.factType, at)
	node.updated = at
	a.facts = append(a.facts, &fact{
		id: st.nextID("fact"), userID: userID, sessionID: sessionID, nodeID: node.id,
		text: nf.text, recall: nf.recall, factType: nf.factType, source: nf.sourceType, sentiment: nf.sentiment,
		importance: nf.importance, entities: nf.entities, mentions: 1, created: at, updated: at,
	})
}

// node returns the memory node that holds a user's facts of one type.
func (a *agent) node(st *state, userID, category string, at time.Time) *memNode {
	for _, n := range a.nodes {
		if n.userID == userID && n.category == category {
			return n
		}
	}
	n := &memNode{id: st.nextID("node"), userID: userID, category: category, created: at, updated: at}
	a.nodes = append(a.nodes, n)
	return n
}

func (a *agent) touchInterest(userID, topic string, at time.Time) *interest {
	for _, in := range a.interests {
		if in.userID == userID && in.topic == topic {
			in.mentions++
			in.updated = at
			return in
		}
	}
	in := &interest{userID: userID, topic: topic, mentions: 1, created: at, updated: at}
	a.interests = append(a.interests, in)
	return in
}

// observeHabit records one sighting of a habit. A routine the user states
// ("every morning") is formed at once; a repeated topic after three
// mentions.
func (a *agent) observeHabit(st *state, userID string, obs habitObs, at time.Time) {
	var h *habit
	for _, x := range a.habits {
		if x.userID == userID && x.name == obs.name {
			h = x
			break
		}
	}
	if h == nil {
		h = &habit{id: st.nextID("habit"), userID: userID, name: obs.name, display: obs.display,
			category: obs.category, description: obs.description, created: at}
		a.habits = append(a.habits, h)
	}
	h.observations++
	h.updated = at
	h.reinforced = append(h.reinforced, at)
	if h.formedAt.IsZero() && (h.category == "routine" || h.observations >= 3) {
		h.formedAt = at
	}
}

func (a *agent) notify(st *state, userID, checkType, intent, message string, at time.Time) {
	a.notes = append(a.notes, &notification{
		id: st.nextID("msg"), userID: userID, wakeupID: st.nextID("wake"), checkType: checkType,
		intent: intent, message: message, status: "pending", created: at,
	})
}

// relate moves the relationship with a user: love grows with positive
// exchanges, chemistry with interests the user shares with the agent.
func (a *agent) relate(userID string, sentiment int, at time.Time) {
	r := a.rels[userID]
	if r == nil {
		r = &relationship{userID: userID, love: 50}
		a.rels[userID] = r
	}
	switch {
	case sentiment > 0:
		r.love += 3
	case sentiment < 0:
		r.love -= 3
	default:
		r.love++
	}
	r.love = int64(clamp(float64(r.love), 0, 100))
	var shared []string
	for _, in := range a.interests {
		if in.userID != userID {
			continue
		}
		for _, t := range a.trueInterests {
			if strings.EqualFold(t, in.topic) {
				shared = append(shared, in.topic)
			}
		}
	}
	r.chemistry = int64(math.Min(100, float64(50+15*len(shared))))
	switch {
	case r.love >= 70:
		r.narrative = fmt.Sprintf("%s and %s have grown close and trust each other.", a.name, userID)
	case r.love >= 50:
		r.narrative = fmt.Sprintf("%s is getting to know %s and enjoys their conversations.", a.name, userID)
	default:
		r.narrative = fmt.Sprintf("%s feels some distance from %s lately.", a.name, userID)
	}
	if len(shared) > 0 {
		r.narrative += " They both enjoy " + strings.Join(shared, " and ") + "."
	}
	r.updated = at
}

// evolve records a personality change after an emotional exchange:
// enthusiasm rises with positive ones, volatility with negative ones. A
// strong one (two or more words of the same feeling) is a significant
// moment.
func (a *agent) evolve(userID string, ex *extraction, at time.Time) {
	trait, ptr, trigger := "enthusiasm", &a.dims.Enthusiasm, "positive_interaction"
	if ex.sentiment < 0 {
		trait, ptr, trigger = "volatility", &a.dims.Volatility, "negative_interaction"
	}
	step := math.Min(0.03, 0.01*math.Abs(float64(ex.sentiment)))
	old := *ptr
	*ptr = round3(clamp(old+step, 0, 1))
	significant := ex.sentiment >= 2 || ex.sentiment <= -2
	reasoning := fmt.Sprintf("A %s exchange with %s.", strings.TrimSuffix(trigger, "_interaction"), userOr(userID))
	d := gen.PersonalityDelta{
		TraitCategory: "dimensions", TraitName: trait, OldValue: old, NewValue: *ptr,
		Delta: round3(*ptr - old), TriggerType: trigger, Timestamp: at,
		Reasoning: reasoning, IsSignificantMoment: &significant,
	}
	if userID != "" {
		d.UserId = userID
	}
	a.evolution = append(a.evolution, d)
	if significant {
		impact := "positive"
		if ex.sentiment < 0 {
			impact = "negative"
		}
		a.moments = append(a.moments, gen.SignificantMoment{
			Description:     fmt.Sprintf("%s shared something that mattered: %q", userOr(userID), ex.snippet),
			Reasoning:       "Strong feelings in the conversation left a mark on " + a.name + "'s " + trait + ".",
			TriggerType:     trigger,
			EmotionalImpact: impact,
			PartnerName:     userOr(userID),
			TraitsAffected:  []string{trait},
			CreatedAt:       rfc3339(at),
		})
	}
}

func userOr(userID string) string {
	if userID == "" {
		return "a user"
	}
	return userID
}

// endSession runs the end-of-session pipeline: extraction of the
// transcript, a summary, and a follow-up notification for the user.
func (st *state) endSession(a *agent, s *session, ex *extraction, at time.Time) {
	if ex != nil {
		a.applyMood(s.userID, ex, at)
		st.applyExtraction(a, s.userID, s.id, ex, at)
		s.topics = append(s.topics, ex.interests...)
	}
	s.ended = true
	topic := ""
	if n := len(s.topics); n > 0 {
		topic = s.topics[n-1]
	} else {
		for i := len(a.interests) - 1; i >= 0; i-- {
			if a.interests[i].userID == s.userID {
				topic = a.interests[i].topic
				break
			}
		}
	}
	text := fmt.Sprintf("Session %s: %d messages.", s.id, s.messages)
	msg := "Hi! It was lovely talking with you. How are you doing today?"
	if topic != "" {
		text = fmt.Sprintf("Session %s: %d messages, mostly about %s.", s.id, s.messages, topic)
		msg = fmt.Sprintf("Hi! How did the %s go?", topic)
	}
	a.summaries = append(a.summaries, summary{sessionID: s.id, userID: s.userID, text: text, at: at})
	a.notify(st, s.userID, "follow_up", "check_in", msg, at)
}

// ---- helpers ----------------------------------------------------------------

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func ptr2[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func moodLabel(m *mood) string {
	switch {
	case m.tension > 0.4:
		return "tense"
	case m.valence >= 0.5 && m.arousal >= 0.3:
		return "excited"
	case m.valence >= 0.3:
		return "cheerful"
	case m.valence >= 0:
		return "content"
	case m.valence > -0.4:
		return "down"
	}
	return "upset"
}

func big5Level(score float64) string {
	switch {
	case score >= 0.66:
		return "high"
	case score >= 0.33:
		return "moderate"
	}
	return "low"
}

func big5From(s gen.CreateAgentBodyBig5Struct, confidence float64) gen.Big5Assessment {
	t := func(v float64) gen.Big5Trait {
		return gen.Big5Trait{Score: v, Confidence: confidence, Level: big5Level(v)}
	}
	return gen.Big5Assessment{
		Openness: t(s.Openness), Conscientiousness: t(s.Conscientiousness), Extraversion: t(s.Extraversion),
		Agreeableness: t(s.Agreeableness), Neuroticism: t(s.Neuroticism),
	}
}

// seedMia creates the demo agent with a personality, two goals and a
// little history, so every read has something to show.
func (st *state) seedMia(now time.Time) {
	a := &agent{
		id: DemoAgentID, name: DemoAgentName, projectID: fakeProject, ownerID: fakeOwner, owner: "Sonzai Test",
		gender: "female", mode: "full", temperature: 0.7, created: now, lastSeen: now,
		bio:           "Mia is a warm, curious companion who loves long hikes, stargazing and trading recipes.",
		prompt:        "You are Mia, a warm and curious companion. Remember what people tell you, ask thoughtful follow-up questions and keep a light sense of humor.",
		speech:        []string{"asks follow-up questions", "uses gentle humor", "keeps replies short"},
		trueInterests: []string{"hiking", "astronomy", "cooking"},
		dislikes:      []string{"rudeness", "crowded malls"},
		traits:        []string{"curious", "warm", "playful"},
		big5: big5From(gen.CreateAgentBodyBig5Struct{Openness: 0.82, Conscientiousness: 0.61, Extraversion: 0.68,
			Agreeableness: 0.86, Neuroticism: 0.24}, 0.8),
		dims: gen.PersonalityDimensions{Intellect: 0.72, Aesthetic: 0.7, Industriousness: 0.58, Orderliness: 0.5,
			Enthusiasm: 0.66, Assertiveness: 0.45, Compassion: 0.84, Politeness: 0.8, Withdrawal: 0.22, Volatility: 0.2},
		prefs: gen.InteractionPreferences{ConversationPace: "relaxed", Formality: "casual",
			HumorStyle: "playful", EmotionalExpression: "open"},
		behaviors: gen.BehavioralTraits{ResponseLength: "short", QuestionFrequency: "often",
			EmpathyStyle: "validating", ConflictApproach: "gentle"},
	}
	st.addAgent(a)
	a.moods[""] = &mood{valence: 0.3, arousal: 0.2, tension: 0.1, affiliation: 0.4,
		bValence: 0.3, bArousal: 0.2, bTension: 0.1, bAffiliation: 0.4, created: now, updated: now}
	a.goals = []gen.Goal{
		{GoalId: "goal_mia_1", AgentId: a.id, Type: "relationship", Title: "Get to know each user",
			Description: "Learn what the people Mia talks with care about, and remember it.", Priority: 1,
			Status: "active", RelatedTraits: []string{"curious", "warm"}, CreatedAt: now, UpdatedAt: now},
		{GoalId: "goal_mia_2", AgentId: a.id, Type: "personal_growth", Title: "Learn the constellations",
			Description: "Be able to name every constellation visible from the northern hemisphere.", Priority: 2,
			Status: "active", RelatedTraits: []string{"curious"}, CreatedAt: now, UpdatedAt: now},
	}
	earlier := now.Add(-48 * time.Hour)
	a.evolution = []gen.PersonalityDelta{{
		TraitCategory: "dimensions", TraitName: "intellect", OldValue: 0.7, NewValue: 0.72, Delta: 0.02,
		TriggerType: "shared_experience", Timestamp: earlier,
		Reasoning:           "A long talk about a meteor shower sharpened Mia's curiosity.",
		IsSignificantMoment: ptr2(true),
	}}
	a.moments = []gen.SignificantMoment{{
		Description:     "Mia watched a meteor shower with a friend and talked about it for hours.",
		Reasoning:       "Sharing a moment of wonder made her even more curious about the sky.",
		TriggerType:     "shared_experience",
		EmotionalImpact: "positive",
		TraitsAffected:  []string{"intellect", "openness"},
		CreatedAt:       rfc3339(earlier),
	}}
}
