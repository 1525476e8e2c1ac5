# Shared by run-demo.sh and run-tests.sh (sourced, not run): creates .venv with Python 3.11+
# and installs Consortia into it, with the extras in $EXTRAS, unless pyproject.toml is unchanged.
VENV=.venv

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
