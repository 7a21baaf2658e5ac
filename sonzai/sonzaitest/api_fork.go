package sonzaitest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
	"github.com/sonzai-oss/sonzai-go/gen/fakeserver"
)

// forkState keeps the forks the fake started, by the new agent's id. A
// fork is a job on the fake's clock: "forking" while it runs (its tables
// copied one by one), then "complete", when the new agent appears, or
// "failed" when FailExtractions is on.
type forkState struct {
	byID map[string]*fork
}

type fork struct {
	id, name, sourceID string
	job                *job
}

// forkTables is how many tables the fake says a fork copies.
const forkTables = 8

func (h *api) ForkAgent(_ context.Context, req fakeserver.ForkAgentRequestObject) (fakeserver.ForkAgentResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	src, err := st.agentRef(req.AgentId)
	if err != nil {
		return nil, err
	}
	// A name is taken as given (two agents may share one); without one the
	// fork is named after its source.
	name := strings.TrimSpace(req.Body.Name)
	if name == "" {
		name = src.name + " (fork)"
		for n := 2; st.agentNamed(name) != nil || st.forkNamed(name); n++ {
			name = fmt.Sprintf("%s (fork %d)", src.name, n)
		}
	}
	if st.forks.byID == nil {
		st.forks.byID = map[string]*fork{}
	}
	st.counters["fork-agent"]++
	f := &fork{id: fmt.Sprintf("00000000-0000-4000-9000-%012d", st.counters["fork-agent"]), name: name, sourceID: src.id}
	snapshot := src.forkCopy(st, f.id, name, now)
	f.job = st.newJob("fork", src.id, "", now, st.failJobs, "copying the agent's data failed (sonzaitest: FailExtractions is on)",
		func(at time.Time) {
			snapshot.created, snapshot.lastSeen = at, at
			st.addAgent(snapshot)
		})
	st.forks.byID[f.id] = f
	return fakeserver.ForkAgent200JSONResponse{AgentId: f.id, Name: name, SourceAgentId: src.id, Status: "forking"}, nil
}

// forkNamed says whether a fork still running will create an agent named name.
func (st *state) forkNamed(name string) bool {
	for _, f := range st.forks.byID {
		if f.name == name && f.job.stage(st.clock.Now()) != stageFinished {
			return true
		}
	}
	return false
}

func (h *api) GetForkStatus(_ context.Context, req fakeserver.GetForkStatusRequestObject) (fakeserver.GetForkStatusResponseObject, error) {
	st := h.st
	now, unlock := st.lock()
	defer unlock()
	f := st.forks.byID[req.AgentId]
	if f == nil {
		return nil, fail(http.StatusNotFound, "no fork creates agent %q", req.AgentId)
	}
	j := f.job
	out := gen.ForkStatusResponse{Status: "forking", SourceAgentId: f.sourceID, TablesTotal: forkTables}
	switch j.stage(now) {
	case stageRunning:
		out.StartedAt = j.startedAt().UTC()
		frac := float64(now.Sub(j.startedAt())) / float64(j.finishedAt().Sub(j.startedAt()))
		out.TablesCopied = int64(frac * forkTables)
	case stageFinished:
		out.StartedAt, out.CompletedAt = j.startedAt().UTC(), j.finishedAt().UTC()
		out.Status, out.TablesCopied = "complete", forkTables
		if j.fail {
			out.Status, out.ErrorMessage, out.TablesCopied = "failed", j.reason, forkTables/2
		}
	}
	return fakeserver.GetForkStatus200JSONResponse(out), nil
}

// forkCopy is a deep copy of the agent as it is now, under a new id and
// name: profile, personality, settings, facts, goals, habits and interests.
func (a *agent) forkCopy(st *state, id, name string, now time.Time) *agent {
	c := &agent{
		id: id, name: name, projectID: a.projectID, ownerID: a.ownerID, owner: a.owner,
		gender: a.gender, bio: a.bio, avatarURL: a.avatarURL, prompt: a.prompt, mode: a.mode,
		speech: clone(a.speech), trueInterests: clone(a.trueInterests), dislikes: clone(a.dislikes),
		traits: clone(a.traits), mcp: clone(a.mcp),
		big5: a.big5, dims: a.dims, prefs: a.prefs, behaviors: a.behaviors, temperature: a.temperature,
		created: now, lastSeen: now, moods: map[string]*mood{}, settings: a.settings.clone(),
	}
	for userID, m := range a.moods {
		cp := *m
		c.moods[userID] = &cp
	}
	for _, f := range a.facts {
		node := c.node(st, f.userID, f.factType, f.created)
		cp := *f
		cp.id, cp.nodeID, cp.entities = st.nextID("fact"), node.id, clone(f.entities)
		c.facts = append(c.facts, &cp)
	}
	for _, g := range a.goals {
		g.GoalId, g.AgentId, g.RelatedTraits = st.nextID("goal"), id, clone(g.RelatedTraits)
		c.goals = append(c.goals, g)
	}
	for _, h := range a.habits {
		cp := *h
		cp.id, cp.reinforced = st.nextID("habit"), clone(h.reinforced)
		c.habits = append(c.habits, &cp)
	}
	for _, in := range a.interests {
		cp := *in
		c.interests = append(c.interests, &cp)
	}
	return c
}

func clone[T any](v []T) []T {
	if v == nil {
		return nil
	}
	return append([]T(nil), v...)
}
