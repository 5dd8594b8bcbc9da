# Everyday commands for the ODI site. `make` (or `make help`) lists them.
# Every command runs the tools from .venv/bin, so nothing needs the venv activated.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Parallel test processes (pytest-xdist): one per CPU and one more, as the browser tests and the
# tests that start processes spend much of their time waiting; TEST_WORKERS=0 runs in this process.
# loadgroup: the browser suite is two units of work (tests/browser/conftest.py) and
# tests/test_cache_processes.py one; the rest goes test by test.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
SCREENSHOT_DIR := build/screenshots
# The HTML validator used by tests/browser (vnu.jar) comes from npm and runs on Java. Without npm
# it is not installed and those tests skip (or fail under ODI_REQUIRE_BROWSER=1, as in CI).
NODE_STAMP := node_modules/.installed
TEST_TOOLS := $(if $(and $(wildcard package-lock.json),$(shell command -v npm 2>/dev/null)),$(NODE_STAMP))
PORT ?= 8000
# gunicorn's access log without query strings: cancel and confirmation links carry tokens there.
ACCESS_LOG_FORMAT := %(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"

.PHONY: help install migrate run superuser demo-reset lint check format test browser editor-guide bench lock serve clean

help: ## List the targets
	@echo "Usage: make <target>"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Pass extra pytest options with PYTEST_ARGS, e.g. make test PYTEST_ARGS='-k home -x'."

install: $(STAMP) ## Create .venv (Python 3.11) and install requirements.lock

# Re-runs only when requirements.lock is newer than the stamp.
$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.lock
	@touch $@

$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

# Scheduled publishing needs a periodic job; in development a background loop stands in for
# cron and is stopped (with its sleep) when the development server exits. The task worker
# (emails, renditions) runs beside it and stops with it too.
run: migrate ## Load demo content, print the admin login, serve http://127.0.0.1:$(PORT)/ (make run PORT=8040)
	$(MANAGE) load_demo_content
	$(MANAGE) create_demo_admin --port $(PORT)
	@( s=; trap '[ -z "$$s" ] || kill $$s 2>/dev/null; exit 0' TERM; \
	   while true; do \
	     $(MANAGE) publish_scheduled || true; \
	     $(MANAGE) run_periodic_tasks || true; \
	     sleep 60 & s=$$!; wait $$s; \
	   done ) & loop=$$!; \
	$(MANAGE) db_worker --no-reload --no-startup-delay -v 0 & worker=$$!; \
	trap 'kill $$loop $$worker 2>/dev/null || true' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "publish_scheduled and run_periodic_tasks run every 60 s while the server is up (pid $$loop); task worker pid $$worker"; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

superuser: install ## Create an admin account interactively
	$(MANAGE) createsuperuser

demo-reset: install ## Delete and rebuild the demo page tree
	$(MANAGE) load_demo_content --reset

lint: install ## ruff check, ruff format --check, djhtml --check, bandit (high severity)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/bandit -q -c pyproject.toml -r odi_site pages training survey bench --severity-level high

# The deploy check needs production settings; these throwaway values stand in for a real host's.
check: install ## manage.py check, makemigrations --check, check --deploy (production settings)
	DJANGO_SETTINGS_MODULE=odi_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=odi_site.settings.test $(MANAGE) makemigrations --check --noinput --dry-run
	DJANGO_SETTINGS_MODULE=odi_site.settings.production ALLOWED_HOSTS=odi.example.edu \
	  WAGTAILADMIN_BASE_URL=https://odi.example.edu DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(MANAGE) check --deploy --fail-level WARNING

format: install ## Apply ruff fixes and formatting, re-indent templates
	$(BIN)/ruff check --fix-only .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

test: install $(TEST_TOOLS) ## Run the whole suite (browser tests included); DATABASE_URL picks the database
	@mkdir -p $(SCREENSHOT_DIR)
	DJANGO_SETTINGS_MODULE=odi_site.settings.test ODI_SCREENSHOT_DIR=$(CURDIR)/$(SCREENSHOT_DIR) \
	  $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

browser: install $(TEST_TOOLS) ## Run only the browser tests; screenshots go to build/screenshots
	@mkdir -p $(SCREENSHOT_DIR)
	DJANGO_SETTINGS_MODULE=odi_site.settings.test ODI_SCREENSHOT_DIR=$(CURDIR)/$(SCREENSHOT_DIR) \
	  $(BIN)/pytest tests/browser $(PYTEST_ARGS)

editor-guide: install ## Retake the editor guide's screenshots (docs/editor-guide/) in the real admin
	DJANGO_SETTINGS_MODULE=odi_site.settings.test ODI_EDITOR_GUIDE_DIR=$(CURDIR)/docs/editor-guide \
	  $(BIN)/pytest tests/browser/test_editor_guide.py $(PYTEST_ARGS)

bench: install ## Run the performance scripts in bench/
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cache_bench.py
	$(BIN)/python bench/survey_bench.py
	$(BIN)/python bench/survey_audit_bench.py
	$(BIN)/python bench/mail_bench.py
	$(BIN)/python bench/upload_memory.py

lock: install ## Re-pin requirements.lock from pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --extra dev --allow-unsafe -o requirements.lock pyproject.toml

serve: install ## Production settings under gunicorn (needs DJANGO_SECRET_KEY, ALLOWED_HOSTS)
	@missing=""; \
	for var in DJANGO_SECRET_KEY ALLOWED_HOSTS; do \
	  [ -n "$${!var:-}" ] || missing="$$missing $$var"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve needs these environment variables:$$missing" >&2; \
	  echo "  DJANGO_SECRET_KEY: python3 -c 'import secrets; print(secrets.token_urlsafe(64))'" >&2; \
	  echo "  ALLOWED_HOSTS:     comma-separated host names, e.g. odi.example.edu" >&2; \
	  echo "See .env.example and docs/deployment.md." >&2; \
	  exit 1; \
	fi
	DJANGO_SETTINGS_MODULE=odi_site.settings.production $(MANAGE) migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=odi_site.settings.production $(MANAGE) collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=odi_site.settings.production $(BIN)/gunicorn odi_site.wsgi:application \
	  --workers $${WEB_CONCURRENCY:-2} --bind $${BIND:-127.0.0.1:8000} \
	  --access-logfile - --access-logformat '$(ACCESS_LOG_FORMAT)' --error-logfile -

clean: ## Remove build output and tool caches (keeps .venv, db.sqlite3 and media/)
	rm -rf build .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
