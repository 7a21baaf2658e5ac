#!/usr/bin/env bash
# contract-drift.sh: compare openapi.yaml with the server's published spec.
# SERVER_SPEC is a file path or an https URL; by default the reference copy
# that sits beside the repository at ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${SERVER_SPEC:-../shared/reference/sonzai-openapi.json}
# Always rebuild: cached, so instant when unchanged, and never a stale checker.
mkdir -p .bin
go -C scripts build -o ../.bin/ ./contractdrift
case "$spec" in
  http://*|https://*) ;;
  *) if [ ! -f "$spec" ]; then
       echo "contract-drift: no server spec at $spec; set SERVER_SPEC to a file or an https URL" >&2
       exit 2
     fi ;;
esac
exec ./.bin/contractdrift -ours openapi.yaml -server "$spec" -allow scripts/contractdrift/allowlist.yaml \
  -overlay openapi.overlay.yaml
