#!/usr/bin/env bash
# tools.sh: build the developer tools pinned in scripts/go.mod into .bin/.
# Go caches the build, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bin
# With arguments, only the tools named (CI builds the three it runs:
# building govulncheck and benchstat from source costs it a minute cold).
declare -A pkg=(
  [staticcheck]=honnef.co/go/tools/cmd/staticcheck
  [actionlint]=github.com/rhysd/actionlint/cmd/actionlint
  [govulncheck]=golang.org/x/vuln/cmd/govulncheck
  [benchstat]=golang.org/x/perf/cmd/benchstat
  [contractdrift]=./contractdrift
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(staticcheck actionlint govulncheck benchstat contractdrift)
pkgs=()
for n in "${names[@]}"; do
  [ -n "${pkg[$n]:-}" ] || { echo "tools.sh: unknown tool $n (known: ${!pkg[*]})" >&2; exit 2; }
  pkgs+=("${pkg[$n]}")
done
go -C scripts build -o ../.bin/ "${pkgs[@]}"
echo "tools: $(ls .bin | tr '\n' ' ')"
