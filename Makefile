# Two commands do everything on a fresh machine: `make run` and `make test`.
# A pyenv shim answers `command -v` for versions it lacks, then complains when run:
# its complaint is not ours to print.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SITE_STAMP := $(VENV)/.site-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install site run demo serve check test lint format chromium nginx bench clean

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (none found on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when pyproject.toml changed since the last install. The site alone
# for `make run`; the test tools too for the tests. pip prints errors only (-qq): a
# machine's pip configuration can name package folders it lacks, a warning per package.
$(SITE_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e .
	@touch $(SITE_STAMP)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e ".[test]"
	@touch $(STAMP) $(SITE_STAMP)

# A random key for this checkout, readable by its owner only (production sets SECRET_KEY).
.secret-key:
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

install: $(STAMP) .secret-key

site: $(SITE_STAMP) .secret-key

run: site
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py refresh_advice_drift
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Advisors log in at /accounts/login/. Create one (and an advising group) with:"
	@echo "    $(PY) manage.py create_advisor NAME --group 'My group'   (admins: $(PY) manage.py createsuperuser)"
	@echo "Serving at http://$(HOST):$(PORT)/ (Ctrl-C stops)."
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-style: nginx (deploy/nginx.conf) in front of gunicorn's workers
# (gunicorn.conf.py), so a slow client waits on nginx, never on a worker.
# Made-up applicants for a look around: DEMO_COUNT of them (40), most shared with
# "Demo advising group"; an advisor joins it with create_advisor NAME --group 'Demo advising group'.
DEMO_COUNT ?= 40
demo: site
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py seed_demo_profiles $(DEMO_COUNT)

serve: site nginx
	@test -n "$$SECRET_KEY" || echo "Note: SECRET_KEY is not set, so .secret-key is used; set it (and HTTPS=1 behind TLS) in production."
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py refresh_advice_drift
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m deploy.serve

# Debian's Chromium drives the browser tests; never a downloaded browser build.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium is missing and cannot be installed here (no root): browser tests will say so."; fi; }

# Debian's nginx fronts `make serve` and the serving and load tests; it runs as
# the invoking user with a config of its own (the package's service is not used).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	  else echo "nginx is missing and cannot be installed here (no root): serving tests will say so."; fi; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The quick loop: ruff, then every test that needs no browser, no server of its own
# and no load run (markers set in conftest.py), over all cores. `make test` runs all.
# Bytecode is kept even where PYTHONDONTWRITEBYTECODE is set (as on these machines):
# compiling the test modules afresh cost each pytest process 3 s of its start.
check: lint
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -n auto -m "not browser and not server and not load"

test: install chromium nginx lint
	$(VENV)/bin/pytest

# On PostgreSQL (BENCH_DATABASE_URL, default the local server): Debian's wrk and locust
# load the pages, each beside a bare Django view under the same gunicorn.conf.py (the
# floor, tests/bench/floor_settings.py); 8-12 minutes on two cores at 10,000
# profiles (BENCH_SIZES=10000,1000000 adds a million: seeded once, about 20 minutes).
# The table lands in test-results/bench.txt too (docs/performance.md). Never part of
# `make test` or `make check`: it measures, it asserts nothing about speed.
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; fi; }
	$(PY) -m tests.bench.run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
