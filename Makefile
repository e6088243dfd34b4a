# Dugnad: `make run` sets up and serves the demo; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes (pytest-xdist): one per core, at most 4 (each has its own test database, live
# server and browser); `make test TEST_WORKERS=0` runs the suite in one process.
TEST_WORKERS ?= auto
SCALE ?= as
DEV_ENV := DEBUG=1 DEMO_MODE=1

.PHONY: install run test lint format messages bench-data bench bench-wrk clean

install: $(VENV)/.installed node_modules/.installed
	@$(BIN)/python -m dugnad.core.i18n

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --maxprocesses 4

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract UI strings into each app's catalogue (needs GNU gettext's xgettext).
messages: install
	for app in dugnad/*/; do if [ -d $$app/locale ]; then (cd $$app && DEBUG=1 ../../$(BIN)/python ../../manage.py makemessages -l nb -l nn -l en --no-obsolete); fi; done
	$(BIN)/python -m dugnad.core.i18n --check

bench-data: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m bench.generate --scale $(SCALE) --reset

bench: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m bench.run --scale $(SCALE)

# Hits, misses and the Zipf mix with wrk (Debian's wrk package), issue 15.
bench-wrk: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m bench.wrk_run --scale $(SCALE)

clean:
	rm -rf $(VENV) node_modules var/*.sqlite3*
