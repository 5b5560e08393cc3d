# Hữu Nghị: build, run and test. `make help` lists the targets.
# Everything a fresh clone needs is installed by these targets (scripts/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
LANGS := vi km en

.PHONY: help bootstrap apt-runtime apt-test run test lint fmt test-sqlite test-pg \
	pg-start pg-stop bench vendor messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

bootstrap: ## Create .venv from uv.lock with a pinned uv (fast when done)
	@scripts/bootstrap.sh

apt-runtime:
	@scripts/install-apt.sh runtime

apt-test:
	@scripts/install-apt.sh test

run: bootstrap apt-runtime ## Migrate, load demo data and serve on http://$(HOST):$(PORT)/
	@HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/run.sh

test: bootstrap apt-test ## Lint, then pytest on SQLite and on PostgreSQL
	@scripts/test.sh all

lint: bootstrap ## ruff check, ruff format --check, mypy
	@scripts/test.sh lint

fmt: bootstrap ## Apply ruff's formatter and safe lint fixes
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix --quiet . || true

test-sqlite: bootstrap ## pytest on SQLite only
	@scripts/test.sh sqlite

test-pg: bootstrap ## pytest on PostgreSQL only (started by scripts/pg.sh)
	@scripts/install-apt.sh pg
	@scripts/test.sh pg

pg-start: ## Start the project-local PostgreSQL and print its DATABASE_URL
	@scripts/install-apt.sh pg
	@scripts/pg.sh start

pg-stop: ## Stop the project-local PostgreSQL
	@scripts/pg.sh stop

bench: bootstrap ## Run the benchmarks (python -m bench)
	@if [ -f bench/__init__.py ] || [ -f bench/__main__.py ]; then \
		$(PY) -m bench $(BENCH_ARGS); \
	else \
		echo "make bench: there is no bench/ package yet; nothing to run"; \
	fi

vendor: ## Re-copy the pinned front-end files from node_modules (needs npm)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@scripts/vendor.sh

messages: bootstrap apt-runtime ## Update and compile translations (vi, km, en)
	@mkdir -p huunghi/locale
	PY=$(PY) LANGS="$(LANGS)" scripts/messages.sh
