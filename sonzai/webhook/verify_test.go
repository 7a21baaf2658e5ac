package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// hmacHex computes a v1 signature independently of the package: hex
// HMAC-SHA256 keyed with key over "<t>.<body>".
func hmacHex(key string, t int64, body string) string {
	mac := hmac.New(sha256.New, []byte(key))
	fmt.Fprintf(mac, "%d.%s", t, body)
	return hex.EncodeToString(mac.Sum(nil))
}

const (
	secret    = "whsec_c2VjcmV0LWZvci10ZXN0cw" // as the API returns it
	key       = "c2VjcmV0LWZvci10ZXN0cw"       // what keys the HMAC
	newSecret = "whsec_bmV3LXNlY3JldA"
	newKey    = "bmV3LXNlY3JldA"
	body      = `{"event_type":"on_wakeup_ready","agent_id":"a1"}`
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func verifier(t *testing.T, secrets ...string) *webhook.Verifier {
	t.Helper()
	v, err := webhook.NewVerifier(secrets, webhook.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerifyAcceptsIndependentlyComputedSignatures(t *testing.T) {
	ts := now.Unix()
	header := fmt.Sprintf("t=%d,v1=%s", ts, hmacHex(key, ts, body))
	for name, v := range map[string]*webhook.Verifier{
		"secret with prefix":    verifier(t, secret),
		"secret without prefix": verifier(t, key),
	} {
		signedAt, err := v.Verify([]byte(body), header)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !signedAt.Equal(now) {
			t.Errorf("%s: signed at %v, want %v", name, signedAt, now)
		}
	}
	// Spaces around elements and elements of other schemes are tolerated.
	spaced := fmt.Sprintf(" t=%d , v0=zz , v1=%s ", ts, hmacHex(key, ts, body))
	if _, err := verifier(t, secret).Verify([]byte(body), spaced); err != nil {
		t.Errorf("spaced header with a v0 element: %v", err)
	}
}

func TestSignMatchesTheIndependentComputation(t *testing.T) {
	got := webhook.Sign(secret, now, []byte(body))
	want := fmt.Sprintf("t=%d,v1=%s", now.Unix(), hmacHex(key, now.Unix(), body))
	if got != want {
		t.Fatalf("Sign = %q, want %q", got, want)
	}
}

func TestVerifyDuringRotation(t *testing.T) {
	ts := now.Unix()
	oldSig, newSig := hmacHex(key, ts, body), hmacHex(newKey, ts, body)
	both := verifier(t, secret, newSecret)
	for name, header := range map[string]string{
		"old secret only":         fmt.Sprintf("t=%d,v1=%s", ts, oldSig),
		"new secret only":         fmt.Sprintf("t=%d,v1=%s", ts, newSig),
		"both, old first":         fmt.Sprintf("t=%d,v1=%s,v1=%s", ts, oldSig, newSig),
		"both, unknown key first": fmt.Sprintf("t=%d,v1=%s,v1=%s", ts, hmacHex("other", ts, body), newSig),
	} {
		if _, err := both.Verify([]byte(body), header); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A verifier that has only the new secret refuses the old signature.
	_, err := verifier(t, newSecret).Verify([]byte(body), fmt.Sprintf("t=%d,v1=%s", ts, oldSig))
	if !errors.Is(err, webhook.ErrSignatureMismatch) {
		t.Fatalf("old signature against the new secret: %v, want ErrSignatureMismatch", err)
	}
}

func TestVerifyTimeWindow(t *testing.T) {
	v := verifier(t, secret)
	tol := webhook.DefaultTolerance
	for _, c := range []struct {
		offset time.Duration
		ok     bool
	}{
		{0, true},
		{-tol, true}, // exactly at the edge
		{-tol + time.Second, true},
		{-tol - time.Second, false},
		{tol, true},
		{tol - time.Second, true},
		{tol + time.Second, false},
		{-24 * time.Hour, false},
		{24 * time.Hour, false},
	} {
		ts := now.Add(c.offset).Unix()
		_, err := v.Verify([]byte(body), fmt.Sprintf("t=%d,v1=%s", ts, hmacHex(key, ts, body)))
		switch {
		case c.ok && err != nil:
			t.Errorf("signed %v from now: %v, want success", c.offset, err)
		case !c.ok && !errors.Is(err, webhook.ErrExpired):
			t.Errorf("signed %v from now: %v, want ErrExpired", c.offset, err)
		}
	}
	// Timestamps far outside any sane range are expired, never accepted
	// through an overflow.
	for _, ts := range []int64{0, 1, 999999999999} {
		_, err := v.Verify([]byte(body), fmt.Sprintf("t=%d,v1=%s", ts, hmacHex(key, ts, body)))
		if !errors.Is(err, webhook.ErrExpired) {
			t.Errorf("t=%d: %v, want ErrExpired", ts, err)
		}
	}
	// A custom tolerance narrows the window.
	narrow, err := webhook.NewVerifier([]string{secret}, webhook.WithTolerance(time.Minute), webhook.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	ts := now.Add(-2 * time.Minute).Unix()
	if _, err := narrow.Verify([]byte(body), fmt.Sprintf("t=%d,v1=%s", ts, hmacHex(key, ts, body))); !errors.Is(err, webhook.ErrExpired) {
		t.Errorf("2 minutes old with a 1 minute tolerance: %v, want ErrExpired", err)
	}
}

func TestVerifyRejectsChangedBodiesAndWrongSecrets(t *testing.T) {
	ts := now.Unix()
	header := fmt.Sprintf("t=%d,v1=%s", ts, hmacHex(key, ts, body))
	v := verifier(t, secret)
	for name, b := range map[string]string{
		"one byte changed": strings.Replace(body, "a1", "a2", 1),
		"byte appended":    body + " ",
		"empty":            "",
		"whitespace added": strings.Replace(body, ",", ", ", 1),
	} {
		if _, err := v.Verify([]byte(b), header); !errors.Is(err, webhook.ErrSignatureMismatch) {
			t.Errorf("%s: %v, want ErrSignatureMismatch", name, err)
		}
	}
	if _, err := verifier(t, "whsec_wrong").Verify([]byte(body), header); !errors.Is(err, webhook.ErrSignatureMismatch) {
		t.Errorf("wrong secret: %v, want ErrSignatureMismatch", err)
	}
	// The timestamp is part of what is signed: moving it breaks the match.
	moved := fmt.Sprintf("t=%d,v1=%s", ts+1, hmacHex(key, ts, body))
	if _, err := v.Verify([]byte(body), moved); !errors.Is(err, webhook.ErrSignatureMismatch) {
		t.Errorf("timestamp changed: %v, want ErrSignatureMismatch", err)
	}
}

func TestVerifyRejectsMalformedHeaders(t *testing.T) {
	ts := now.Unix()
	sig := hmacHex(key, ts, body)
	v := verifier(t, secret)
	if _, err := v.Verify([]byte(body), ""); !errors.Is(err, webhook.ErrMissingSignature) {
		t.Errorf("empty header: %v, want ErrMissingSignature", err)
	}
	if _, err := v.Verify([]byte(body), "   "); !errors.Is(err, webhook.ErrMissingSignature) {
		t.Errorf("blank header: %v, want ErrMissingSignature", err)
	}
	cases := map[string]string{
		"no timestamp":        "v1=" + sig,
		"no signature":        fmt.Sprintf("t=%d", ts),
		"two timestamps":      fmt.Sprintf("t=%d,t=%d,v1=%s", ts, ts, sig),
		"timestamp not digit": "t=abc,v1=" + sig,
		"negative timestamp":  "t=-1,v1=" + sig,
		"plus sign":           fmt.Sprintf("t=+%d,v1=%s", ts, sig),
		"leading zero":        fmt.Sprintf("t=0%d,v1=%s", ts, sig),
		"fraction":            fmt.Sprintf("t=%d.5,v1=%s", ts, sig),
		"huge timestamp":      "t=99999999999999999999999,v1=" + sig,
		"empty timestamp":     "t=,v1=" + sig,
		"short signature":     fmt.Sprintf("t=%d,v1=%s", ts, sig[:63]),
		"non-hex signature":   fmt.Sprintf("t=%d,v1=%s", ts, strings.Repeat("g", 64)),
		"no equals sign":      fmt.Sprintf("t=%d,%s", ts, sig),
		"garbage":             "hello",
		"too many signatures": fmt.Sprintf("t=%d", ts) + strings.Repeat(",v1="+sig, 17),
		"too long":            fmt.Sprintf("t=%d,v1=%s,v0=%s", ts, sig, strings.Repeat("a", 5000)),
	}
	for name, h := range cases {
		_, err := v.Verify([]byte(body), h)
		if !errors.Is(err, webhook.ErrMalformedSignature) {
			t.Errorf("%s: %v, want ErrMalformedSignature", name, err)
			continue
		}
		if len(err.Error()) > 200 {
			t.Errorf("%s: error of %d bytes; header text must be clipped", name, len(err.Error()))
		}
	}
}

func TestErrorsNeverContainTheSecret(t *testing.T) {
	v := verifier(t, secret, newSecret)
	ts := now.Unix()
	for _, h := range []string{
		"", "t=1,v1=" + key, fmt.Sprintf("t=%d,v1=%s", ts, hmacHex("x", ts, body)),
		fmt.Sprintf("t=%d,v1=%s", ts-3600, hmacHex(key, ts-3600, body)), "t=" + key,
	} {
		_, err := v.Verify([]byte(body), h)
		if err == nil {
			t.Fatalf("header %q verified", h)
		}
		for _, s := range []string{key, newKey} {
			if strings.Contains(err.Error(), s) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), s) {
				t.Errorf("error for %q shows a secret: %v", h, err)
			}
		}
	}
}

func TestNewVerifierRefusesUnusableSettings(t *testing.T) {
	for name, f := range map[string]func() (*webhook.Verifier, error){
		"no secrets":   func() (*webhook.Verifier, error) { return webhook.NewVerifier(nil) },
		"empty secret": func() (*webhook.Verifier, error) { return webhook.NewVerifier([]string{secret, ""}) },
		"prefix only":  func() (*webhook.Verifier, error) { return webhook.NewVerifier([]string{"whsec_"}) },
		"zero tolerance": func() (*webhook.Verifier, error) {
			return webhook.NewVerifier([]string{secret}, webhook.WithTolerance(0))
		},
		"negative tolerance": func() (*webhook.Verifier, error) {
			return webhook.NewVerifier([]string{secret}, webhook.WithTolerance(-time.Second))
		},
		"nil clock": func() (*webhook.Verifier, error) {
			return webhook.NewVerifier([]string{secret}, webhook.WithClock(nil))
		},
	} {
		if v, err := f(); err == nil || v != nil {
			t.Errorf("%s: got %v, %v; want an error", name, v, err)
		}
	}
}
