package sonzaitest

// The agent's inner life: goals, habits, mood and wake-ups.
const (
	OpCreateGoal        Operation = "createGoal"
	OpUpdateGoal        Operation = "updateGoal"
	OpDeleteGoal        Operation = "deleteGoal"
	OpListBreakthroughs Operation = "listBreakthroughs"
	OpCreateHabit       Operation = "createHabit"
	OpUpdateHabit       Operation = "updateHabit"
	OpDeleteHabit       Operation = "deleteHabit"
	OpUpdateMood        Operation = "updateMood"
	OpGetMoodHistory    Operation = "getMoodHistory"
	OpGetMoodAggregate  Operation = "getMoodAggregate"
	OpListWakeups       Operation = "listWakeups"
	OpScheduleWakeup    Operation = "scheduleWakeup"
)
