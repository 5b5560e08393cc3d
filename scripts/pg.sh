#!/usr/bin/env bash
# A project-local PostgreSQL server for development and tests.
#
# Usage: scripts/pg.sh start|stop|status|url
#        scripts/pg.sh standby start|stop|kill|status|url|pause|resume|drop
#   start   initialise var/pg if needed, start the server on 127.0.0.1 only, create the
#           role and database, then print DATABASE_URL on stdout (messages go to stderr)
#   stop    stop the server (and its standby) if it is running
#   status  exit 0 when the server is running
#   url     print DATABASE_URL
#   standby start   a hot standby of the running server on 127.0.0.1 (streaming
#                   replication, made by pg_basebackup -R into $PGDIR/standby unless it
#                   exists), then print its URL (HUUNGHI_REPLICA_URL)
#   standby stop|kill   stop it cleanly, or crash it (immediate shutdown, as a failed host)
#   standby pause|resume   pause or resume WAL replay (tests of replication lag)
#   standby drop    stop it and delete its data directory
#
# Environment: HUUNGHI_PG_PORT (default 54329), HUUNGHI_PG_STANDBY_PORT (default: the
# primary's port + 1), HUUNGHI_PG_STANDBY_NAME (its directory in $PGDIR, default
# standby; tests use their own), HUUNGHI_PG_DIR (default var/pg, or a directory in /var/tmp when
# the `postgres` user cannot reach var/), PG_BINDIR (default: newest
# /usr/lib/postgresql/*/bin).
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
STANDBY_PORT="${HUUNGHI_PG_STANDBY_PORT:-$((PORT + 1))}"
STANDBY_NAME="${HUUNGHI_PG_STANDBY_NAME:-standby}"
STANDBY_DATA="$PGDIR/$STANDBY_NAME"
STANDBY_LOG="$PGDIR/$STANDBY_NAME.log"
REPL_USER=huunghi_replica
REPL_PASSWORD=huunghi_replica
# Streaming replication (scripts/pg.sh standby); later lines win over earlier ones, so a
# cluster initialised with wal_level = minimal gets these on its next start.
REPLICATION_CONF="# Replication for scripts/pg.sh standby
wal_level = replica
max_wal_senders = 5
wal_keep_size = '256MB'
hot_standby = on"

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
shared_buffers = '256MB'
work_mem = '16MB'
# Test queries are short; compiling them with JIT costs more than it saves.
jit = off
max_connections = 100
CONF
}

# ensure_replication_conf: the primary can feed a standby (effective from its next start).
ensure_replication_conf() {
    grep -q "^# Replication for scripts/pg.sh standby" "$DATA/postgresql.conf" && return 0
    printf '\n%s\n' "$REPLICATION_CONF" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
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
        ensure_replication_conf
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
    standby_stop
    if is_running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        say "stopped"
    fi
}

standby_url() {
    echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$STANDBY_PORT/$DB_NAME"
}

standby_running() {
    [ -f "$STANDBY_DATA/PG_VERSION" ] \
        && as_owner "$BINDIR/pg_ctl" -D "$STANDBY_DATA" status >/dev/null 2>&1
}

psql_standby() {
    as_owner "$BINDIR/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$STANDBY_PORT" \
        -U postgres -d postgres "$@"
}

# standby_create: copy the running primary with pg_basebackup (-R: standby.signal and
# primary_conninfo), as the replication role over 127.0.0.1.
standby_create() {
    [ -f "$STANDBY_DATA/PG_VERSION" ] && return 0
    if [ "$(echo "SHOW wal_level" | psql_admin -t -A)" = "minimal" ]; then
        say "the primary runs with wal_level = minimal; restart it: $0 stop && $0 start"
        return 1
    fi
    psql_admin >/dev/null <<SQL
SELECT 'CREATE ROLE $REPL_USER LOGIN REPLICATION PASSWORD ''$REPL_PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPL_USER') \gexec
SQL
    say "copying the primary into $STANDBY_DATA"
    as_owner env PGPASSWORD="$REPL_PASSWORD" "$BINDIR/pg_basebackup" -D "$STANDBY_DATA" -R \
        -X stream -c fast -h 127.0.0.1 -p "$PORT" -U "$REPL_USER" >"$PGDIR/$STANDBY_NAME-basebackup.log" 2>&1 || {
        cat "$PGDIR/$STANDBY_NAME-basebackup.log" >&2
        as_owner rm -rf "$STANDBY_DATA"
        return 1
    }
    as_owner tee -a "$STANDBY_DATA/postgresql.auto.conf" >/dev/null <<CONF
port = $STANDBY_PORT
hot_standby = on
hot_standby_feedback = on
CONF
}

standby_start() {
    if ! is_running; then
        say "the primary is not running; start it first: $0 start"
        return 1
    fi
    standby_create
    if ! standby_running; then
        say "starting the standby on 127.0.0.1:$STANDBY_PORT"
        [ "$(id -u)" -ne 0 ] || { touch "$STANDBY_LOG"; chown postgres: "$STANDBY_LOG"; }
        as_owner "$BINDIR/pg_ctl" -D "$STANDBY_DATA" -l "$STANDBY_LOG" -w -t 60 \
            -o "-p $STANDBY_PORT" start >/dev/null || {
            say "standby start failed; last lines of $STANDBY_LOG:"
            tail -n 20 "$STANDBY_LOG" >&2
            return 1
        }
    fi
    standby_url
}

standby_stop() {
    local mode="${1:-fast}"
    if standby_running; then
        as_owner "$BINDIR/pg_ctl" -D "$STANDBY_DATA" -m "$mode" -w stop >/dev/null
        say "standby stopped ($mode)"
    fi
}

standby() {
    case "${1:-}" in
        start) standby_start ;;
        stop) standby_stop fast ;;
        kill) standby_stop immediate ;;
        status) standby_running ;;
        url) standby_url ;;
        pause) psql_standby -c "SELECT pg_wal_replay_pause()" >/dev/null ;;
        resume) psql_standby -c "SELECT pg_wal_replay_resume()" >/dev/null ;;
        drop) standby_stop fast && as_owner rm -rf "$STANDBY_DATA" ;;
        *) echo "usage: $0 standby start|stop|kill|status|url|pause|resume|drop" >&2; exit 2 ;;
    esac
}

BINDIR="$(find_bindir)"
case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) is_running ;;
    url) url ;;
    standby) standby "${2:-}" ;;
    *) echo "usage: $0 start|stop|status|url|standby …" >&2; exit 2 ;;
esac
