# dlnotes: `make book` builds the site, `make test` runs everything; both work from a fresh clone.
#   make book     venv + node assets (npm ci from the committed package-lock.json), then the site in two
#                 editions (book/editions.py): _build/html/en/, _build/html/ja/ and _build/html/index.html
#   make test     unit tests, nbval, book build, then the real-browser tests of the built site; exits
#                 non-zero if any stage fails (all stages run; browser tests only after a good build)
#   make browser  only the browser tests, against the site in _build/html (both editions, en/ and ja/)
#   (unit and browser tests run in two processes, pytest-xdist -n 2: the machines have two cores)
#   make lab-test the JupyterLab test: a real Lab server on a temp copy of notebooks/, Run All, move a
#                 Bokeh slider and a kernel-backed ipywidgets slider (needs no built site)
#   make bookscale  recompute the saved Fashion-MNIST experiments (after changing the code they use)
#   make bench    benchmarks (tables in benchmarks/results.md), incl. live-figure latency in Chromium
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.dlnotes-installed
SITE := _build/html
PYTEST_FLAGS := -q -rfEs -p no:cacheprovider
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test lab lab-test bench bookscale install ja-font fashion-mnist node-assets chromium unit nbval browser clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

# A Japanese font (Debian fonts-ipafont-gothic): matplotlib draws the Japanese edition's figures
# with it (DejaVu Sans, then IPAGothic) and a unit test fails on any missing glyph.
ja-font:
	@if [ -z "$$(fc-list :lang=ja 2>/dev/null)" ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q fonts-ipafont-gothic; fi

# Fashion-MNIST (Debian dataset-fashion-mnist: the four IDX files, gzipped, in
# /usr/share/datasets/fashion-mnist): 60,000 + 10,000 28x28 images for the book-scale experiments,
# read by dlnotes.datasets.load_fashion_mnist() (issue 22).
fashion-mnist:
	@if [ ! -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q dataset-fashion-mnist; fi

install: $(STAMP) ja-font fashion-mnist

# Front-end assets served by the site (ipywidgets html-manager embed.js); reinstalled when the lock changes.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-assets: $(NODE_STAMP)

# Both editions: every notebook executed once (DLNOTES_EDITIONS=1), then jupyter-book on a staged
# tree per language (book/editions.py; it cleans _build/html, _build/stage, _build/executed first,
# so pages dropped from _toc.yml do not linger). Fails, listing them, if a Japanese text is missing.
book: install $(NODE_STAMP)
	$(PY) book/editions.py
	@echo "Site built: $(CURDIR)/$(SITE)/index.html (en/ and ja/)"

# Debian's Chromium for the browser tests (Playwright from the venv drives it; no browser download),
# with the Japanese font (ja-font) so the screenshots show Japanese instead of empty boxes.
chromium: ja-font
	@if [ ! -x /usr/bin/chromium ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; fi
	@/usr/bin/chromium --version 2>/dev/null | head -1

unit: install
	$(PY) -m pytest tests --ignore=tests/browser -n 2 $(PYTEST_FLAGS)

# Live (Bokeh) figures as the site embeds them (script + div; see dlnotes/widgets/live.py);
# their random ids are sanitized.
nbval: install
	DLNOTES_BOKEH=components $(PY) -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_FLAGS)

browser: install chromium
	@test -f $(SITE)/index.html || { echo "no site in $(SITE): run make book first"; exit 1; }
	DLNOTES_SITE=$(SITE) $(PY) -m pytest tests/browser -n 2 --dist loadgroup $(PYTEST_FLAGS)

# JupyterLab from this venv on a free 127.0.0.1 port, its own config/runtime dirs; stopped at the end
# (one server per test process: -n 2 runs two notebooks at a time).
lab-test: install chromium
	DLNOTES_LAB=1 $(PY) -m pytest tests/browser/test_jupyterlab.py -n 2 $(PYTEST_FLAGS)

test: install
	@failed=""; \
	$(MAKE) --no-print-directory unit || failed="$$failed unit"; \
	$(MAKE) --no-print-directory nbval || failed="$$failed nbval"; \
	$(MAKE) --no-print-directory lab-test || failed="$$failed lab-test"; \
	if $(MAKE) --no-print-directory book; then \
	  $(MAKE) --no-print-directory browser || failed="$$failed browser"; \
	else failed="$$failed book (browser tests not run)"; fi; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi; \
	echo "make test: all stages passed (unit, nbval, lab-test, book, browser)"

# The book-scale experiments on Fashion-MNIST (dlnotes/bookscale.py, issue 22): a few minutes of
# training, saved with a key of the code and data to dlnotes/results/bookscale.json, which the
# notebook 04-3 draws; tests/test_bookscale.py fails when the key no longer matches.
bookscale: install
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(PY) -m dlnotes.bookscale

lab: install
	$(VENV)/bin/jupyter lab notebooks

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf _build
