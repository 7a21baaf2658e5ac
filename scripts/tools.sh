#!/usr/bin/env bash
# tools.sh: build the developer tools pinned in scripts/go.mod into .bin/.
# Go caches the build, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bin
go -C scripts build -o ../.bin/ \
  honnef.co/go/tools/cmd/staticcheck \
  github.com/rhysd/actionlint/cmd/actionlint \
  golang.org/x/vuln/cmd/govulncheck \
  golang.org/x/perf/cmd/benchstat \
  ./contractdrift
echo "tools: $(ls .bin | tr '\n' ' ')"
