package sonzai

// The wire types of goals, habits, mood and wake-ups, tied to their
// schemas (see types_contract_test.go).
func init() {
	contractTypes = append(contractTypes,
		// Goals.
		contractType{typ: contractTypeOf[Goal](), schema: "Goal", responseOf: []string{"createGoal", "updateGoal"}},
		contractType{typ: contractTypeOf[GoalCreateParams](), schema: "CreateGoalInputBody", bodyOf: []string{"createGoal"}},
		contractType{typ: contractTypeOf[GoalUpdateParams](), schema: "UpdateGoalInputBody", bodyOf: []string{"updateGoal"}},
		contractType{typ: contractTypeOf[breakthroughList](), schema: "BreakthroughsResponse", responseOf: []string{"listBreakthroughs"}},
		contractType{typ: contractTypeOf[Breakthrough](), schema: "Breakthrough"},
		// Habits.
		contractType{typ: contractTypeOf[Habit](), schema: "Habit", responseOf: []string{"createHabit", "updateHabit"}},
		contractType{typ: contractTypeOf[HabitCreateParams](), schema: "CreateHabitInputBody", bodyOf: []string{"createHabit"}},
		contractType{typ: contractTypeOf[HabitUpdateParams](), schema: "UpdateHabitInputBody", bodyOf: []string{"updateHabit"}},
		// Mood.
		contractType{typ: contractTypeOf[moodResult](), schema: "MoodResponse", responseOf: []string{"updateMood"}},
		contractType{typ: contractTypeOf[MoodUpdateParams](), schema: "UpdateMoodInputBody", bodyOf: []string{"updateMood"}},
		contractType{typ: contractTypeOf[moodHistory](), schema: "MoodHistoryResponse", responseOf: []string{"getMoodHistory"}},
		contractType{typ: contractTypeOf[MoodHistoryEntry](), schema: "MoodHistoryEntry"},
		contractType{typ: contractTypeOf[MoodAggregate](), schema: "MoodAggregateResponse", responseOf: []string{"getMoodAggregate"}},
		// Wake-ups.
		contractType{typ: contractTypeOf[wakeupList](), schema: "WakeupsResponse", responseOf: []string{"listWakeups"}},
		contractType{typ: contractTypeOf[Wakeup](), schema: "WakeupEntry"},
		// WakeupScheduleParams is not listed: its At and After are converted
		// into gen.ScheduleWakeupInputBody, which is generated from the schema.
		contractType{typ: contractTypeOf[ScheduledWakeup](), schema: "ScheduleWakeupOutputBody", responseOf: []string{"scheduleWakeup"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"createGoal", "updateGoal", "deleteGoal", "listBreakthroughs", "createHabit", "updateHabit", "deleteHabit",
		"updateMood", "getMoodHistory", "getMoodAggregate", "listWakeups", "scheduleWakeup")
}
