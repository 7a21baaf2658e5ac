# Developer entry points. `make ci` runs everything CI runs.
SERVER_SPEC ?= ../shared/reference/sonzai-openapi.json
export SERVER_SPEC

.PHONY: all generate check-generated contract-drift sync-contract sync-check lint test race ci tools vuln bench fuzz

all: ci

## generate: regenerate gen/ from openapi.yaml
generate:
	go generate ./...

## check-generated: fail if gen/ is not what openapi.yaml generates
check-generated:
	bash scripts/check-generated.sh

## contract-drift: fail if openapi.yaml disagrees with the server's spec (SERVER_SPEC=path or https URL)
contract-drift:
	bash scripts/contract-drift.sh

## sync-contract: rebuild openapi.yaml from the server's spec (SERVER_SPEC=path or https URL) and openapi.overlay.yaml
sync-contract:
	bash scripts/sync-contract.sh

## sync-check: fail if openapi.yaml is not what sync-contract produces (SERVER_SPEC as above)
sync-check:
	bash scripts/sync-check.sh

## tools: build the pinned developer tools into .bin/
tools:
	bash scripts/tools.sh

## lint: gofmt, go vet, staticcheck and actionlint (generated code excluded)
lint:
	bash scripts/lint.sh

## test: the unit tests (the README's command)
test:
	go test ./...

## race: the unit tests under the race detector
race:
	go test -race -count=1 ./...

## ci: everything CI runs
ci:
	bash scripts/ci.sh

## vuln: govulncheck against the Go vulnerability database (needs network access to it)
vuln:
	bash scripts/vuln.sh

## fuzz: every fuzz target for FUZZTIME each (default 5s), e.g. make fuzz FUZZTIME=5m
fuzz:
	bash scripts/fuzz.sh

## bench: the SDK against a minimal net/http client, 6 interleaved rounds; prints the table of medians and targets
bench:
	bash bench/run.sh
