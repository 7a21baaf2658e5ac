package webhook

// sentinel is an error that is a constant, so nobody can reassign it.
type sentinel string

func (s sentinel) Error() string { return string(s) }

// The reasons a delivery fails verification, for errors.Is. Every error that
// Verifier.Verify returns matches exactly one of them.
const (
	// ErrMissingSignature: the request has no Sonzai-Signature header, or
	// it is empty.
	ErrMissingSignature = sentinel("webhook: no Sonzai-Signature header")
	// ErrMalformedSignature: the header is not of the form
	// "t=<unix seconds>,v1=<64 hex digits>[,v1=…]".
	ErrMalformedSignature = sentinel("webhook: malformed Sonzai-Signature header")
	// ErrExpired: the signature's timestamp is further from now than the
	// verifier's tolerance, in the past or in the future. A captured
	// delivery replayed later fails this way.
	ErrExpired = sentinel("webhook: signature timestamp outside the tolerance")
	// ErrSignatureMismatch: no v1 signature matches the body under any of
	// the verifier's secrets: the body was changed, or the secret is wrong
	// (after a rotation, add the new secret to the verifier).
	ErrSignatureMismatch = sentinel("webhook: signature does not match")
)
