// Package contract holds the tests that check openapi.yaml itself: that it
// is a valid OpenAPI 3.1 document, that it covers exactly the operations the
// SDK promises, and that the embedded copy in gen/spec is the same contract.
// It has no code of its own.
package contract
