# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLES := $(wildcard examples/articles/*.txt examples/articles/*.md examples/articles/*.html examples/articles/*.pdf)

.PHONY: demo test clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	@for f in $(EXAMPLES); do \
		echo "=== $$f"; \
		$(BIN)/proxyatlas extract "$$f" --format table || exit 1; \
		echo; \
	done
	@echo "Done: the example articles above were extracted with $(BIN)/proxyatlas."
	@echo "Try: $(BIN)/proxyatlas extract YOUR_ARTICLE.txt --published 2024-01-30 --format json"

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
