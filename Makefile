# `make demo` and `make test` do all their own set-up: apt packages, venv, pip.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXTRAS := dev,ocr,store,report,transformers,dask
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup system demo test lint bench eval train clean

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
	$(PY) cli.py compare out/extract.jsonl -o out/compare.html
	$(PY) cli.py compare out/extract.jsonl -o out/compare.xlsx

test: setup
	$(VENV)/bin/ruff check extractor tests scripts benchmarks cli.py
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/bench.py

# Leave-one-document-out over the seeds (a model trained per fold, cached), then the
# held-out documents with the shipped model.
eval: setup
	@mkdir -p out
	$(PY) cli.py evaluate --gold corpora/gold --cross-validate --mode overlap --json out/eval-cv.json
	$(PY) cli.py evaluate --gold corpora/heldout --recognizer all --mode overlap --json out/eval-heldout.json
	for set in blind blind2 blind3 blind4 blind5 blind6 blind7 blind8; do \
	  $(PY) cli.py evaluate --gold corpora/$$set --mode overlap --json out/eval-$$set.json || exit 1; done

# The shipped NER (models/ner) from the gold; deterministic (seed 0).
train: setup
	$(PY) cli.py train --gold corpora/gold -o models/ner --seed 0

lint: setup
	$(VENV)/bin/ruff check extractor tests scripts benchmarks cli.py

clean:
	rm -rf out .pytest_cache
