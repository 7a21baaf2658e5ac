package sonzaitest

import (
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// innerLife is the state of the agent's inner life that the agent itself
// does not hold: the history of mood overrides and the scheduled
// wake-ups. Goals, habits and moods live on the agent.
type innerLife struct {
	moodHistory map[string][]gen.MoodHistoryEntry // by agent and user, oldest first
	wakeups     map[string][]*wakeup              // by agent, in the order scheduled
}

type wakeup struct {
	id, userID, checkType, intent        string
	occasion, interestTopic, description string
	at, created                          time.Time
}

// moodKey keys the mood history: one per agent and user ("" for the
// agent's overall mood).
func moodKey(agentID, userID string) string { return agentID + "\x00" + userID }

func (l *innerLife) recordMood(agentID, userID string, e gen.MoodHistoryEntry) {
	if l.moodHistory == nil {
		l.moodHistory = map[string][]gen.MoodHistoryEntry{}
	}
	k := moodKey(agentID, userID)
	l.moodHistory[k] = append(l.moodHistory[k], e)
}

func (l *innerLife) schedule(agentID string, w *wakeup) {
	if l.wakeups == nil {
		l.wakeups = map[string][]*wakeup{}
	}
	l.wakeups[agentID] = append(l.wakeups[agentID], w)
}

// status is where the wake-up is on the fake's clock: it fires at its time.
func (w *wakeup) status(now time.Time) string {
	if now.Before(w.at) {
		return "pending"
	}
	return "executed"
}

func (w *wakeup) toGen(agentID string, now time.Time) gen.WakeupEntry {
	g := gen.WakeupEntry{
		WakeupId: w.id, AgentId: agentID, UserId: w.userID, CheckType: w.checkType, Intent: w.intent,
		Occasion: w.occasion, InterestTopic: w.interestTopic, EventDescription: w.description,
		ScheduledAt: rfc3339(w.at), Status: w.status(now), CreatedAt: rfc3339(w.created),
	}
	if !now.Before(w.at) {
		g.ExecutedAt = rfc3339(w.at)
	}
	return g
}
