package sonzai

// Ptr returns a pointer to v. Use it for the pointer fields of update
// params, where nil leaves a field as it is and a pointer sets it, even to
// "", 0 or false: GoalUpdateParams{Title: sonzai.Ptr("")}.
func Ptr[T any](v T) *T { return &v }
