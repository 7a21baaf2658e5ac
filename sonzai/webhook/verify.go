package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader is the header that carries a delivery's signature.
const SignatureHeader = "Sonzai-Signature"

// DefaultTolerance is how far a signature's timestamp may be from the
// receiver's clock, either way, unless WithTolerance says otherwise.
const DefaultTolerance = 5 * time.Minute

// secretPrefix is stripped from a signing secret before it keys the HMAC:
// the server keys it with the part after the prefix.
const secretPrefix = "whsec_"

// Limits on what a header may make the verifier do. A real header holds one
// timestamp and one or two signatures, about 150 bytes.
const (
	maxHeaderLen     = 4096
	maxSignatures    = 16
	maxTimestampLen  = 12 // digits: up to the year 33658, far from overflow
	signatureHexSize = 2 * sha256.Size
)

// Verifier checks Sonzai-Signature headers. It is safe for concurrent use.
type Verifier struct {
	keys      [][]byte
	tolerance time.Duration
	now       func() time.Time
}

// VerifierOption configures a Verifier.
type VerifierOption func(*Verifier) error

// WithTolerance sets how far a signature's timestamp may be from now, in
// the past or the future; the default is DefaultTolerance. It must be
// positive: a check without a time window would accept a delivery captured
// and replayed at any later time.
func WithTolerance(d time.Duration) VerifierOption {
	return func(v *Verifier) error {
		if d <= 0 {
			return fmt.Errorf("webhook: tolerance must be positive, got %v", d)
		}
		v.tolerance = d
		return nil
	}
}

// WithClock replaces time.Now as the verifier's clock, for tests.
func WithClock(now func() time.Time) VerifierOption {
	return func(v *Verifier) error {
		if now == nil {
			return errors.New("webhook: WithClock needs a clock function, got nil")
		}
		v.now = now
		return nil
	}
}

// NewVerifier returns a Verifier that accepts a signature made with any of
// secrets: pass the old and the new secret while a rotation is under way.
// Each secret is the signing_secret the API returned, with or without its
// "whsec_" prefix. An empty secret, or one that is only the prefix, is an
// error, as is an empty list.
func NewVerifier(secrets []string, opts ...VerifierOption) (*Verifier, error) {
	if len(secrets) == 0 {
		return nil, errors.New("webhook: NewVerifier needs at least one signing secret")
	}
	v := &Verifier{tolerance: DefaultTolerance, now: time.Now}
	for i, s := range secrets {
		key := strings.TrimPrefix(s, secretPrefix)
		if key == "" {
			return nil, fmt.Errorf("webhook: signing secret %d is empty; pass the signing_secret that registering the webhook returned", i)
		}
		v.keys = append(v.keys, []byte(key))
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// Verify checks that header (the Sonzai-Signature value) signs body, the
// request body exactly as received, and that it was made within the
// tolerance of now. It returns the time of signing. The error matches one of
// ErrMissingSignature, ErrMalformedSignature, ErrExpired and
// ErrSignatureMismatch; it never contains a secret.
func (v *Verifier) Verify(body []byte, header string) (time.Time, error) {
	sig, err := parseHeader(header)
	if err != nil {
		return time.Time{}, err
	}
	signedAt := time.Unix(sig.timestamp, 0)
	now := v.now()
	// Compared as times, not as a difference: a Duration saturates, and the
	// negation of the most negative one is itself.
	if signedAt.Before(now.Add(-v.tolerance)) || signedAt.After(now.Add(v.tolerance)) {
		return signedAt, fmt.Errorf("%w: signed at %s, receiver's clock at %s (tolerance %s)",
			ErrExpired, signedAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), v.tolerance)
	}
	for _, key := range v.keys {
		want := sign(key, sig.rawTimestamp, body)
		for _, got := range sig.v1 {
			if hmac.Equal(got, want) {
				return signedAt, nil
			}
		}
	}
	return signedAt, ErrSignatureMismatch
}

// Sign returns a Sonzai-Signature header value for body, signed with secret
// at time t, in the form the API sends. Use it to test your own receiver; a
// Verifier holding the same secret accepts it within its tolerance of t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(sign([]byte(strings.TrimPrefix(secret, secretPrefix)), ts, body))
}

// sign is HMAC-SHA256(key, timestamp + "." + body).
func sign(key []byte, timestamp string, body []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return mac.Sum(nil)
}

// signature is a parsed Sonzai-Signature header.
type signature struct {
	rawTimestamp string // the digits as sent: they are what was signed
	timestamp    int64
	v1           [][]byte // decoded signatures
}

// parseHeader parses "t=<digits>,v1=<hex>[,v1=<hex>…]". Elements are
// separated by commas and may be surrounded by spaces; elements of other
// schemes (v0=…, for instance) are skipped, so that a sender may add one
// later. Exactly one t and at least one well-formed v1 are required. Errors
// describe what is wrong without quoting the header.
func parseHeader(h string) (signature, error) {
	var s signature
	if strings.TrimSpace(h) == "" {
		return s, ErrMissingSignature
	}
	if len(h) > maxHeaderLen {
		return s, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformedSignature, len(h), maxHeaderLen)
	}
	seenT := false
	for part := range strings.SplitSeq(h, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return s, fmt.Errorf("%w: an element is not key=value", ErrMalformedSignature)
		}
		switch key {
		case "t":
			if seenT {
				return s, fmt.Errorf("%w: more than one timestamp", ErrMalformedSignature)
			}
			seenT = true
			ts, err := parseTimestamp(value)
			if err != nil {
				return s, err
			}
			s.rawTimestamp, s.timestamp = value, ts
		case "v1":
			if len(value) != signatureHexSize {
				return s, fmt.Errorf("%w: a v1 signature has %d characters, want %d hex digits", ErrMalformedSignature, len(value), signatureHexSize)
			}
			b, err := hex.DecodeString(value)
			if err != nil {
				return s, fmt.Errorf("%w: a v1 signature is not hex", ErrMalformedSignature)
			}
			if len(s.v1) == maxSignatures {
				return s, fmt.Errorf("%w: more than %d signatures", ErrMalformedSignature, maxSignatures)
			}
			s.v1 = append(s.v1, b)
		}
	}
	if !seenT {
		return s, fmt.Errorf("%w: no t= timestamp", ErrMalformedSignature)
	}
	if len(s.v1) == 0 {
		return s, fmt.Errorf("%w: no v1= signature", ErrMalformedSignature)
	}
	return s, nil
}

// parseTimestamp accepts decimal Unix seconds: digits only, no sign, no
// leading zero, at most maxTimestampLen digits.
func parseTimestamp(v string) (int64, error) {
	bad := func(why string) error {
		return fmt.Errorf("%w: the timestamp %s", ErrMalformedSignature, why)
	}
	if v == "" {
		return 0, bad("is empty")
	}
	if len(v) > maxTimestampLen {
		return 0, bad("is too long")
	}
	if len(v) > 1 && v[0] == '0' {
		return 0, bad("has a leading zero")
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, bad("is not decimal seconds")
		}
	}
	ts, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, bad("is out of range")
	}
	return ts, nil
}
