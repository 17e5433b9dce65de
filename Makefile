# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The demo's store: the default store of every command run from the repository root (git-ignored).
DB     ?= proxyatlas.db
EXAMPLES := $(wildcard examples/articles/*.txt examples/articles/*.md examples/articles/*.html examples/articles/*.pdf)

.PHONY: demo test clean chromium postgresql pango poppler

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,ftm,dask,postgresql]'
	touch $@

demo: $(VENV)/.installed pango
	$(BIN)/proxyatlas ingest examples/articles --db $(DB)
	@echo; echo "== Documents in $(DB)"; $(BIN)/proxyatlas documents --db $(DB)
	@echo; echo "== Most documented actors"; $(BIN)/proxyatlas entities --limit 10 --db $(DB)
	@echo; echo "== Best corroborated relations, with their sources"; \
		$(BIN)/proxyatlas relations --limit 6 --db $(DB)
	@echo; echo "== Sources"; $(BIN)/proxyatlas sources --db $(DB)
	@echo; echo "Try: $(BIN)/proxyatlas show Hezbollah | graph-stats | timeline | extract FILE --format table"
	@echo "Next: open the web UI with  $(BIN)/proxyatlas serve  (then http://127.0.0.1:8000)"

# The browser tests drive Debian's chromium (never a downloaded browser); without it they skip.
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium) \
		|| echo "warning: could not install chromium (not root?); the browser tests will be skipped"

# `proxyatlas profile --format pdf` prints with WeasyPrint, which loads Debian's Pango (and HarfBuzz,
# fontconfig) at run time; DejaVu is the font the profile asks for.
pango:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || (apt-get update -qq && apt-get install -y -qq \
		--no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core) \
		|| echo "warning: could not install pango (not root?); profiles as PDF will fail, md and html work"

# The profile PDF tests read the PDF back with poppler's pdftotext and pdfinfo; without them they skip.
poppler:
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends \
		poppler-utils) || echo "warning: could not install poppler-utils (not root?); the PDF tests will be skipped"

# The PostgreSQL store tests start a throwaway server from Debian's binaries; without them they skip.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq \
		--no-install-recommends postgresql) \
		|| echo "warning: could not install postgresql (not root?); the PostgreSQL tests will be skipped"

test: $(VENV)/.dev-installed chromium postgresql pango poppler
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
