# Two commands set everything up on a machine with only python3: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test demo lint clean

# pip's and setuptools' chatter goes to a log, shown only when the install fails.
define install
	@$(PYTHON) -m venv $(VENV)
	@echo "installing $(1) into $(VENV) (log: $(VENV)/install.log)"
	@{ $(BIN)/pip install --quiet --upgrade pip && $(BIN)/pip install --quiet -e '$(1)'; } \
		> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@
endef

$(BIN)/jobmatch: pyproject.toml
	$(call install,.)

$(VENV)/.test-installed: pyproject.toml
	$(call install,.[test])

# A board that can't be reached is reported above by jobmatch (and cron sees its exit 1);
# make itself need not end on an error for it.
run: $(BIN)/jobmatch
	@$(BIN)/jobmatch run || echo "(jobmatch run exited $$?: the lines above say what failed)"

demo: $(BIN)/jobmatch
	$(BIN)/jobmatch demo

test: $(VENV)/.test-installed
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info
