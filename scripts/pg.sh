#!/usr/bin/env bash
# A project-local PostgreSQL server for development and tests.
#
# Usage: scripts/pg.sh start|stop|status|url
#   start   initialise var/pg if needed, start the server on 127.0.0.1 only, create the
#           role and database, then print DATABASE_URL on stdout (messages go to stderr)
#   stop    stop the server if it is running
#   status  exit 0 when the server is running
#   url     print DATABASE_URL
#
# Environment: HUUNGHI_PG_PORT (default 54329), HUUNGHI_PG_DIR (default var/pg, or a
# directory in /var/tmp when the `postgres` user cannot reach var/),
# PG_BINDIR (default: newest /usr/lib/postgresql/*/bin).
#
# Uses Debian's postgresql package (scripts/install-apt.sh pg). As root, the cluster is
# owned and run by the `postgres` system user, since PostgreSQL refuses to run as root.
# Durability is traded for speed (fsync off): this cluster holds throw-away dev/test data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${HUUNGHI_PG_PORT:-54329}"
PGDIR="${HUUNGHI_PG_DIR:-$ROOT/var/pg}"
# As root the cluster belongs to `postgres`, which must be able to reach var/: a checkout
# under a closed directory (a home directory, say) gets a directory of its own in /var/tmp.
if [ -z "${HUUNGHI_PG_DIR:-}" ] && [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$ROOT/var"
    if ! runuser -u postgres -- test -x "$ROOT/var"; then
        PGDIR="/var/tmp/huunghi-pg-$(echo "$ROOT" | sha256sum | cut -c1-12)"
    fi
fi
DATA="$PGDIR/data"
SOCKDIR="$PGDIR/run"
LOG="$PGDIR/server.log"
DB_NAME=huunghi
DB_USER=huunghi
DB_PASSWORD=huunghi

say() { echo "pg.sh: $*" >&2; }

find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return 0
    fi
    local dir
    dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
        say "PostgreSQL server not found; run scripts/install-apt.sh pg"
        return 1
    fi
    echo "$dir"
}

# Run a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@") # from /, since postgres may not enter $PWD
    else
        "$@"
    fi
}

url() {
    echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"
}

is_running() {
    [ -f "$DATA/PG_VERSION" ] && as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

init_cluster() {
    [ -f "$DATA/PG_VERSION" ] && return 0
    say "initialising $DATA"
    mkdir -p "$PGDIR"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$PGDIR"
        if ! runuser -u postgres -- test -w "$PGDIR"; then
            say "user postgres cannot write $PGDIR; set HUUNGHI_PG_DIR to a directory it can reach"
            return 1
        fi
    fi
    as_owner mkdir -p "$DATA" "$SOCKDIR"
    as_owner "$BINDIR/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$PGDIR/initdb.log" 2>&1 || {
        cat "$PGDIR/initdb.log" >&2
        return 1
    }
    as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<CONF

# Hữu Nghị development/test cluster (scripts/pg.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKDIR'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
shared_buffers = '256MB'
work_mem = '16MB'
# Test queries are short; compiling them with JIT costs more than it saves.
jit = off
max_connections = 100
CONF
}

psql_admin() {
    as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$PORT" -U postgres -d postgres
}

ensure_role_and_db() {
    psql_admin >/dev/null <<SQL
SELECT 'CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD ''$DB_PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') \gexec
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
}

start() {
    init_cluster
    if ! is_running; then
        say "starting PostgreSQL on 127.0.0.1:$PORT"
        as_owner mkdir -p "$SOCKDIR"
        [ "$(id -u)" -ne 0 ] || { touch "$LOG"; chown postgres: "$LOG"; }
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 -o "-p $PORT" start >/dev/null || {
            say "start failed; last lines of $LOG:"
            tail -n 20 "$LOG" >&2
            return 1
        }
    fi
    ensure_role_and_db
    url
}

stop() {
    if is_running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        say "stopped"
    fi
}

BINDIR="$(find_bindir)"
case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) is_running ;;
    url) url ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
