// Package gen is the low-level Sonzai API client that oapi-codegen
// generates from ../openapi.yaml: request builders, a raw client, response
// parsers, the models, and a net/http server interface used by the fake
// server in sonzai/sonzaitest.
//
// Everything in this directory except this file and the codegen-*.yaml
// configs is generated: never edit it by hand. Change openapi.yaml or a
// config, then run `go generate ./...` from the repository root;
// `make check-generated` fails when the two drift apart.
//
// Most programs should use package sonzai instead, which wraps this client
// with authentication, retries, typed errors, session handles and streaming.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-models.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-client.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-server.yaml ../openapi.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config codegen-spec.yaml ../openapi.yaml
