#!/usr/bin/env bash
# Install the Debian packages Hữu Nghị needs, and only those that are missing.
#
# Usage: scripts/install-apt.sh [group ...]      (default: runtime)
#   runtime  fonts and WeasyPrint's libraries, gettext (make run, make messages)
#   pg       PostgreSQL server (scripts/pg.sh)
#   browser  Debian Chromium for the Playwright browser tests
#   pdf      poppler-utils (pdftoppm/pdftotext, used by report tests)
#   bench    wrk (HTTP load generator for make bench's load test, bench/load.py)
#   test     runtime + pg + browser + pdf (make test, CI)
#   all      everything above
#
# Idempotent: when every package is already installed it only runs dpkg-query.
# Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail

group_packages() {
    case "$1" in
        runtime) echo "fonts-noto-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext" ;;
        pg) echo "postgresql" ;;
        browser) echo "chromium" ;;
        pdf) echo "poppler-utils" ;;
        bench) echo "wrk" ;;
        test | all) for g in runtime pg browser pdf; do group_packages "$g"; done ;;
        *) echo "install-apt.sh: unknown group '$1' (runtime, pg, browser, pdf, bench, test, all)" >&2; return 2 ;;
    esac
}

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

main() {
    local groups=("$@") wanted=() missing=() pkg
    [ ${#groups[@]} -gt 0 ] || groups=(runtime)
    for g in "${groups[@]}"; do
        read -r -a wanted <<<"$(group_packages "$g" | tr '\n' ' ')"
        for pkg in "${wanted[@]}"; do
            if ! is_installed "$pkg" && [[ " ${missing[*]-} " != *" $pkg "* ]]; then
                missing+=("$pkg")
            fi
        done
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-apt.sh: apt-get not found; install these yourself: ${missing[*]}" >&2
        return 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "install-apt.sh: not root and no sudo; install these yourself: ${missing[*]}" >&2
            return 1
        fi
    fi
    echo "install-apt.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    local log
    log="$(mktemp)"
    if "${sudo[@]}" apt-get update -qq >"$log" 2>&1 &&
        "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        rm -f "$log"
        echo "install-apt.sh: done"
    else
        cat "$log" >&2
        rm -f "$log"
        echo "install-apt.sh: apt-get failed" >&2
        return 1
    fi
}

main "$@"
