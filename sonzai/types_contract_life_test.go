package sonzai

// The wire types of the Schedules, project Notifications, Inventory,
// Personality updates, Insights overlays, Constellation, Events, Diary
// and Dialogue operations.
func init() {
	contractTypes = append(contractTypes,
		// Schedules.
		contractType{typ: contractTypeOf[Schedule](), schema: "ScheduleDTO", responseOf: []string{"getSchedule", "patchSchedule"}},
		contractType{typ: contractTypeOf[ScheduleCreated](), schema: "CreateScheduleOutputBody", responseOf: []string{"createSchedule"}},
		contractType{typ: contractTypeOf[scheduleList](), schema: "ListSchedulesOutputBody", responseOf: []string{"listSchedules"}},
		contractType{typ: contractTypeOf[scheduleUpcoming](), schema: "UpcomingScheduleOutputBody", responseOf: []string{"upcomingSchedule"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"listSchedules", "createSchedule", "getSchedule", "patchSchedule", "deleteSchedule", "upcomingSchedule",
	)
}
