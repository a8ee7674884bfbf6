# Civic Atlas — the commands a newcomer needs. `make help` lists them.
PY      := .venv/bin/python
STAMP   := .venv/.installed
PORT    ?= 8501
N       ?= 2
export OPENBLAS_NUM_THREADS ?= 1  # the engine's matrices are small: one BLAS thread is ~75x faster here (atlas/__init__.py)

.DEFAULT_GOAL := help
.PHONY: help setup browser nginx build run serve-replicas failover test test-fast bench load validate validate-sets warmup stories export lint format clean refresh

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@test -x $(PY) || uv venv --quiet --python 3.11 .venv
	uv pip install --quiet --python $(PY) -r pyproject.toml --extra dev
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned dependencies (uv, ~10 s)

browser:  ## install Debian's chromium for the browser tests (root, apt) if it is missing
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@/usr/bin/chromium --version 2>/dev/null

nginx:  ## install Debian's nginx for `make serve-replicas` / `make load` (root, apt) if it is missing
	@test -x /usr/sbin/nginx || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends nginx >/dev/null; }
	@/usr/sbin/nginx -v

build: $(STAMP)  ## build data/atlas.duckdb from data/raw (skipped when nothing changed)
	$(PY) -m pipelines build

run: build  ## set up, build if needed, and start the app on http://127.0.0.1:$(PORT)
	$(PY) -m atlas.serve --server.port $(PORT) --server.headless true

serve-replicas: build nginx  ## N app processes (default 2) behind nginx on http://127.0.0.1:$(PORT), sticky by client
	$(PY) -m atlas.replicas --replicas $(N) --port $(PORT)

test: $(STAMP) browser nginx  ## run every test: SQL units, pipeline on real data, pages, browser
	$(PY) -m pytest -q

test-fast: $(STAMP)  ## the tests without a browser
	$(PY) -m pytest -q -m "not browser"

bench: build browser  ## print build, page, map and export timings, atlas vs naive page vs floor in a browser, presentation timings, postcode lookup cold/warm and memory
	$(PY) bench/run.py
	$(PY) bench/present.py
	$(PY) bench/postcodes.py

load: build nginx  ## load test: 1, 10, 30, 60 websocket viewers on one process, then on N behind nginx
	$(PY) bench/load.py --replicas 1,$(N)

validate: build  ## before/after method check under selection: 1,000 studies per scenario on both cores, prints the table
	$(PY) -m pipelines validate --studies $(or $(STUDIES),1000) --json bench/validate.json

validate-sets: build  ## before/after method check with pools from each ranked comparator set, beside the engine's own pools on the same draws
	$(PY) -m pipelines validate --sets --studies $(or $(STUDIES),1000) --json bench/validate_sets.json

warmup: build  ## run every presentation view once so the first click of a demo is instant
	$(PY) -m pipelines warmup

stories: build  ## write each presentation story as one offline HTML file in stories/ (no server)
	$(PY) -m pipelines stories --out stories

refresh: build  ## take in a new release: FROM=file.csv [SOURCE=id] or ONLINE="id …" (all: ONLINE=all), DRY=1 to only print
	$(PY) -m pipelines refresh $(if $(FROM),--from "$(FROM)",--online $(filter-out all,$(ONLINE))) $(if $(SOURCE),--source $(SOURCE)) $(if $(DRY),--dry-run)

lint: $(STAMP)  ## ruff lint and format check, and the rooms' import layers (import-linter)
	$(PY) -m ruff check . && $(PY) -m ruff format --check . && .venv/bin/lint-imports

format: $(STAMP)  ## ruff format
	$(PY) -m ruff format .

clean:  ## remove the warehouse and caches (data/raw is never touched)
	rm -f data/atlas.duckdb data/atlas.build.json data/.atlas.*
	rm -rf .pytest_cache test-artifacts static/geo .run

failover: build nginx  ## kill one of two replicas under 30 viewers: health checks, failover and restart times
	$(PY) bench/failover.py
