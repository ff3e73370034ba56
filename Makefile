# Weerbaar Bestuur portal. Quickstart: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
# The first Python 3.12+ found: on PATH, or installed by pyenv but not activated.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3); do \
	if command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# The browser tests' JavaScript tools (axe-core, pinned in package-lock.json), from the npm registry.
NODE_STAMP := node_modules/.installed-$(shell sha1sum package-lock.json | cut -c1-12)

.PHONY: run test lint typecheck lint-imports install messages check-python clean bench

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 / python3.13 on PATH)."; exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	@rm -f $(VENV)/.installed-* && touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (axe-core): apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-* && touch $@

install: $(STAMP) $(NODE_STAMP)

# The portal with demo data on SQLite; tasks run in-process; mail is printed to the console.
run: $(STAMP)
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo $(if $(DEMO_PASSWORD),--password "$(DEMO_PASSWORD)")
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Every test. DATABASE_URL and REDIS_URL select PostgreSQL and Redis (default: SQLite, eager).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Seed PostgreSQL (database weerbaar_bench on 127.0.0.1:5432, user postgres) at each scale, serve
# with gunicorn and measure the main pages; see docs/performance.md. Not part of `make test`.
BENCH_SCALES ?= 1000 100000
BENCH_REQUESTS ?= 200
BENCH_CONCURRENCY ?= 2
bench: install
	$(BIN)/python bench/run.py --scales $(BENCH_SCALES) --requests $(BENCH_REQUESTS) --concurrency $(BENCH_CONCURRENCY)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs over the typed apps ([tool.mypy] in pyproject.toml).
typecheck: install
	$(BIN)/mypy

# The layers of the apps ([tool.importlinter] in pyproject.toml): a lower app never imports a higher.
lint-imports: install
	$(BIN)/lint-imports

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=node_modules
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) node_modules var/static
