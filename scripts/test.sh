#!/usr/bin/env bash
# The project's checks: `make test` (all), `make lint`, `make test-sqlite`, `make test-pg`.
#
# Usage: scripts/test.sh [all|lint|sqlite|pg]
#   lint    ruff check, ruff format --check, layer contracts, mypy
#   sqlite  pytest on SQLite (the default database)
#   pg      pytest on PostgreSQL started by scripts/pg.sh (or HUUNGHI_TEST_PG_URL)
#   all     the three above; every stage runs even when an earlier one failed, and the
#           exit status is non-zero when any failed
# Environment: PYTEST_N (xdist workers, default 2; 0 runs in one process),
# PYTEST_ARGS (extra pytest arguments, e.g. "-k scope").
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
VENV=.venv/bin
PYTEST_N="${PYTEST_N:-2}"
FAILED=()
COUNTS="$(mktemp)"
trap 'rm -f "$COUNTS"' EXIT

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# stage NAME COMMAND...: run a command, time it, remember a failure.
stage() {
    local name="$1" start status
    shift
    say "$name"
    start=$SECONDS
    "$@"
    status=$?
    if [ "$status" -eq 0 ]; then
        echo "    $name: ok ($((SECONDS - start))s)"
    else
        echo "    $name: FAILED with status $status ($((SECONDS - start))s)"
        FAILED+=("$name")
    fi
    return 0
}

lint() {
    local status=0
    "$VENV/ruff" check --quiet --output-format concise . || status=1
    "$VENV/ruff" format --check --quiet --output-format concise . || status=1
    "$VENV/python" scripts/check_layers.py || status=1
    # django-stubs imports the settings, which need a secret key outside DEBUG.
    HUUNGHI_SECRET_KEY="${HUUNGHI_SECRET_KEY:-lint-only-secret-key}" \
        "$VENV/mypy" --no-error-summary || status=1
    return "$status"
}

# run_pytest: pytest with xdist; exit status 5 (no tests collected) counts as success.
run_pytest() {
    local args=(-q -rfE --tb=short)
    [ "$PYTEST_N" = "0" ] || args+=(-n "$PYTEST_N" --dist worksteal)
    # shellcheck disable=SC2206  # PYTEST_ARGS is deliberately split into words
    args+=(${PYTEST_ARGS:-})
    local log status
    log="$(mktemp)"
    "$VENV/python" -m pytest "${args[@]}" | tee "$log"
    status=${PIPESTATUS[0]}
    tail -n 1 "$log" >>"$COUNTS"
    rm -f "$log"
    if [ "$status" -eq 5 ]; then
        echo "    (no tests collected)"
        return 0
    fi
    return "$status"
}

pytest_sqlite() {
    (unset DATABASE_URL && run_pytest)
}

pytest_pg() {
    local url="${HUUNGHI_TEST_PG_URL:-}" started=0 status
    if [ -z "$url" ]; then
        scripts/pg.sh status || started=1
        url="$(scripts/pg.sh start)" || return 1
    fi
    DATABASE_URL="$url" run_pytest
    status=$?
    [ "$started" -eq 0 ] || scripts/pg.sh stop
    return "$status"
}

# total: one closing line adding up every pytest run ("N passed, N failed, N skipped").
total() {
    local passed=0 failed=0 skipped=0 n word
    while read -r n word; do
        case "$word" in
            passed) passed=$((passed + n)) ;;
            failed | error | errors) failed=$((failed + n)) ;;
            skipped) skipped=$((skipped + n)) ;;
        esac
    done < <(grep -oE '[0-9]+ (passed|failed|errors?|skipped)' "$COUNTS")
    [ -s "$COUNTS" ] && echo "total: $passed passed, $failed failed, $skipped skipped"
    return 0
}

# compile_messages: the tests check translated pages, so the catalogues are compiled first.
compile_messages() {
    HUUNGHI_DEBUG=1 "$VENV/python" manage.py compilemessages -v0 \
        --ignore=.venv --ignore=.tools --ignore=node_modules
}

main() {
    local what="${1:-all}"
    [ "$what" = "lint" ] || compile_messages || FAILED+=("compilemessages")
    case "$what" in
        lint) stage "lint (ruff, mypy)" lint ;;
        sqlite) stage "pytest on SQLite" pytest_sqlite ;;
        pg) stage "pytest on PostgreSQL" pytest_pg ;;
        all)
            stage "lint (ruff, mypy)" lint
            stage "pytest on SQLite" pytest_sqlite
            stage "pytest on PostgreSQL" pytest_pg
            ;;
        *) echo "usage: $0 [all|lint|sqlite|pg]" >&2; exit 2 ;;
    esac
    total
    if [ ${#FAILED[@]} -gt 0 ]; then
        echo "FAILED: ${FAILED[*]}"
        exit 1
    fi
}

main "$@"
