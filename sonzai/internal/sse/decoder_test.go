package sse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// ev is the comparable form of an Event used by the tests.
type ev struct {
	Type  string
	ID    string
	Data  string
	Retry time.Duration
}

func (e ev) String() string {
	return fmt.Sprintf("{Type:%q ID:%q Data:%q Retry:%v}", e.Type, e.ID, e.Data, e.Retry)
}

type conformanceCase struct {
	name string
	in   string
	want []ev
}

const ms = time.Millisecond

// conformanceCases follow the WHATWG HTML "Interpreting an event stream"
// algorithm. Every case is decoded through several reader shapes (see
// readModes), and the reference decoder in this file must agree too.
var conformanceCases = []conformanceCase{
	// Line endings.
	{"lf", "data: a\n\ndata: b\n\n", []ev{{Data: "a"}, {Data: "b"}}},
	{"crlf", "data: a\r\n\r\ndata: b\r\n\r\n", []ev{{Data: "a"}, {Data: "b"}}},
	{"cr", "data: a\r\rdata: b\r\r", []ev{{Data: "a"}, {Data: "b"}}},
	{"mixed", "data: a\r\ndata: b\n\rdata: c\r\r\ndata: d\n\r\nid: 1\rdata: e\r\n\n",
		[]ev{{Data: "a\nb"}, {Data: "c"}, {Data: "d"}, {ID: "1", Data: "e"}}},
	{"lf-then-cr-blank-line", "data: a\n\rdata: b\n\r", []ev{{Data: "a"}, {Data: "b"}}},
	{"crlf-then-cr-blank-line", "data: a\r\n\rdata: b\r\n\r", []ev{{Data: "a"}, {Data: "b"}}},
	{"cr-then-crlf-blank-line", "data: a\r\r\ndata: b\r\r\n", []ev{{Data: "a"}, {Data: "b"}}},
	{"crlf-then-lf-blank-line", "data: a\r\n\ndata: b\r\n\n", []ev{{Data: "a"}, {Data: "b"}}},
	{"lf-then-crlf-blank-line", "data: a\n\r\n\ndata: b\n\r\n", []ev{{Data: "a"}, {Data: "b"}}},
	{"cr-lf-is-one-ending", "data: a\r\ndata: b\r\n\r\n", []ev{{Data: "a\nb"}}},
	{"lf-cr-is-two-endings", "data: a\n\rdata: b\n\n", []ev{{Data: "a"}, {Data: "b"}}},

	// Comments.
	{"comments", ": hello\ndata: a\n: mid\ndata: b\n:\n\n", []ev{{Data: "a\nb"}}},
	{"comment-only-stream", ": ping\n\n: ping\n\n:\n\n", nil},
	{"comment-looks-like-field", ":data: x\n\n", nil},

	// data.
	{"multi-line-data", "data: a\ndata: b\ndata: c\n\n", []ev{{Data: "a\nb\nc"}}},
	{"data-no-space", "data:x\n\n", []ev{{Data: "x"}}},
	{"data-one-space", "data: x\n\n", []ev{{Data: "x"}}},
	{"data-two-spaces", "data:  x\n\n", []ev{{Data: " x"}}},
	{"data-trailing-space", "data: x \n\n", []ev{{Data: "x "}}},
	{"data-tab-kept", "data:\tx\n\n", []ev{{Data: "\tx"}}},
	{"data-colon-in-value", "data: a: b\n\n", []ev{{Data: "a: b"}}},
	{"empty-data-colon", "data:\n\n", []ev{{Data: ""}}},
	{"empty-data-space", "data: \n\n", []ev{{Data: ""}}},
	{"data-without-colon", "data\n\n", []ev{{Data: ""}}},
	{"two-empty-data-lines", "data\ndata\n\n", []ev{{Data: "\n"}}},
	{"empty-data-around-value", "data:\ndata: a\ndata:\n\n", []ev{{Data: "\na\n"}}},
	{"done-is-just-data", "data: {\"x\":1}\n\ndata: [DONE]\n\n", []ev{{Data: `{"x":1}`}, {Data: "[DONE]"}}},
	{"nul-in-data", "data: a\x00b\n\n", []ev{{Data: "a\x00b"}}},
	{"invalid-utf8-passed-through", "data: \xff\xfe\n\n", []ev{{Data: "\xff\xfe"}}},
	{"openai-deltas",
		"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"index\":0}]}\n\n" +
			"data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"index\":0}]}\n\n" +
			"data: [DONE]\n\n",
		[]ev{
			{Data: `{"choices":[{"delta":{"content":"Hel"},"index":0}]}`},
			{Data: `{"choices":[{"delta":{"content":"lo"},"index":0}]}`},
			{Data: "[DONE]"},
		}},

	// Field lines without a colon.
	{"field-without-colon-clears-event", "event: foo\nevent\ndata: x\n\n", []ev{{Data: "x"}}},
	{"whitespace-only-line-is-unknown-field", " \n\ndata: a\n\n", []ev{{Data: "a"}}},

	// event.
	{"event-type", "event: update\ndata: x\n\ndata: y\n\n", []ev{{Type: "update", Data: "x"}, {Data: "y"}}},
	{"event-no-space", "event:update\ndata: x\n\n", []ev{{Type: "update", Data: "x"}}},
	{"event-last-wins", "event: a\nevent: b\ndata: x\n\n", []ev{{Type: "b", Data: "x"}}},
	{"event-after-data", "data: x\nevent: late\n\n", []ev{{Type: "late", Data: "x"}}},
	{"event-reset-by-empty-block", "event: ping\n\ndata: x\n\n", []ev{{Data: "x"}}},
	{"anthropic-style",
		"event: message_start\ndata: {\"type\":\"message_start\"}\n\n" +
			"event: ping\ndata: {\"type\": \"ping\"}\n\n" +
			"event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n",
		[]ev{
			{Type: "message_start", Data: `{"type":"message_start"}`},
			{Type: "ping", Data: `{"type": "ping"}`},
			{Type: "content_block_delta", Data: `{"type":"content_block_delta"}`},
		}},

	// id.
	{"id-persists", "id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n",
		[]ev{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}, {ID: "2", Data: "c"}, {ID: "", Data: "d"}}},
	{"id-set-by-block-without-data", "id: 7\n\ndata: a\n\n", []ev{{ID: "7", Data: "a"}}},
	{"id-with-nul-ignored", "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", []ev{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}}},
	{"id-empty-value-clears", "id: 5\ndata: a\n\nid:\ndata: b\n\n", []ev{{ID: "5", Data: "a"}, {ID: "", Data: "b"}}},
	{"id-after-data", "data: a\nid: 3\n\n", []ev{{ID: "3", Data: "a"}}},
	{"id-last-wins", "id: 1\nid: 2\ndata: a\n\n", []ev{{ID: "2", Data: "a"}}},

	// retry.
	{"retry-valid", "retry: 1500\ndata: a\n\ndata: b\n\n", []ev{{Retry: 1500 * ms, Data: "a"}, {Data: "b"}}},
	{"retry-no-space", "retry:20\ndata: a\n\n", []ev{{Retry: 20 * ms, Data: "a"}}},
	{"retry-invalid",
		"retry: 15x0\ndata: a\n\nretry: -1\ndata: b\n\nretry:  100\ndata: c\n\n" +
			"retry:\ndata: d\n\nretry: 1.5\ndata: e\n\nretry: abc\ndata: f\n\nretry\ndata: g\n\n",
		[]ev{{Data: "a"}, {Data: "b"}, {Data: "c"}, {Data: "d"}, {Data: "e"}, {Data: "f"}, {Data: "g"}}},
	{"retry-last-valid-wins", "retry: 100\nretry: abc\ndata: a\n\n", []ev{{Retry: 100 * ms, Data: "a"}}},
	{"retry-zero", "retry: 0\ndata: a\n\n", []ev{{Data: "a"}}},
	{"retry-huge-saturates", "retry: 99999999999999999999999\ndata: a\n\n", []ev{{Retry: time.Duration(math.MaxInt64), Data: "a"}}},
	{"retry-not-carried-over-empty-block", "retry: 100\n\ndata: a\n\n", []ev{{Data: "a"}}},

	// Unknown fields.
	{"unknown-fields-ignored", "foo: bar\nDATA: x\nData: y\n data: z\ndata : w\ndata: a\n\n", []ev{{Data: "a"}}},
	{"unknown-only-block", "foo: bar\n\ndata: a\n\n", []ev{{Data: "a"}}},

	// Byte order mark.
	{"bom", "\xEF\xBB\xBFdata: a\n\n", []ev{{Data: "a"}}},
	{"bom-only", "\xEF\xBB\xBF", nil},
	{"bom-then-blank-line", "\xEF\xBB\xBF\ndata: a\n\n", []ev{{Data: "a"}}},
	{"bom-in-data-kept", "data: \xEF\xBB\xBFa\n\n", []ev{{Data: "\uFEFFa"}}},
	{"second-bom-is-not-stripped", "\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\ndata: b\n\n", []ev{{Data: "b"}}},
	{"bom-after-first-event-kept", "data: a\n\n\xEF\xBB\xBFdata: b\n\n", []ev{{Data: "a"}}},
	{"partial-bom-kept", "\xEF\xBBdata: a\n\ndata: b\n\n", []ev{{Data: "b"}}},

	// Dispatch rules.
	{"empty-stream", "", nil},
	{"blank-lines-only", "\n\n\r\n\r\r\n", nil},
	{"final-event-without-newline-discarded", "data: a\n\ndata: b", []ev{{Data: "a"}}},
	{"final-event-with-one-lf-discarded", "data: a\n\ndata: b\n", []ev{{Data: "a"}}},
	{"final-event-with-one-cr-discarded", "data: a\n\ndata: b\r", []ev{{Data: "a"}}},
	{"final-event-with-one-crlf-discarded", "data: a\r\n\r\ndata: b\r\n", []ev{{Data: "a"}}},
	{"final-multi-line-event-discarded", "data: a\n\nevent: x\ndata: b\ndata: c\n", []ev{{Data: "a"}}},
	{"only-partial-event", "data: a", nil},
}

// readMode feeds an input to the decoder through a particular reader shape.
type readMode struct {
	name string
	r    io.Reader
}

// twoReads returns in[:k] and in[k:] in two separate Read calls.
func twoReads(in []byte, k int) io.Reader {
	return io.MultiReader(bytes.NewReader(in[:k]), bytes.NewReader(in[k:]))
}

// chunkReader returns at most n bytes per Read, like a network connection.
type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := min(len(p), c.n, len(c.data))
	copy(p, c.data[:k])
	c.data = c.data[k:]
	return k, nil
}

// readModes lists the reader shapes every conformance case is run through:
// the whole input at once, one byte per Read, data returned together with
// io.EOF, and (for short inputs) every possible split into two reads.
func readModes(in []byte) []readMode {
	modes := []readMode{
		{"whole", bytes.NewReader(in)},
		{"one-byte", iotest.OneByteReader(bytes.NewReader(in))},
		{"data-with-eof", iotest.DataErrReader(bytes.NewReader(in))},
		{"half", iotest.HalfReader(bytes.NewReader(in))},
	}
	if len(in) <= 512 {
		for k := 1; k < len(in); k++ {
			modes = append(modes, readMode{fmt.Sprintf("split@%d", k), twoReads(in, k)})
		}
	}
	return modes
}

// decodeAll decodes r until an error and returns the events and that error.
func decodeAll(t testing.TB, r io.Reader, opts Options) ([]ev, error) {
	t.Helper()
	d := NewDecoder(r, opts)
	var got []ev
	for {
		e, err := d.Next()
		if err != nil {
			return got, err
		}
		got = append(got, ev{e.Type, e.ID, string(e.Data), e.Retry})
		if len(got) > 1<<20 {
			t.Fatal("decoder produced more than 2^20 events")
		}
	}
}

func sameEvents(a, b []ev) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func diffEvents(got, want []ev) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "got %d events, want %d", len(got), len(want))
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string = "-", "-"
		if i < len(got) {
			g = got[i].String()
		}
		if i < len(want) {
			w = want[i].String()
		}
		mark := " "
		if g != w {
			mark = "!"
		}
		fmt.Fprintf(&sb, "\n %s #%d got %s\n      want %s", mark, i, g, w)
	}
	return sb.String()
}

func TestConformance(t *testing.T) {
	for _, tc := range conformanceCases {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte(tc.in)
			if ref := refDecode(in, 0); !sameEvents(ref.events, tc.want) || ref.err != io.EOF {
				t.Fatalf("reference decoder disagrees with the table (err %v): %s", ref.err, diffEvents(ref.events, tc.want))
			}
			for _, m := range readModes(in) {
				got, err := decodeAll(t, m.r, Options{})
				if err != io.EOF {
					t.Errorf("%s: final error = %v, want io.EOF", m.name, err)
				}
				if !sameEvents(got, tc.want) {
					t.Errorf("%s: %s", m.name, diffEvents(got, tc.want))
				}
				if t.Failed() {
					return // one failing mode is enough detail
				}
			}
		})
	}
}

func TestEOFIsSticky(t *testing.T) {
	d := NewDecoder(strings.NewReader("data: a\n\ndata: b"), Options{})
	if e, err := d.Next(); err != nil || string(e.Data) != "a" {
		t.Fatalf("first Next = %q, %v", e.Data, err)
	}
	for i := 0; i < 3; i++ {
		if _, err := d.Next(); err != io.EOF {
			t.Fatalf("Next #%d after the end = %v, want io.EOF", i+2, err)
		}
	}
}

// guardReader serves the given reads, then records any further Read call.
type guardReader struct {
	reads    [][]byte
	overRead bool
}

func (g *guardReader) Read(p []byte) (int, error) {
	if len(g.reads) == 0 {
		g.overRead = true
		return 0, io.EOF
	}
	n := copy(p, g.reads[0])
	g.reads[0] = g.reads[0][n:]
	if len(g.reads[0]) == 0 {
		g.reads = g.reads[1:]
	}
	return n, nil
}

// A stream is live: an event must be delivered as soon as its blank line has
// arrived, without waiting for (or asking for) more bytes.
func TestDispatchWithoutReadingAhead(t *testing.T) {
	for _, in := range []string{
		"data: a\n\n", "data: a\r\n\r\n", "data: a\r\r", "data: a\n\r",
		"data: a\r\n\r", "data: a\r\r\n", ": c\ndata: a\n\n", "\xEF\xBB\xBFdata: a\n\n",
	} {
		for _, oneByte := range []bool{false, true} {
			g := &guardReader{}
			if oneByte {
				for i := range len(in) {
					g.reads = append(g.reads, []byte{in[i]})
				}
			} else {
				g.reads = [][]byte{[]byte(in)}
			}
			e, err := NewDecoder(g, Options{}).Next()
			if err != nil || string(e.Data) != "a" {
				t.Errorf("%q (one-byte %v): Next = %q, %v; want \"a\"", in, oneByte, e.Data, err)
			}
			if g.overRead {
				t.Errorf("%q (one-byte %v): decoder read past the dispatching blank line", in, oneByte)
			}
		}
	}
}

// errAfterReader returns data (in chunks of at most n bytes), then err.
type errAfterReader struct {
	data     []byte
	n        int
	err      error
	withData bool // return err together with the last bytes
}

func (r *errAfterReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	k := min(len(p), r.n, len(r.data))
	copy(p, r.data[:k])
	r.data = r.data[k:]
	if r.withData && len(r.data) == 0 {
		return k, r.err
	}
	return k, nil
}

func TestReadErrors(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name string
		r    io.Reader
		want []ev
		err  error
	}{
		{"err-reader", iotest.ErrReader(boom), nil, boom},
		{"after-complete-event", &errAfterReader{data: []byte("data: a\n\n"), n: 1 << 20, err: boom}, []ev{{Data: "a"}}, boom},
		{"mid-event", &errAfterReader{data: []byte("data: a\n\ndata: b\n"), n: 1 << 20, err: boom}, []ev{{Data: "a"}}, boom},
		{"mid-line", &errAfterReader{data: []byte("data: a\n\ndata: b"), n: 1, err: boom}, []ev{{Data: "a"}}, boom},
		{"with-last-data", &errAfterReader{data: []byte("data: a\n\ndata: b\n\n"), n: 4, err: boom, withData: true}, []ev{{Data: "a"}, {Data: "b"}}, boom},
		{"after-cr", &errAfterReader{data: []byte("data: a\r\r"), n: 1 << 20, err: boom}, []ev{{Data: "a"}}, boom},
		{"unexpected-eof-not-eof", &errAfterReader{data: []byte("data: a\n\ndata: b"), n: 3, err: io.ErrUnexpectedEOF}, []ev{{Data: "a"}}, io.ErrUnexpectedEOF},
		{"context-canceled-not-eof", &errAfterReader{data: []byte("data: a\n\n"), n: 3, err: context.Canceled}, []ev{{Data: "a"}}, context.Canceled},
		{"deadline-not-eof", &errAfterReader{data: []byte("data: a\n\ndata:"), n: 3, err: context.DeadlineExceeded}, []ev{{Data: "a"}}, context.DeadlineExceeded},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(tc.r, Options{})
			var got []ev
			var err error
			for {
				var e Event
				if e, err = d.Next(); err != nil {
					break
				}
				got = append(got, ev{e.Type, e.ID, string(e.Data), e.Retry})
			}
			if !errors.Is(err, tc.err) || err == io.EOF {
				t.Errorf("error = %v, want %v", err, tc.err)
			}
			if !sameEvents(got, tc.want) {
				t.Errorf("%s", diffEvents(got, tc.want))
			}
			if _, err2 := d.Next(); !errors.Is(err2, tc.err) {
				t.Errorf("Next after the error = %v, want %v again", err2, tc.err)
			}
		})
	}
}

func TestLargeFrameDefaultLimit(t *testing.T) {
	payload := bytes.Repeat([]byte("0123456789abcdef"), (8<<20)/16) // 8 MiB
	var in bytes.Buffer
	in.WriteString("event: big\nid: 9\ndata: ")
	in.Write(payload)
	in.WriteString("\r\n\r\ndata: after\n\n")
	for _, m := range []readMode{
		{"whole", bytes.NewReader(in.Bytes())},
		{"4KiB-chunks", &chunkReader{in.Bytes(), 4 << 10}},
		{"1000B-chunks", &chunkReader{in.Bytes(), 1000}},
	} {
		t.Run(m.name, func(t *testing.T) {
			d := NewDecoder(m.r, Options{})
			e, err := d.Next()
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if e.Type != "big" || e.ID != "9" || e.Retry != 0 || !bytes.Equal(e.Data, payload) {
				t.Fatalf("got Type %q ID %q Retry %v len(Data) %d; want big, 9, 0, %d", e.Type, e.ID, e.Retry, len(e.Data), len(payload))
			}
			e, err = d.Next()
			if err != nil || string(e.Data) != "after" || e.ID != "9" || e.Type != "" {
				t.Fatalf("second event = %+v, %v", e, err)
			}
			if _, err := d.Next(); err != io.EOF {
				t.Fatalf("end = %v, want io.EOF", err)
			}
		})
	}
}

// TestLongLines covers lines longer than any internal buffer, for every
// field kind and line ending, against the reference decoder.
func TestLongLines(t *testing.T) {
	for _, n := range []int{4095, 4096, 4097, 32<<10 - 9, 32<<10 - 8, 32<<10 - 7, 32<<10 - 1, 32 << 10, 32<<10 + 1, 64<<10 - 8, 64<<10 - 7, 100 << 10} {
		for _, field := range []string{"data: ", "data:", "event: ", "id: ", "retry: ", ": ", "foo: ", ""} {
			for _, nl := range []string{"\n", "\r\n", "\r"} {
				fill := "x"
				if field == "retry: " {
					fill = "7"
				}
				var in bytes.Buffer
				in.WriteString("data: first" + nl + nl)
				in.WriteString(field)
				in.WriteString(strings.Repeat(fill, max(0, n-len(field))))
				in.WriteString(nl + "data: tail" + nl + nl + "data: last" + nl + nl)
				ref := refDecode(in.Bytes(), 0)
				modes := []readMode{
					{"whole", bytes.NewReader(in.Bytes())},
					{"7B-chunks", &chunkReader{in.Bytes(), 7}},
				}
				if n <= 33<<10 {
					modes = append(modes, readMode{"one-byte", iotest.OneByteReader(bytes.NewReader(in.Bytes()))})
				}
				for _, m := range modes {
					got, err := decodeAll(t, m.r, Options{})
					if err != io.EOF || !sameEvents(got, ref.events) {
						t.Fatalf("n=%d field=%q nl=%q %s: err %v; %s", n, field, nl, m.name, err, diffEvents(got, ref.events))
					}
				}
			}
		}
	}
}

// TestMaxEventSizeBoundary pins the size accounting: the bytes of all lines of
// a block, not counting line endings, may be at most MaxEventSize.
func TestMaxEventSizeBoundary(t *testing.T) {
	const limit = 1000
	for _, tc := range []struct {
		name string
		in   string
		ok   bool
	}{
		{"one-line-at-limit", "data: " + strings.Repeat("x", limit-6) + "\r\n\r\n", true},
		{"one-line-over-limit", "data: " + strings.Repeat("x", limit-5) + "\n\n", false},
		{"many-lines-at-limit", strings.Repeat("data: 1234\n", limit/10) + "\n", true},
		{"many-lines-over-limit", strings.Repeat("data: 1234\n", limit/10) + "data\n\n", false},
		{"comments-count", strings.Repeat(":234567890\n", limit/10) + "data\n\n", false},
		{"blank-line-resets", strings.Repeat("data: 12345678\n", limit/20) + "\n" + strings.Repeat("data: 12345678\n", limit/20) + "\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, m := range readModes([]byte(tc.in))[:4] {
				got, err := decodeAll(t, m.r, Options{MaxEventSize: limit})
				if tc.ok && (err != io.EOF || len(got) == 0) {
					t.Errorf("%s: %d events, err %v; want success", m.name, len(got), err)
				}
				if !tc.ok && !errors.Is(err, ErrEventTooLarge) {
					t.Errorf("%s: err %v; want ErrEventTooLarge", m.name, err)
				}
			}
		})
	}
}

// countingReader counts the bytes handed out by r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// repeatReader yields prefix once, then unit forever.
type repeatReader struct {
	prefix []byte
	unit   []byte
	off    int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.prefix) > 0 {
			k := copy(p[n:], r.prefix)
			r.prefix = r.prefix[k:]
			n += k
			continue
		}
		k := copy(p[n:], r.unit[r.off:])
		r.off = (r.off + k) % len(r.unit)
		n += k
	}
	return n, nil
}

func TestEventTooLarge(t *testing.T) {
	const limit = 1 << 20
	frame := append(append([]byte("data: ok\n\ndata: "), bytes.Repeat([]byte("y"), 2<<20)...), "\n\n"...)
	for _, m := range []readMode{
		{"2MiB-frame-whole", bytes.NewReader(frame)},
		{"2MiB-frame-4KiB-chunks", &chunkReader{frame, 4 << 10}},
		{"endless-data-line", &repeatReader{prefix: []byte("data: ok\n\ndata: "), unit: []byte("z")}},
		{"endless-data-lines", &repeatReader{prefix: []byte("data: ok\n\n"), unit: []byte("data: 0123456789\n")}},
		{"endless-comment-line", &repeatReader{prefix: []byte("data: ok\n\n:"), unit: []byte("c")}},
		{"endless-unknown-field", &repeatReader{prefix: []byte("data: ok\n\n"), unit: []byte("abcdefgh")}},
		{"endless-crlf-lines", &repeatReader{prefix: []byte("data: ok\r\n\r\n"), unit: []byte("event: x\r\n")}},
	} {
		t.Run(m.name, func(t *testing.T) {
			cr := &countingReader{r: m.r}
			d := NewDecoder(cr, Options{MaxEventSize: limit})
			if e, err := d.Next(); err != nil || string(e.Data) != "ok" {
				t.Fatalf("first event = %q, %v", e.Data, err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			e, err := d.Next()
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrEventTooLarge) {
				t.Fatalf("Next = %d bytes, %v; want ErrEventTooLarge", len(e.Data), err)
			}
			if !strings.Contains(err.Error(), strconv.Itoa(limit)) {
				t.Errorf("error %q does not mention the limit %d", err, limit)
			}
			if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 4*limit {
				t.Errorf("allocated %d bytes while rejecting the event; want < %d (4x the limit)", allocated, 4*limit)
			}
			if cr.n > 2*limit {
				t.Errorf("read %d bytes before rejecting the event; want <= %d", cr.n, 2*limit)
			}
			if elapsed > 2*time.Second {
				t.Errorf("rejecting the event took %v", elapsed)
			}
			if _, err2 := d.Next(); !errors.Is(err2, ErrEventTooLarge) {
				t.Errorf("Next after the error = %v, want ErrEventTooLarge again", err2)
			}
		})
	}
}

// The decoder reuses its buffers: decoding many events must not allocate
// per event.
func TestAllocationsPerEvent(t *testing.T) {
	const events = 1000
	var in bytes.Buffer
	for i := 0; i < events; i++ {
		in.WriteString("event: delta\ndata: {\"choices\":[{\"delta\":{\"content\":\"hello \"},\"index\":0}]}\n\n")
	}
	allocs := testing.AllocsPerRun(20, func() {
		d := NewDecoder(bytes.NewReader(in.Bytes()), Options{})
		n := 0
		for {
			if _, err := d.Next(); err != nil {
				break
			}
			n++
		}
		if n != events {
			t.Fatalf("decoded %d events, want %d", n, events)
		}
	})
	if perEvent := allocs / events; perEvent > 0.05 {
		t.Errorf("%.0f allocations for %d events (%.3f per event); want the buffers to be reused", allocs, events, perEvent)
	}
}

// refResult is the outcome of refDecode.
type refResult struct {
	events []ev
	err    error
}

// refDecode is a deliberately simple, whole-input transcription of the
// standard's algorithm, used as an oracle. limit follows Options.MaxEventSize.
func refDecode(in []byte, limit int) refResult {
	if limit <= 0 {
		limit = 16 << 20
	}
	s := strings.TrimPrefix(string(in), "\uFEFF")
	var (
		res               refResult
		data, typ, lastID string
		retry             time.Duration
		size              int
	)
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' && s[i] != '\r' {
			continue
		}
		line := s[start:i]
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		start = i + 1
		if line == "" {
			if data != "" {
				res.events = append(res.events, ev{typ, lastID, strings.TrimSuffix(data, "\n"), retry})
			}
			data, typ, retry, size = "", "", 0, 0
			continue
		}
		if size += len(line); size > limit {
			res.err = ErrEventTooLarge
			return res
		}
		name, value, found := strings.Cut(line, ":")
		if found {
			value = strings.TrimPrefix(value, " ")
		}
		switch name {
		case "event":
			typ = value
		case "data":
			data += value + "\n"
		case "id":
			if !strings.Contains(value, "\x00") {
				lastID = value
			}
		case "retry":
			if value != "" && strings.Trim(value, "0123456789") == "" {
				n, err := strconv.ParseInt(value, 10, 64)
				if err != nil || n > math.MaxInt64/int64(time.Millisecond) {
					retry = math.MaxInt64
				} else {
					retry = time.Duration(n) * time.Millisecond
				}
			}
		}
	}
	res.err = io.EOF
	return res
}

func FuzzDecoder(f *testing.F) {
	for _, tc := range conformanceCases {
		f.Add([]byte(tc.in), uint16(0))
	}
	f.Add([]byte("data: 0123456789\n\ndata: 0123456789\n\n"), uint16(12))
	f.Add([]byte(": comment\r\ndata: abc\r\n\r\n"), uint16(5))
	f.Fuzz(func(t *testing.T, in []byte, limit uint16) {
		opts := Options{MaxEventSize: int(limit)}
		whole, errWhole := decodeAll(t, bytes.NewReader(in), opts)
		oneByte, errOne := decodeAll(t, iotest.OneByteReader(bytes.NewReader(in)), opts)
		if !sameEvents(whole, oneByte) {
			t.Fatalf("whole vs one-byte reads: %s", diffEvents(oneByte, whole))
		}
		if (errWhole == io.EOF) != (errOne == io.EOF) || errors.Is(errWhole, ErrEventTooLarge) != errors.Is(errOne, ErrEventTooLarge) {
			t.Fatalf("whole read ended with %v, one-byte reads with %v", errWhole, errOne)
		}
		if errWhole != io.EOF && !errors.Is(errWhole, ErrEventTooLarge) {
			t.Fatalf("unexpected error %v", errWhole)
		}
		if len(in) < 32<<10 { // the oracle does not model limits on lines longer than the read buffer
			ref := refDecode(in, opts.MaxEventSize)
			if !sameEvents(whole, ref.events) || errors.Is(errWhole, ErrEventTooLarge) != errors.Is(ref.err, ErrEventTooLarge) {
				t.Fatalf("decoder vs reference (errs %v / %v): %s", errWhole, ref.err, diffEvents(whole, ref.events))
			}
		}
	})
}
