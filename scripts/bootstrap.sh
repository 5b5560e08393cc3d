#!/usr/bin/env bash
# Create the project's virtual environment (.venv) from uv.lock, with a pinned uv.
#
# 1. Find a real Python 3.12 (HUUNGHI_PYTHON, python3.12 on PATH, or a pyenv/system copy;
#    a pyenv shim that fails is skipped).
# 2. Install uv $UV_VERSION into .tools/ (a private venv) unless it is already there.
# 3. `uv sync --frozen` into .venv, skipped when uv.lock and pyproject.toml have not
#    changed since the last successful sync.
#
# Prints nothing when everything is already in place.
set -euo pipefail

UV_VERSION=0.13.8
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

is_py312() {
    [ -n "$1" ] && [ -x "$1" ] &&
        [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "3.12" ]
}

find_python() {
    local candidate
    for candidate in \
        "${HUUNGHI_PYTHON:-}" \
        "$(command -v python3.12 2>/dev/null || true)" \
        /usr/local/bin/python3.12 /usr/bin/python3.12 \
        "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3.12 \
        /root/.pyenv/versions/3.12*/bin/python3.12 \
        /opt/python*/bin/python3.12; do
        if is_py312 "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    echo "bootstrap: no working Python 3.12 found; set HUUNGHI_PYTHON=/path/to/python3.12" >&2
    return 1
}

ensure_uv() {
    local py="$1"
    if [ -x .tools/bin/uv ] && [ "$(.tools/bin/uv --version 2>/dev/null | cut -d" " -f2)" = "$UV_VERSION" ]; then
        return 0
    fi
    echo "bootstrap: installing uv $UV_VERSION into .tools/"
    if ! is_py312 .tools/bin/python; then
        rm -rf .tools
        "$py" -m venv .tools
    fi
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
}

lock_stamp() {
    cat uv.lock pyproject.toml "$1" | sha256sum | cut -d' ' -f1
}

ensure_venv() {
    local py="$1" stamp_file=.venv/.huunghi-sync-stamp stamp
    stamp="$(lock_stamp <(echo "$py $UV_VERSION"))"
    if is_py312 .venv/bin/python && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
        return 0
    fi
    echo "bootstrap: syncing .venv from uv.lock"
    UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --quiet --python "$py"
    echo "$stamp" >"$stamp_file"
}

main() {
    local py
    py="$(find_python)"
    ensure_uv "$py"
    ensure_venv "$py"
}

main "$@"
