#!/usr/bin/env bash
# Prepare the local site and serve it: `make run` (after bootstrap and apt runtime deps).
#
# Keeps data between runs: migrations and the demo loader are idempotent, and the SQLite
# database, uploads and the generated secret key live in var/ (never committed).
# Environment: HOST (127.0.0.1), PORT (8000), WORKERS (2 processes), THREADS (4 per process:
# requests mostly wait on the database, and the machine has few cores). Any HUUNGHI_* or
# DATABASE_URL variable is passed through to the settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WORKERS="${WORKERS:-2}"
THREADS="${THREADS:-4}"
PY=.venv/bin/python

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

port_is_free() {
    "$PY" - "$HOST" "$PORT" <<'PYCODE'
import socket, sys
with socket.socket() as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind((sys.argv[1], int(sys.argv[2])))
    except OSError:
        sys.exit(1)
PYCODE
}

secret_key() {
    mkdir -p var
    if [ ! -s var/secret_key ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret_key)
        echo "generated var/secret_key"
    fi
    HUUNGHI_SECRET_KEY="$(cat var/secret_key)"
    export HUUNGHI_SECRET_KEY
}

prepare() {
    if compgen -G "huunghi/locale/*/LC_MESSAGES/*.po" >/dev/null; then
        say "compiling translations"
        "$PY" manage.py compilemessages -v0 --ignore=.venv --ignore=.tools --ignore=node_modules
    fi
    say "applying migrations"
    "$PY" manage.py migrate --noinput -v0
    say "collecting static files"
    "$PY" manage.py collectstatic --noinput -v0
    say "loading reference and demo data"
    "$PY" manage.py setup_demo
}

serve() {
    # Background tasks (report generation, imports) run in a separate worker process.
    "$PY" manage.py db_worker --queue-name '*' --no-reload -v0 &
    local worker=$!
    trap 'kill "$worker" 2>/dev/null || true' EXIT
    say "Hữu Nghị is running at http://$HOST:$PORT/  (Ctrl+C to stop)"
    .venv/bin/granian --interface wsgi --host "$HOST" --port "$PORT" \
        --workers "$WORKERS" --blocking-threads "$THREADS" --workers-kill-timeout 10 \
        --no-ws --log-level warning huunghi.wsgi:application
}

main() {
    if ! port_is_free; then
        echo "run.sh: $HOST:$PORT is already in use; choose another with: make run PORT=8001" >&2
        exit 1
    fi
    secret_key
    prepare
    serve
}

main "$@"
