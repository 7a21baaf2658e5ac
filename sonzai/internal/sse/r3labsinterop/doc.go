// Package r3labsinterop checks that the SDK's hand-written SSE decoder
// (sonzai/internal/sse) reads every event that an independent producer,
// github.com/r3labs/sse/v2's server, writes.
//
// The design names r3labs/sse/v2 as the project's SSE library. Its reader
// was measured and not used (the reasons are in the decoder's package
// comment); its server is a well-used independent implementation of the
// writing side, so it serves here as a second opinion on the wire format.
// This is a module of its own so that the SDK's go.mod does not carry
// r3labs/sse/v2 and its dependencies.
package r3labsinterop
