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

VENV=.venv
EXTRAS="test,postgres"

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

bootstrap() {
    if [ ! -x "$VENV/bin/python" ]; then
        local python
        if ! python=$(find_python); then
            echo "$0: Consortia needs Python 3.11 or newer; found $(python3 --version 2>&1 || echo 'no python3')." >&2
            exit 1
        fi
        echo "Creating a virtual environment in $VENV with $("$python" --version) ..."
        if ! "$python" -m venv "$VENV"; then
            rm -rf "$VENV"
            echo "$0: could not create $VENV; on Debian or Ubuntu install python3-venv (apt-get install python3-venv)." >&2
            exit 1
        fi
    fi
    if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "$0: $VENV has $("$VENV/bin/python" --version); remove it (rm -rf $VENV) to rebuild it with Python 3.11+." >&2
        exit 1
    fi
    # A stamp per set of extras records the pyproject.toml it was installed from.
    local stamp="$VENV/.consortia-installed-${EXTRAS:-base}" wanted
    wanted=$("$VENV/bin/python" -c \
        'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
    if [ -x "$VENV/bin/consortia" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        return 0
    fi
    echo "Installing Consortia${EXTRAS:+ with [$EXTRAS]} into $VENV (a minute or two the first time) ..."
    rm -f "$VENV"/.consortia-installed-*
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"
    echo "$wanted" >"$stamp"
    # Installing with extras installs the base package too.
    echo "$wanted" >"$VENV/.consortia-installed-base"
}

bootstrap

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
