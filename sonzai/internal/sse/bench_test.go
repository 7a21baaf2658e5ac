package sse

import (
	"bufio"
	"bytes"
	"io"
	"testing"
)

const (
	deltaEvents = 10000
	deltaLine   = "data: {\"choices\":[{\"delta\":{\"content\":\"hello \"},\"index\":0}]}\n\n"
)

// deltasInput is a chat-completion style stream of small events.
func deltasInput() []byte {
	return bytes.Repeat([]byte(deltaLine), deltaEvents)
}

// largeFrameInput is one event whose single data line is 8 MiB.
func largeFrameInput() ([]byte, int) {
	const size = 8 << 20
	in := make([]byte, 0, size+16)
	in = append(in, "data: "...)
	in = append(in, bytes.Repeat([]byte("abcdefghijklmnop"), size/16)...)
	in = append(in, "\n\n"...)
	return in, size
}

// decodeCount decodes r to the end and returns the number of events.
func decodeCount(b *testing.B, r io.Reader) int {
	d := NewDecoder(r, Options{})
	n := 0
	for {
		if _, err := d.Next(); err != nil {
			if err != io.EOF {
				b.Fatal(err)
			}
			return n
		}
		n++
	}
}

func reportEvents(b *testing.B, perOp int) {
	b.ReportMetric(float64(perOp)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func benchDeltas(b *testing.B, reader func([]byte) io.Reader) {
	in := deltasInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if n := decodeCount(b, reader(in)); n != deltaEvents {
			b.Fatalf("decoded %d events, want %d", n, deltaEvents)
		}
	}
	reportEvents(b, deltaEvents)
}

func benchLargeFrame(b *testing.B, reader func([]byte) io.Reader) {
	in, size := largeFrameInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d := NewDecoder(reader(in), Options{})
		e, err := d.Next()
		if err != nil || len(e.Data) != size {
			b.Fatalf("Next = %d bytes, %v", len(e.Data), err)
		}
	}
	reportEvents(b, 1)
}

func wholeReader(in []byte) io.Reader { return bytes.NewReader(in) }

// BenchmarkDecodeDeltas decodes 10,000 small JSON delta events per op.
func BenchmarkDecodeDeltas(b *testing.B) { benchDeltas(b, wholeReader) }

// BenchmarkDecodeDeltasSmallReads is the same stream delivered 1460 bytes
// (one TCP segment) per Read, as a network body would deliver it.
func BenchmarkDecodeDeltasSmallReads(b *testing.B) {
	benchDeltas(b, func(in []byte) io.Reader { return &chunkReader{in, 1460} })
}

// BenchmarkDecodeLargeFrame decodes one event with an 8 MiB data line.
func BenchmarkDecodeLargeFrame(b *testing.B) { benchLargeFrame(b, wholeReader) }

// BenchmarkDecodeLargeFrameSmallReads is the 8 MiB event delivered 16 KiB
// per Read (a typical TLS record).
func BenchmarkDecodeLargeFrameSmallReads(b *testing.B) {
	benchLargeFrame(b, func(in []byte) io.Reader { return &chunkReader{in, 16 << 10} })
}

// BenchmarkBaselineBufioLines is the floor the decoder is compared with: a
// bufio.Reader line loop over the same stream as BenchmarkDecodeDeltas that
// only understands "data: " lines and LF blank lines (no BOM, CR, comments,
// fields or limits). Like the decoder, it copies each event's data into a
// reused buffer.
func BenchmarkBaselineBufioLines(b *testing.B) {
	in := deltasInput()
	prefix := []byte("data: ")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var data []byte
	for i := 0; i < b.N; i++ {
		br := bufio.NewReaderSize(bytes.NewReader(in), 32<<10)
		n, pending := 0, false
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				break
			}
			if len(line) == 1 {
				if pending {
					n++
					pending = false
					data = data[:0]
				}
				continue
			}
			if bytes.HasPrefix(line, prefix) {
				data = append(data, line[len(prefix):len(line)-1]...)
				pending = true
			}
		}
		if n != deltaEvents {
			b.Fatalf("counted %d events, want %d", n, deltaEvents)
		}
	}
	reportEvents(b, deltaEvents)
}
