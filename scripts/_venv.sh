# Shared by scripts/test and scripts/demo: make .venv and install pinned dependencies.
VENV="${STORYTRACE_VENV:-.venv}"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"

ensure_venv() {
    local extras="${1:-}"
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -c 'import sys; assert sys.version_info >= (3, 11), "storytrace needs Python 3.11+"'
    local target="."
    [ -n "$extras" ] && target=".[$extras]"
    # The lock file pins every transitive dependency; pyproject pins the direct ones.
    "$VENV/bin/python" -m pip install -qq --disable-pip-version-check \
        -c requirements.lock -e "$target"
}
