package sonzai

import "fmt"

// DefaultMaxResponseBytes bounds a successful response body, counted after
// decompression (32 MiB). See WithMaxResponseBytes.
const DefaultMaxResponseBytes = 32 << 20

// ErrResponseTooLarge matches a successful (2xx) response whose body,
// decompressed, is longer than WithMaxResponseBytes allows. The call is not
// retried: the same request would get the same answer.
const ErrResponseTooLarge = sentinel("sonzai: response body too large")

// WithMaxResponseBytes bounds the body of a successful response, counted
// after gzip decompression (default DefaultMaxResponseBytes, 32 MiB). A
// longer body ends the call with an error matching ErrResponseTooLarge; the
// SDK stops reading at the limit, drops the connection and does not retry.
// It does not apply to chat streams, whose events are bounded one by one by
// WithMaxEventSize, nor to error bodies, of which at most 64 KiB is read.
func WithMaxResponseBytes(n int64) Option {
	return func(s *settings) {
		if n <= 0 {
			s.fail(invalid("WithMaxResponseBytes", fmt.Sprintf("%d is not positive", n)))
			return
		}
		s.maxResponseBytes = n
	}
}
