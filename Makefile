# dlnotes: `make book` builds the site, `make test` runs everything; both work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: book test lab bench install unit nbval clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

install: $(STAMP)

book: install
	$(VENV)/bin/jupyter-book build . --builder html
	@echo "Site built: $(CURDIR)/_build/html/index.html"

unit: install
	$(PY) -m pytest tests -q

nbval: install
	$(PY) -m pytest --nbval notebooks -q -p no:cacheprovider

test: unit nbval book

lab: install
	$(VENV)/bin/jupyter lab notebooks

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf _build
