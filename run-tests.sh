#!/usr/bin/env bash
# Run the whole test suite: needs only Python 3.11+ (and Debian's chromium for the browser tests).
#
#   ./run-tests.sh                          everything, on SQLite
#   ./run-tests.sh tests/directory -q       any pytest arguments
#   DATABASE_URL=postgres://... ./run-tests.sh   on PostgreSQL
#
# Like run-demo.sh, the first run creates .venv and installs Consortia with its test tools.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

EXTRAS="test,postgres"
# shellcheck source=scripts/bootstrap.sh
. scripts/bootstrap.sh

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    echo "Note: Debian's chromium is not installed, so the browser tests will be skipped." >&2
    echo "      Install it with: apt-get install chromium   (as root; Playwright never downloads a browser here)" >&2
fi

status=0
"$VENV/bin/pytest" "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "$0: pytest collected no tests, which counts as a failure." >&2
    exit 1
fi
exit "$status"
