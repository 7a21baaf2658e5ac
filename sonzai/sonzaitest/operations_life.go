package sonzaitest

// The Schedules operations the fake keeps state for.
const (
	OpListSchedules    Operation = "listSchedules"
	OpCreateSchedule   Operation = "createSchedule"
	OpGetSchedule      Operation = "getSchedule"
	OpPatchSchedule    Operation = "patchSchedule"
	OpDeleteSchedule   Operation = "deleteSchedule"
	OpUpcomingSchedule Operation = "upcomingSchedule"
)
