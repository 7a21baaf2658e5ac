package sonzaitest

import (
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// memoryState is what the fake keeps for the facts written through the
// API and for custom states. The facts themselves live with their agent
// (agent.facts), next to the ones the extractor learns, so that listFacts,
// searchMemories, getMemoryTree and the context's loaded_facts all see
// both; this keeps what those facts carry beyond the extractor's.
// Its maps are made on first use, so the zero value is ready.
type memoryState struct {
	history map[string][]gen.AtomicFact // by fact id: earlier versions, oldest first
	extras  map[string]factExtras       // by fact id
	states  map[string]*customState     // by state id
}

// factExtras are the fields a fact written through the API may set that
// extracted facts do not have.
type factExtras struct {
	confidence *float64
	metadata   map[string]any
}

type customState struct {
	id, agentID, instanceID, scope, userID, key, contentType string
	value                                                    any
	created, updated                                         time.Time
}

func (m *memoryState) init() {
	if m.states == nil {
		m.history = map[string][]gen.AtomicFact{}
		m.extras = map[string]factExtras{}
		m.states = map[string]*customState{}
	}
}

// factToGen is agent.factToGen with the fields written through the API.
func (m *memoryState) factToGen(a *agent, f *fact) gen.AtomicFact {
	g := a.factToGen(f)
	if x, ok := m.extras[f.id]; ok {
		if x.confidence != nil {
			g.Confidence = *x.confidence
		}
		if len(x.metadata) > 0 {
			g.Metadata = x.metadata
		}
	}
	return g
}

// forget drops what is kept for a deleted fact.
func (m *memoryState) forget(factID string) {
	delete(m.history, factID)
	delete(m.extras, factID)
}

// stateByKey finds a custom state by its identity.
func (m *memoryState) stateByKey(agentID, instanceID, scope, userID, key string) *customState {
	for _, s := range m.states {
		if s.agentID == agentID && s.instanceID == instanceID && s.scope == scope && s.userID == userID && s.key == key {
			return s
		}
	}
	return nil
}

func (s *customState) toGen() gen.CustomState {
	return gen.CustomState{
		StateId: s.id, AgentId: s.agentID, InstanceId: s.instanceID, Scope: s.scope, UserId: s.userID,
		Key: s.key, Value: s.value, ContentType: s.contentType,
		CreatedAt: s.created.UTC(), UpdatedAt: s.updated.UTC(),
	}
}
