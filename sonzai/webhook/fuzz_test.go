package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/webhook"
)

// FuzzVerify checks that whatever the header and body, Verify does not
// panic, reports exactly one reason when it refuses, and accepts only a
// header that holds the independently computed signature of the body.
func FuzzVerify(f *testing.F) {
	ts := now.Unix()
	f.Add([]byte(body), signed(ts, body), int64(0))
	f.Add([]byte(body), "t=1,v1=00", int64(0))
	f.Add([]byte{}, "", int64(7))
	f.Add([]byte("x"), " t=1767225600 , v1="+strings.Repeat("A", 64), int64(-299))
	f.Add([]byte("{}"), "t=0,t=1,v1=", int64(1e12))
	f.Fuzz(func(t *testing.T, b []byte, header string, offset int64) {
		v := verifier(t, secret)
		signedAt, err := v.Verify(b, header)
		if err == nil {
			want := hmacHex(key, signedAt.Unix(), string(b))
			if !strings.Contains(strings.ToLower(header), want) {
				t.Fatalf("accepted %q for body %q without its signature %s", header, b, want)
			}
		} else {
			n := 0
			for _, s := range []error{webhook.ErrMissingSignature, webhook.ErrMalformedSignature, webhook.ErrExpired, webhook.ErrSignatureMismatch} {
				if errors.Is(err, s) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %v matches %d reasons, want 1", err, n)
			}
		}
		// A signature Sign makes within the window always verifies.
		at := now.Add(time.Duration(offset%300) * time.Second)
		if _, err := v.Verify(b, webhook.Sign(secret, at, b)); err != nil {
			t.Fatalf("Sign at %v: %v", at, err)
		}
	})
}

// FuzzHandler sends arbitrary requests to a Handler: it never panics,
// answers only the documented statuses, and calls the function only for a
// body whose signature verifies.
func FuzzHandler(f *testing.F) {
	f.Add("POST", []byte(body), signed(time.Now().Unix(), body))
	f.Add("POST", []byte("not json"), "t=1,v1="+strings.Repeat("0", 64))
	f.Add("GET", []byte{}, "")
	f.Add("POST", []byte(`{"event_type":5}`), "")
	f.Fuzz(func(t *testing.T, method string, b []byte, header string) {
		if !validMethod(method) {
			return
		}
		v, err := webhook.NewVerifier([]string{secret})
		if err != nil {
			t.Fatal(err)
		}
		called := false
		h, err := webhook.NewHandler(v, func(_ context.Context, ev *webhook.Event) error {
			called = true
			if string(ev.Payload) != string(b) {
				t.Fatalf("payload %q, want the raw body %q", ev.Payload, b)
			}
			return nil
		}, webhook.WithMaxBodyBytes(4096), webhook.WithReplayGuard(webhook.NewMemoryReplayGuard(0)))
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(method, "/hook", strings.NewReader(string(b)))
		req.Header.Set(webhook.SignatureHeader, header)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized,
			http.StatusRequestEntityTooLarge, http.StatusMethodNotAllowed:
		default:
			t.Fatalf("status %d", w.Code)
		}
		if called {
			signedAt, err := v.Verify(b, header)
			if err != nil || !strings.Contains(strings.ToLower(header), hmacHex(key, signedAt.Unix(), string(b))) {
				t.Fatalf("function called for an unverified delivery: %v", err)
			}
		}
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", c) {
			return false
		}
	}
	return true
}
