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

supervise_worker() {
    # Background tasks (report generation, imports) run in a separate worker process,
    # restarted whenever it dies (after a pause that grows while it keeps dying at once).
    # The worker beats a heartbeat file and fails jobs whose process died (run_worker).
    local pause=1 started child
    trap 'kill "$child" 2>/dev/null; exit 0' TERM INT
    while true; do
        started=$SECONDS
        "$PY" manage.py run_worker -v0 &
        child=$!
        wait "$child" || true
        if ((SECONDS - started > 60)); then pause=1; else pause=$((pause < 30 ? pause * 2 : 30)); fi
        echo "run.sh: the task worker stopped; restarting it in ${pause} s" >&2
        sleep "$pause"
    done
}

serve() {
    supervise_worker &
    local supervisor=$!
    trap 'kill "$supervisor" 2>/dev/null || true' EXIT
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
