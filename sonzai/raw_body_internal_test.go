package sonzai

import (
	"io"
	"testing"
)

// The generated parser takes a Raw body's bytes through ReplyBody: it gets
// what a Read would still deliver, and the body is then at its end.
func TestRawBodyHandsOverTheUnreadRest(t *testing.T) {
	var r rawBody
	if err := r.decodeBody([]byte(`{"ok":true}`)); err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 3)
	if _, err := io.ReadFull(&r, head); err != nil {
		t.Fatal(err)
	}
	if got := string(r.ReplyBody()); got != `k":true}` {
		t.Fatalf("ReplyBody after reading %q = %q, want the rest", head, got)
	}
	if n, err := r.Read(make([]byte, 8)); n != 0 || err != io.EOF {
		t.Fatalf("Read after ReplyBody = %d, %v; want 0, EOF", n, err)
	}
	if got := r.ReplyBody(); len(got) != 0 {
		t.Fatalf("second ReplyBody = %q, want nothing", got)
	}
}

// An empty body is handed over as an empty, non-nil slice, as io.ReadAll
// gave it to the generated parsers.
func TestRawBodyHandsOverAnEmptyBodyAsNonNil(t *testing.T) {
	var r rawBody
	if err := r.decodeBody(nil); err != nil {
		t.Fatal(err)
	}
	if got := r.ReplyBody(); got == nil || len(got) != 0 {
		t.Fatalf("ReplyBody of an empty body = %#v, want an empty non-nil slice", got)
	}
}
