#!/usr/bin/env bash
# vuln.sh: govulncheck over the SDK and the scripts module. It needs the Go
# vulnerability database (vuln.go.dev, or GOVULNDB); where that cannot be
# reached it says so and exits 3 instead of hanging or passing silently.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .bin/govulncheck ] || bash scripts/tools.sh govulncheck >/dev/null
db=${GOVULNDB:-https://vuln.go.dev}
case "$db" in
  http://*|https://*)
    if ! go -C scripts run ./reach "$db/index/db.json"; then
      echo "vuln: the vulnerability database at $db cannot be reached from this machine; nothing was checked." >&2
      echo "vuln: run 'make vuln' where it can be reached (the GitHub workflow does), or set GOVULNDB to a local copy (file://...)." >&2
      exit 3
    fi ;;
esac
./.bin/govulncheck -db "$db" ./...
(cd scripts && ../.bin/govulncheck -db "$db" ./...)
