package sonzaitest

import (
	"time"
)

// lifeState is what the fake keeps for recurring schedules, project
// notifications, inventories, constellation nodes, backend events and the
// diary entries they lead to. It lives in state and is guarded by
// state.mu; its maps are made on first use, so the zero value is ready.
type lifeState struct {
	schedules     map[string]*schedule // by id
	projectNotes  []*projectNote       // oldest first
	inventory     map[string]*invItem  // by fact id
	invOrder      []string             // fact ids, oldest first
	constellation map[string]*starNode // by node id
	nodeOrder     []string             // node ids, oldest first
	events        []backendEvent
	diary         []*diaryEntry // oldest first
}

func (l *lifeState) init() {
	if l.schedules == nil {
		l.schedules = map[string]*schedule{}
		l.inventory = map[string]*invItem{}
		l.constellation = map[string]*starNode{}
	}
}

// backendEvent is an event told to an agent through triggerBackendEvent.
type backendEvent struct {
	id, agentID, userID, instanceID, eventType, description string
	at                                                      time.Time
}

// diaryEntry is a page of an agent's diary, written after an event.
type diaryEntry struct {
	id, agentID, userID, instanceID, date string
	title, content, mood, trigger         string
	topics                                []string
	created                               time.Time
}

// projectNote is a notification waiting for a project to acknowledge it.
type projectNote struct {
	id, projectID, agentID, userID, eventType string
	payload                                   any
	acknowledged                              bool
	created, ackAt                            time.Time
}

// invItem is one item of a user's inventory.
type invItem struct {
	factID, itemID, agentID, userID, instanceID string
	itemType, label, kbNodeID                   string
	props                                       map[string]any
	created, updated                            time.Time
}

// starNode is a node of an agent's constellation added through the API.
type starNode struct {
	id, agentID, userID, nodeType, label, description string
	significance                                      float64
	mentions                                          int64
	created, updated                                  time.Time
}
