# The two quick-start commands (see README): `make run` and `make test`.
# Both create .venv and install the project into it first, so they work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test chromium bench bench-serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python chromium
	$(BIN)/pip install --quiet -e '.[test]'

# The browser tests (tests/test_ui_browser.py) drive Debian's Chromium, never a downloaded build:
# install the package when it is missing (CI runs as root). KG_SKIP_BROWSER=1 skips it and those tests.
chromium:
	@if [ "$$KG_SKIP_BROWSER" != 1 ] && [ ! -x /usr/bin/chromium ]; then \
	  echo "make: installing Debian's chromium for the browser tests"; \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || { \
	    echo "make: could not install chromium with apt-get (it needs root): run 'apt-get install -y chromium'" \
	         "as root, or set KG_SKIP_BROWSER=1 to skip the browser tests" >&2; exit 1; }; \
	fi

run: install
	$(BIN)/kg build seeds
	$(BIN)/kg serve

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/extract_throughput.py

# kg serve vs oxigraph serve-read-only on the same store (bench/serve_throughput.py); needs wrk (Debian: apt-get install -y wrk)
bench-serve: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null || { echo "make bench-serve: wrk is missing (Debian: apt-get install -y wrk)"; exit 1; }
	$(BIN)/python bench/serve_throughput.py
