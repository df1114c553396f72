# Two entry points, both idempotent and working from a fresh clone:
#   make map   -> set up .venv (pinned deps + spaCy model), build maps/ from seeds/
#   make test  -> same set-up, then the test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geomap-installed

.PHONY: setup map test lint bench eval mutate clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=constraints.txt $(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

map: $(STAMP)
	$(VENV)/bin/geomap build seeds -o maps

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check geomap tests benchmarks
	$(VENV)/bin/ruff format --check geomap tests benchmarks
	$(VENV)/bin/mypy

# Benchmark, on demand (not in CI): the pipeline's quick variant (a few minutes); its figures
# go to benchmarks/bench_history.json and are compared with the last run of the same size
bench: $(STAMP)
	$(PY) benchmarks/bench_pipeline.py --quick

# Evaluation sets kept outside the project: make eval EVAL_DIR=DIR (default $GEOMAP_EVAL_DIR);
# the long-news event set and the short-reports CSV are scored when EVAL_DIR holds them
EVAL_DIR ?= $(GEOMAP_EVAL_DIR)
NEWS_DIR := $(if $(EVAL_DIR),$(wildcard $(EVAL_DIR)/news-events-dev))
REPORTS := $(if $(EVAL_DIR),$(wildcard $(EVAL_DIR)/osint-reports-dev.csv))
eval: $(STAMP)
	$(VENV)/bin/geomap eval $(if $(EVAL_DIR),--eval-dir $(EVAL_DIR)) $(if $(NEWS_DIR),--news $(NEWS_DIR)) $(if $(REPORTS),--reports $(REPORTS))

# Mutation testing, on demand (not in CI): mutants of the stage modules that decide the
# outputs ([tool.mutmut] in pyproject.toml), then the surviving ones listed.
# A subset: make mutate MUTANTS='geomap.events.dates*'  (a full run takes hours on 2 CPUs);
# MUTATE_CHILDREN=1 leaves the other CPU free
MUTANTS ?=
MUTATE_CHILDREN ?= 2
mutate: $(STAMP)
	GEOMAP_TEST_CACHE_DIR=$(CURDIR)/.cache/test $(VENV)/bin/mutmut run --max-children $(MUTATE_CHILDREN) $(MUTANTS) || true
	$(VENV)/bin/mutmut results | grep -E ': (survived|no tests|timeout|suspicious)$$' | tee mutants/surviving.txt
	@echo "surviving mutants: $$(grep -c ': survived$$' mutants/surviving.txt)"

clean:
	rm -rf $(VENV) maps build *.egg-info .pytest_cache mutants
