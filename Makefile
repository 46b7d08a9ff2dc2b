# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The local demo runs with DEBUG on and needs no configuration. Links in its emails point at the
# port it serves on, unless SITE_URL says otherwise.
DEMO_ENV := DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}

.PHONY: run test lint format migrations-check bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_education
	$(DEMO_ENV) $(PY) manage.py load_demo_care
	$(DEMO_ENV) $(PY) manage.py evaluate_flags
	@echo "Open http://$(HOST):$(PORT) and log in with one of the demo accounts above."
	@# One background worker beside the server (mail, reminders, the daily rules); it stops
	@# when the server stops.
	$(DEMO_ENV) $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test lint migrations-check
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-test
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: $(VENV)/.installed-run
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run

# `make bench QUICK=1`: small inputs and one run of each benchmark (CI checks they still run).
bench: $(VENV)/.installed-test
	$(PY) bench/run.py $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
