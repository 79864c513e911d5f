# Golden Thread: the two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint security format bench loadtest lock worker clean

## install: create .venv and install the pinned Python and front-end packages (only when changed)
install: $(VENV)/.install-stamp node_modules/.npm-stamp

$(VENV)/.install-stamp: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.npm-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## run: install, migrate, seed the demo council when the database is empty, and serve it
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver $(HOST):$(PORT)

## test: install and run every test, tier by tier (docs/testing.md), printing each tier's time
TEST_TIERS ?= unit,pdf,services,browser,faults
TEST_WORKERS ?= auto
test: install
	$(PY) -m tests.tiers --tiers $(TEST_TIERS) --workers $(TEST_WORKERS) $(PYTEST_ARGS)

## lint: ruff, the layers' import contracts (import-linter, pyproject.toml) and the type check
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

## security: static security checks (bandit) over the product code
security: install
	$(BIN)/bandit -q -c pyproject.toml -r config core plans indicators actions finance reporting dashboards people api devtools

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: time, queries and peak memory per page and report (PostgreSQL when it answers), with their floors
bench: install
	$(MANAGE) bench $(BENCH_ARGS)

## loadtest: deadline-day load on 127.0.0.1 (threaded gunicorn + PostgreSQL), p95 with and without sign-in, then a database check
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/golden_thread_load
loadtest: install
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(MANAGE) loadtest $(LOADTEST_ARGS)

## worker: a Celery worker (needs CELERY_BROKER_URL)
worker: install
	$(BIN)/celery -A config worker --loglevel=info

## lock: re-pin requirements.lock from pyproject.toml in a scratch environment
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"] + p["optional-dependencies"]["dev"]))')
	{ echo '# Exact versions installed by `make install` (pip freeze of a tested environment).'; \
	  echo '# Regenerate after changing pyproject.toml: make lock'; \
	  .lock-venv/bin/pip freeze; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
