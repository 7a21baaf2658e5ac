package sonzai

// Ptr returns a pointer to a copy of v. Update params use pointers so that
// an unset field stays off the wire while "", false and 0 can still be
// sent: FactUpdateParams{FactType: sonzai.Ptr("")} clears the type.
func Ptr[T any](v T) *T { return &v }
