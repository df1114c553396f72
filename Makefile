# Two entry points, both idempotent and working from a fresh clone:
#   make map   -> set up .venv (pinned deps + spaCy model), build maps/ from seeds/
#   make test  -> same set-up, then the test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geomap-installed

.PHONY: setup map test lint bench eval clean

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

eval: $(STAMP)
	$(VENV)/bin/geomap eval

clean:
	rm -rf $(VENV) maps build *.egg-info .pytest_cache
