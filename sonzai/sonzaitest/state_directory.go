package sonzaitest

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// directoryState is what the fake keeps for an agent's instances, the
// users it knows through imports, priming and metadata, the import and
// priming jobs, and the summaries consolidation wrote. Its maps are made on
// first use, so the zero value is ready.
//
// Facts do not record the instance they were written to: the default
// instance holds all of an agent's facts (resetting it erases them all),
// another instance none, and reads filtered by instance see every fact.
type directoryState struct {
	instances      map[string][]*instance            // by agent id; the default first
	users          map[string]map[string]*userRecord // by agent id, then user id
	jobs           map[string]*importJob             // by job id
	agentJobs      map[string][]*importJob           // by agent id, oldest first
	consolidations map[string][]gen.MemorySummary    // by agent id
}

func (d *directoryState) init() {
	if d.jobs == nil {
		d.instances = map[string][]*instance{}
		d.users = map[string]map[string]*userRecord{}
		d.jobs = map[string]*importJob{}
		d.agentJobs = map[string][]*importJob{}
		d.consolidations = map[string][]gen.MemorySummary{}
	}
}

type instance struct {
	id, agentID, name, description, status string
	isDefault                              bool
	created, updated                       time.Time
}

func (i *instance) toGen() gen.AgentInstance {
	return gen.AgentInstance{
		InstanceId: i.id, AgentId: i.agentID, Name: i.name, Description: i.description, Status: i.status,
		IsDefault: i.isDefault, CreatedAt: i.created.UTC(), UpdatedAt: i.updated.UTC(),
	}
}

// instancesOf returns an agent's instances, creating its default one on
// first use.
func (st *state) instancesOf(a *agent) []*instance {
	d := &st.dir
	d.init()
	if len(d.instances[a.id]) == 0 {
		d.instances[a.id] = []*instance{{id: st.nextID("inst"), agentID: a.id, name: "default", status: "active",
			isDefault: true, created: a.created, updated: a.created}}
	}
	return d.instances[a.id]
}

func (st *state) instanceByID(a *agent, id string) (*instance, int, error) {
	for i, in := range st.instancesOf(a) {
		if in.id == id {
			return in, i, nil
		}
	}
	return nil, -1, fail(http.StatusNotFound, "instance %q not found", id)
}

// userRecord is what priming, imports and metadata updates say about a
// user.
type userRecord struct {
	id, displayName, email, phone, company, title string
	sourceType, sourceID                          string
	custom                                        map[string]string
	firstMet, primed, created, updated            time.Time
}

func (st *state) userRecord(a *agent, userID string) *userRecord {
	st.dir.init()
	return st.dir.users[a.id][userID]
}

// touchUser returns the user's record, creating it.
func (st *state) touchUser(a *agent, userID, source string, now time.Time) *userRecord {
	d := &st.dir
	d.init()
	m := d.users[a.id]
	if m == nil {
		m = map[string]*userRecord{}
		d.users[a.id] = m
	}
	u := m[userID]
	if u == nil {
		if source == "" {
			source = "api"
		}
		u = &userRecord{id: userID, sourceType: source, created: now, updated: now, primed: now}
		m[userID] = u
	}
	return u
}

func (u *userRecord) toGen(a *agent, facts int64) gen.UserPrimingMetadata {
	first := u.firstMet
	if first.IsZero() {
		first = u.created
	}
	custom := u.custom
	if custom == nil {
		custom = map[string]string{}
	}
	return gen.UserPrimingMetadata{
		AgentID: a.id, UserID: u.id, DisplayName: u.displayName, Email: u.email, Company: u.company,
		Title: u.title, Phone: u.phone, CustomFields: custom, SourceType: u.sourceType, SourceID: u.sourceID,
		FactsCount: facts, WarmthScore: warmth(facts), FirstMetAt: first.UTC(), PrimedAt: u.primed.UTC(),
		CreatedAt: u.created.UTC(), UpdatedAt: u.updated.UTC(),
	}
}

// warmth is how well the agent knows a user, from the facts it has.
func warmth(facts int64) int64 { return min(100, 10*facts) }

func (a *agent) factCount(userID string) int64 {
	var n int64
	for _, f := range a.facts {
		if f.userID == userID {
			n++
		}
	}
	return n
}

// factAdder adds facts about some users to an agent as agent.addFact
// does (a repeated text is a mention; one node per user and fact type),
// for many users at once: it indexes those users' facts and nodes in one
// pass, so that importing thousands of users does not scan all of the
// agent's facts for every new one.
type factAdder struct {
	st    *state
	a     *agent
	facts map[string][]*fact     // by user id
	nodes map[[2]string]*memNode // by user id and category: the first one
}

// newFactAdder indexes what the agent knows about users; it adds facts
// about those users only.
func (st *state) newFactAdder(a *agent, users ...string) *factAdder {
	fa := &factAdder{st: st, a: a, facts: make(map[string][]*fact, len(users)), nodes: map[[2]string]*memNode{}}
	for _, u := range users {
		fa.facts[u] = nil
	}
	for _, f := range a.facts {
		if known, ok := fa.facts[f.userID]; ok {
			fa.facts[f.userID] = append(known, f)
		}
	}
	for _, n := range a.nodes {
		if _, ok := fa.facts[n.userID]; !ok {
			continue
		}
		if key := [2]string{n.userID, n.category}; fa.nodes[key] == nil {
			fa.nodes[key] = n
		}
	}
	return fa
}

// add stores nf about userID and reports whether it is a new fact.
func (fa *factAdder) add(userID string, nf newFact, at time.Time) (*fact, bool) {
	for _, f := range fa.facts[userID] {
		if strings.EqualFold(f.text, nf.text) {
			f.mentions++
			f.updated = at
			return f, false
		}
	}
	key := [2]string{userID, nf.factType}
	node := fa.nodes[key]
	if node == nil {
		node = &memNode{id: fa.st.nextID("node"), userID: userID, category: nf.factType, created: at}
		fa.a.nodes = append(fa.a.nodes, node)
		fa.nodes[key] = node
	}
	node.updated = at
	f := &fact{
		id: fa.st.nextID("fact"), userID: userID, nodeID: node.id,
		text: nf.text, recall: nf.recall, factType: nf.factType, source: nf.sourceType, sentiment: nf.sentiment,
		importance: nf.importance, entities: nf.entities, mentions: 1, created: at, updated: at,
	}
	fa.a.facts = append(fa.a.facts, f)
	fa.facts[userID] = append(fa.facts[userID], f)
	return f, true
}

// metadataFacts stores the facts a user's company and title say, and
// returns how many were new.
func (fa *factAdder) metadataFacts(u *userRecord, at time.Time) int64 {
	var n int64
	add := func(text string) {
		if _, added := fa.add(u.id, newFact{text: text, recall: text, factType: "identity", sourceType: "priming", importance: 0.6}, at); added {
			n++
		}
	}
	if u.company != "" {
		add("The user works at " + u.company + ".")
	}
	if u.title != "" {
		add("The user's job title is " + u.title + ".")
	}
	return n
}

// primeFacts stores facts given ready-made, and returns how many were new.
func (fa *factAdder) primeFacts(userID string, facts []gen.PrimeFact, at time.Time) int64 {
	var n int64
	for _, pf := range facts {
		text := strings.TrimSpace(pf.AtomicText)
		if text == "" {
			continue
		}
		factType := pf.FactType
		if factType == "" {
			factType = defaultFactType
		}
		f, added := fa.add(userID, newFact{text: text, recall: text, factType: factType, sourceType: "import",
			importance: pf.Importance, entities: pf.Entities, sentiment: pf.Sentiment}, at)
		if added {
			n++
			fa.st.memory.init()
			conf := pf.Confidence
			fa.st.memory.extras[f.id] = factExtras{confidence: &conf}
		}
	}
	return n
}

// importJob is a batch import or a priming job: its states follow the
// clock as every job's do; what its content teaches is stored when it
// finishes.
type importJob struct {
	*job
	jobType, sourceType, userID string
	users                       []string // a batch import's users, in order
	factsStored                 int64    // facts written so far (at once, then by extraction)
}

// The job types the fake reports.
const (
	jobTypeBatchImport = "batch_import"
	jobTypePrime       = "prime_user"
	jobTypeContent     = "add_content"
)

// pendingContent is what a priming job extracts when it finishes.
type pendingContent struct {
	userID string
	texts  []chatMsg
}

// newImportJob queues a job whose content is extracted when it finishes.
func (st *state) newImportJob(a *agent, jobType, source, userID string, users []string, content []pendingContent, now time.Time) *importJob {
	d := &st.dir
	d.init()
	if source == "" {
		source = "api"
	}
	ij := &importJob{jobType: jobType, sourceType: source, userID: userID, users: users}
	ij.job = st.newJob("import", a.id, "", now, st.failJobs, "content extraction failed", func(at time.Time) {
		for _, c := range content {
			if len(c.texts) == 0 {
				continue
			}
			before := len(a.facts)
			st.applyExtraction(a, c.userID, "", st.extractor.extract(c.texts), at)
			ij.factsStored += int64(len(a.facts) - before)
		}
	})
	d.jobs[ij.id] = ij
	d.agentJobs[a.id] = append(d.agentJobs[a.id], ij)
	return ij
}

// processed is how many of the job's users are done at now: none while it
// waits, a growing share while it runs, all once finished.
func (ij *importJob) processed(now time.Time) int64 {
	total := ij.total()
	switch ij.stage(now) {
	case stageFinished:
		if ij.fail {
			return 0
		}
		return total
	case stageRunning:
		run := ij.finishedAt().Sub(ij.startedAt())
		if run <= 0 {
			return 0
		}
		return total * int64(now.Sub(ij.startedAt())) / int64(run)
	}
	return 0
}

func (ij *importJob) total() int64 {
	if ij.jobType == jobTypeBatchImport {
		return int64(len(ij.users))
	}
	return 1
}

func (ij *importJob) status(now time.Time) string {
	switch ij.stage(now) {
	case stageFinished:
		if ij.fail {
			return "failed"
		}
		return "completed"
	case stageRunning:
		return "processing"
	}
	return "pending"
}

func (ij *importJob) toGen(now time.Time) gen.ImportJob {
	g := gen.ImportJob{
		JobId: ij.id, TenantId: fakeTenant, AgentId: ij.agentID, JobType: ij.jobType, SourceType: ij.sourceType,
		UserId: ij.userID, Status: ij.status(now), TotalUsers: ij.total(), ProcessedUsers: ij.processed(now),
		FactsExtracted: ij.factsStored, FactsStored: ij.factsStored, WarmthScore: warmth(ij.factsStored),
		CreatedAt: ij.created.UTC(), UpdatedAt: ij.created.UTC(), ErrorDetails: map[string]any{},
	}
	if ij.stage(now) >= stageRunning {
		g.StartedAt = ij.startedAt().UTC()
		g.UpdatedAt = g.StartedAt
	}
	if ij.stage(now) == stageFinished {
		g.CompletedAt = ij.finishedAt().UTC()
		g.UpdatedAt = g.CompletedAt
		if ij.fail {
			g.Errors = ij.total()
			g.ErrorDetails = map[string]any{"reason": ij.reason}
		}
	}
	return g
}

func (st *state) importJob(a *agent, jobID string) (*importJob, error) {
	st.dir.init()
	ij := st.dir.jobs[jobID]
	if ij == nil || ij.agentID != a.id {
		return nil, fail(http.StatusNotFound, "import job %q not found", jobID)
	}
	return ij, nil
}

// knownUsers lists, sorted, every user the agent knows: imported, primed,
// met in a session, remembered in a fact or with a mood of their own.
func (st *state) knownUsers(a *agent) []string {
	st.dir.init()
	seen := map[string]struct{}{}
	for id := range st.dir.users[a.id] {
		seen[id] = struct{}{}
	}
	for _, s := range st.sessions {
		if s.agentID == a.id && s.userID != "" {
			seen[s.userID] = struct{}{}
		}
	}
	for _, f := range a.facts {
		if f.userID != "" {
			seen[f.userID] = struct{}{}
		}
	}
	for id := range a.moods {
		if id != "" {
			seen[id] = struct{}{}
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
