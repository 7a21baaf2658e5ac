#!/usr/bin/env bash
# sync-check.sh: fail when openapi.yaml or docs/dashboard-only.md is not
# exactly what `make sync-contract` produces from SERVER_SPEC (default: the
# reference copy at ../shared) and openapi.overlay.yaml. Prints where the
# files first differ. Writes nothing.
set -euo pipefail
exec bash "$(dirname "$0")/sync-contract.sh" -check
