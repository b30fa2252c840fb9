# `make demo` and `make test` do all their own set-up: apt packages, venv, pip.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXTRAS := dev,ocr,store,report
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup system demo test lint bench eval clean

setup: system $(STAMP)

system:
	@bash scripts/setup-system.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -e '.[$(EXTRAS)]'
	@rm -f $(VENV)/.installed-* && touch $@

demo: setup
	@mkdir -p out
	$(PY) cli.py extract corpora/seeds -o out/extract.jsonl
	@$(PY) scripts/summarise.py out/extract.jsonl

test: setup
	$(VENV)/bin/ruff check extractor tests scripts cli.py
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/bench_extract.py

eval: setup
	$(PY) cli.py evaluate --gold corpora/gold --mode overlap

lint: setup
	$(VENV)/bin/ruff check extractor tests scripts cli.py

clean:
	rm -rf out .pytest_cache
