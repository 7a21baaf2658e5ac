#!/usr/bin/env bash
# ci.sh: every check the project's CI runs, in the order a failure is
# cheapest to find. `make ci` and .ci/run both run it; it needs only Go
# (and a C compiler for the race detector, which is skipped without one).
#
#   SERVER_SPEC  the server's published spec for the sync-check and
#                contract-drift checks: a file path or an https URL
#                (default: ../shared/reference/sonzai-openapi.json)
#   SKIP_UNIT=1  skip the plain `go test ./...` run (.ci/run runs it itself)
set -euo pipefail
cd "$(dirname "$0")/.."

# step names the next check and how long the one before it took.
start=$SECONDS last=
step() {
  [ -z "$last" ] || printf '(%ds)\n' $((SECONDS - last))
  printf '\n==> %s\n' "$*"
  last=$SECONDS
}

step "tools (pinned in scripts/go.mod)"
bash scripts/tools.sh staticcheck actionlint contractdrift

step "lint: gofmt, go vet, staticcheck, actionlint"
bash scripts/lint.sh

step "sync-check: openapi.yaml is what make sync-contract produces"
bash scripts/sync-check.sh

step "check-generated"
bash scripts/check-generated.sh

step "contract-drift"
bash scripts/contract-drift.sh

if [ "${SKIP_UNIT:-0}" != 1 ]; then
  step "go test ./..."
  go test -timeout 5m ./...
fi

step "go test -race ./..."
if CGO_ENABLED=1 go env CC >/dev/null 2>&1 && command -v "$(go env CC)" >/dev/null 2>&1; then
  go test -race -count=1 -timeout 5m ./...
else
  echo "skipped: the race detector needs a C compiler ($(go env CC)) and none is installed"
fi

step "fuzz smoke (3s per target)"
FUZZTIME=3s bash scripts/fuzz.sh

step "scripts module tests"
(cd scripts && go test ./...)

step "SSE interop: our decoder reads what r3labs/sse/v2's server writes (own module)"
(cd sonzai/internal/sse/r3labsinterop && go test -race -count=1 ./...)

printf '(%ds)\n\n' $((SECONDS - last))
echo "ci: all checks passed in $((SECONDS - start))s"
