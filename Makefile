# The suite's commands. Each bootstraps .venv from a fresh clone with only python3.
#   make run     the whole suite on this machine (loyalty dev)
#   make test    lint, then the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-later soak pytest lint format proto client lock demo clean bench bench-ledger bench-members browser

# make run RUN_ARGS=--free-ports   when the default ports are taken
RUN_ARGS ?=
run: $(STAMP)
	$(BIN)/loyalty dev $(RUN_ARGS)

test: lint pytest

pytest: $(STAMP) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The staff console's tests run in Debian's chromium (driven by Playwright; never
# `playwright install`). Installs it when missing and this runs as root; otherwise says why
# not, and those tests skip saying the same.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then echo "make browser: no $(CHROMIUM), and not root to apt-get install chromium: the console's browser tests will skip"; \
	elif ! command -v apt-get >/dev/null; then echo "make browser: no $(CHROMIUM) and no apt-get: the console's browser tests will skip"; \
	else apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } \
	  || echo "make browser: apt-get install chromium failed: the console's browser tests will skip"; fi

# The same tests with every process's business clock a year and a half ahead of today
# (LOYALTY_CLOCK_OFFSET): nothing may depend on the day the suite runs.
#   make test-later LATER=+3650d
LATER ?= +548d
test-later: $(STAMP)
	LOYALTY_CLOCK_OFFSET=$(LATER) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The ledger's randomised run at full size: 10,000 operations of every kind over 50
# accounts from 8 threads on the real store, the audit as the oracle (make test runs a
# small one).
soak: $(STAMP)
	LEDGER_SOAK_OPERATIONS=10000 LEDGER_SOAK_ACCOUNTS=50 LEDGER_SOAK_THREADS=8 \
	  $(BIN)/python -m pytest -p no:cacheprovider tests/points/test_ledger_soak.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

proto: $(STAMP)
	$(BIN)/python proto/generate.py

# The typed REST client (loyalty_client/api.py) from the gateway's OpenAPI document; a
# test fails while it is out of date.
client: $(STAMP)
	$(BIN)/python -m gateway.client_code

demo: $(STAMP)
	$(BIN)/loyalty demo

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# Re-pin every transitive dependency after changing pyproject.toml.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable --exclude pip > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The points ledger's speed over gRPC: a measurement, not a test (docs/PERFORMANCE.md).
#   make bench-ledger BENCH_ARGS="--accounts 2000 --seconds 10"
BENCH_ARGS ?=

.PHONY: bench-ledger

# The points path through the gateway, production-like on this machine (see
# docs/PERFORMANCE.md): req/s, latency, errors and CPU per process, against a no-work hop.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.gateway $(BENCH_ARGS)

bench-ledger: $(STAMP)
	$(BIN)/python -m benchmarks.ledger $(BENCH_ARGS)

# The members service's speed over gRPC: till lookups by phone and the tier engine's
# event throughput, a measurement, not a test (docs/PERFORMANCE.md).
#   make bench-members BENCH_ARGS="--members 20000 --events 300"
.PHONY: bench-members

bench-members: $(STAMP)
	$(BIN)/python -m benchmarks.members $(BENCH_ARGS)

# The ledger audit over 200,000 accounts against a 200 MiB RSS bound, with a 20,000-account
# baseline in the same run: a measurement, not a test (docs/PERFORMANCE.md).
#   make bench-audit BENCH_ARGS="--accounts 50000 --baseline 5000"
.PHONY: bench-audit

bench-audit: $(STAMP)
	$(BIN)/python -m benchmarks.audit $(BENCH_ARGS)

# The members export streamed through the gateway over 100,000 members against a 200 MiB
# RSS bound per process, with a 10,000-member baseline in the same run: a measurement, not
# a test (docs/PERFORMANCE.md).
#   make bench-export BENCH_ARGS="--members 50000 --baseline 5000"
.PHONY: bench-export

bench-export: $(STAMP)
	$(BIN)/python -m benchmarks.exports $(BENCH_ARGS)

# 100,000 members imported from a CSV file through the members service's ImportsService,
# as `loyalty import` does it: rows/s per phase (docs/PERFORMANCE.md). A measurement.
#   make bench-import BENCH_ARGS="--members 20000"
.PHONY: bench-import bench-voucher-batches

bench-import: $(STAMP)
	$(BIN)/python -m benchmarks.imports $(BENCH_ARGS)

# ListVoucherBatches and GetVoucherBatch over 20 batches of 1,000 codes on the test store:
# milliseconds and store reads a call (docs/PERFORMANCE.md). A measurement.
#   make bench-voucher-batches BENCH_ARGS=/path/to/an/older/tree   (its figures, to compare)
bench-voucher-batches: $(STAMP)
	$(BIN)/python benchmarks/voucher_batches.py $(BENCH_ARGS)

# The dashboard's 24 months of KPIs: 24 GetKpis one after the other against one
# GetKpisSeries, same figures checked, on the test store (docs/PERFORMANCE.md).
.PHONY: bench-kpis
bench-kpis: $(STAMP)
	$(BIN)/python -m benchmarks.kpis_series $(BENCH_ARGS)
