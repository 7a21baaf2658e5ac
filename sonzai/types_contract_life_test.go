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
		// Notifications: the history has the list's shape.
		contractType{typ: contractTypeOf[notificationList](), schema: "ProactiveNotificationsResponse", responseOf: []string{"getNotificationHistory"}},
		contractType{typ: contractTypeOf[ProjectNotification](), schema: "Notification"},
		contractType{typ: contractTypeOf[projectNotificationList](), schema: "ProjectNotificationsListOutputBody", responseOf: []string{"listProjectNotifications"}},
		contractType{typ: contractTypeOf[acknowledged](), schema: "AcknowledgeProjectNotificationsOutputBody", responseOf: []string{"acknowledgeProjectNotifications"}},
		contractType{typ: contractTypeOf[acknowledged](), schema: "AcknowledgeAllProjectNotificationsOutputBody", responseOf: []string{"acknowledgeAllProjectNotifications"}},
	)
	contractWrappedOperations = append(contractWrappedOperations,
		"listSchedules", "createSchedule", "getSchedule", "patchSchedule", "deleteSchedule", "upcomingSchedule",
		"getNotificationHistory", "listProjectNotifications", "acknowledgeProjectNotifications", "acknowledgeAllProjectNotifications",
	)
}
