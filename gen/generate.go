// Package gen is the low-level Sonzai API client that oapi-codegen
// generates from ../openapi.yaml: the models (one type per schema), request
// builders, and the typed ClientWithResponses that sonzai.Client.Raw
// returns, wired through the SDK's pipeline. Subpackages hold the
// operation table (gen/ops), the embedded contract (gen/spec) and the
// server side of the operations the fake in sonzai/sonzaitest implements
// (gen/fakeserver).
//
// Everything in this directory except this file, the codegen-*.yaml
// configs and codegen-client.tmpl (our replacement for oapi-codegen's
// client template; its header says why) is generated: never edit it by
// hand. Change openapi.yaml, a config or the template, then run `go generate ./...` from the repository root;
// `make check-generated` fails when the two drift apart.
//
// Most programs should use package sonzai instead, which wraps this client
// with authentication, retries, typed errors, session handles and streaming.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-models.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-client.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-ops.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-fakeserver.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-spec.yaml ../openapi.yaml
