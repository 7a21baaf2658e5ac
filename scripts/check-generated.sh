#!/usr/bin/env bash
# check-generated.sh: fail when gen/ is not exactly what `go generate` makes
# from openapi.yaml and the configs in gen/.
#
# It copies the generator's inputs (go.mod, go.sum, tools.go, openapi.yaml,
# gen/generate.go, gen/codegen-*.yaml, gen/codegen-*.tmpl) into a scratch
# module, runs `go generate ./gen/` there, and compares the result with the
# working tree.
# Reported: generated files that differ (stale, or edited by hand), files
# that are missing, and files in gen/ that the generator does not produce.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

mkdir -p "$scratch/gen"
cp "$root/go.mod" "$root/go.sum" "$root/tools.go" "$root/openapi.yaml" "$scratch/"
cp "$root/gen/generate.go" "$root"/gen/codegen-*.yaml "$root"/gen/codegen-*.tmpl "$scratch/gen/"

if ! (cd "$scratch" && go generate ./gen/ >"$scratch/generate.log" 2>&1); then
  echo "check-generated: go generate failed in a scratch copy:" >&2
  cat "$scratch/generate.log" >&2
  exit 1
fi
rm -f "$scratch/generate.log"

list() { (cd "$1" && find gen -type f | LC_ALL=C sort); }
problems=0

while IFS= read -r f; do
  if [ ! -e "$root/$f" ]; then
    echo "MISSING  $f: the generator makes it, but it is not in the tree (run: go generate ./...)"
    problems=1
  elif ! cmp -s "$scratch/$f" "$root/$f"; then
    echo "CHANGED  $f: differs from what openapi.yaml generates (stale, or edited by hand)"
    # Show the start of the difference; the full diff can be long.
    diff -u --label "generated/$f" --label "tree/$f" "$scratch/$f" "$root/$f" >"$scratch/.diff" || true
    head -n 30 "$scratch/.diff" | sed 's/^/    /'
    rm -f "$scratch/.diff"
    problems=1
  fi
done < <(list "$scratch")

while IFS= read -r f; do
  if [ ! -e "$scratch/$f" ]; then
    echo "EXTRA    $f: the generator does not make it; gen/ holds generated code only"
    problems=1
  fi
done < <(list "$root")

if [ "$problems" -ne 0 ]; then
  echo "check-generated: gen/ has drifted from openapi.yaml. Fix the contract or the config, then run 'go generate ./...'." >&2
  exit 1
fi
echo "check-generated: gen/ matches openapi.yaml"
