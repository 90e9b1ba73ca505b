# newsbrief: two commands do everything.
#   make run   - set up, ingest the bundled sample articles, start the bot (console without tokens)
#   make test  - set up with test extras and run the whole test suite
#   make train - retrain the attribution model from ../shared/corpora/polnear/train (CORPUS=...)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,bench]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsbrief ingest samples/articles
	$(BIN)/newsbrief run

test: $(STAMP)
	$(BIN)/python -m pytest

CORPUS ?= ../shared/corpora/polnear/train

train: $(STAMP)
	$(BIN)/newsbrief train-quotes $(CORPUS)

bench: $(STAMP)
	$(BIN)/python bench/summarizers.py --corpus ../shared/corpora/cnndm
	$(BIN)/python bench/summarizers.py --corpus ../shared/corpora/bbc
	$(BIN)/python bench/quotes.py --corpus ../shared/corpora/polnear/dev
	$(BIN)/python bench/stories.py --corpus ../shared/corpora/ecbplus
	$(BIN)/python bench/ask.py --corpus ../shared/corpora
	$(BIN)/python bench/answers.py --questions ../shared/questions/polnear_questions.yaml --corpus ../shared/corpora/polnear/train/text,../shared/corpora/polnear/dev/text

clean:
	rm -rf $(VENV) data/*.db
