#!/usr/bin/env bash
# sync-contract.sh: rebuild openapi.yaml (and docs/dashboard-only.md) from
# the server's published spec and our overlay, openapi.overlay.yaml.
# SERVER_SPEC is a file path or an https URL; by default the reference copy
# that sits beside the repository at ../shared. Extra arguments go to the
# tool: sync-check.sh passes -check. See docs/contract.md.
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${SERVER_SPEC:-../shared/reference/sonzai-openapi.json}
case "$spec" in
  https://*) ;;
  *) if [ ! -f "$spec" ]; then
       echo "sync-contract: no server spec at $spec; set SERVER_SPEC to a file or an https URL" >&2
       exit 2
     fi ;;
esac
# Always rebuild: cached, so instant when unchanged, and never a stale tool.
mkdir -p .bin
go -C scripts build -o ../.bin/ ./synccontract
exec ./.bin/synccontract -server "$spec" -overlay openapi.overlay.yaml \
  -out openapi.yaml -dashboard-only docs/dashboard-only.md "$@"
