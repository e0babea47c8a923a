# The handbook's commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# puppeteer-core drives Debian's firefox-esr; it must never fetch a browser of its own.
export PUPPETEER_SKIP_DOWNLOAD := 1

.PHONY: help handbook test review serve bench setup system clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

handbook: setup ## Build site/ and dist/ (the offline zip, its SHA256SUMS and the PDFs)
	$(BIN)/python -m handbook build

test: setup ## Build the handbook once and run every test against the unzipped bundle
	$(BIN)/python -m pytest

review: setup ## Build the review view for native Khmer speakers (dist/review/, see docs/REVIEWERS.md)
	$(BIN)/python -m handbook review

serve: setup ## Live preview for authors at http://127.0.0.1:8000 (rebuilds on save)
	$(BIN)/mkdocs serve

bench: ## Print speed and size figures as JSON (progress goes to stderr)
	@# Setting up writes to stderr too, so that `make bench > figures.json` is JSON on a new machine.
	@$(MAKE) --no-print-directory setup >&2
	@$(BIN)/python -m handbook bench

setup: system $(INSTALLED)

system: ## Install Chromium, poppler and Node.js with apt-get when missing (sudo when not root)
	@scripts/install-system.sh

$(INSTALLED): pyproject.toml package-lock.json
	@echo "Setting up $(VENV) with the pinned Python packages …"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable ".[test]"
	@echo "Installing the npm packages the tests use (package-lock.json) …"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean: ## Remove site/, dist/ and build/ (keeps .venv)
	rm -rf site dist build
