#!/usr/bin/env bash
# lint.sh: gofmt, go vet, staticcheck and actionlint. Generated code (gen/)
# is left out of gofmt and staticcheck; it is never left out of the drift
# check (check-generated.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .bin/staticcheck ] && [ -x .bin/actionlint ] || bash scripts/tools.sh staticcheck actionlint >/dev/null

unformatted=$(gofmt -l $(git ls-files -co --exclude-standard -- '*.go' | grep -v '^gen/') || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
(cd scripts && go vet ./...)
(cd sonzai/internal/sse/r3labsinterop && go vet ./...)
./.bin/staticcheck $(go list ./... | grep -v -e '/gen$' -e '/gen/')
./.bin/actionlint .github/workflows/*.yml
echo "lint: clean"
