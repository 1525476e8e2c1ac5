#!/usr/bin/env bash
# Try Consortia on this machine: needs only Python 3.11+ (and git to get here).
#
#   ./run-demo.sh                 seed the demo data into data/consortia.sqlite3 and serve it
#   ./run-demo.sh --port 8080     on another port
#   ./run-demo.sh --no-serve      seed only
#
# The first run creates .venv and installs Consortia into it; later runs skip that until
# pyproject.toml changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

EXTRAS=""
# shellcheck source=scripts/bootstrap.sh
. scripts/bootstrap.sh

exec "$VENV/bin/consortia" demo "$@"
