# The two Quick start commands (README) and a few helpers. Everything goes through
# scripts/bootstrap first, so a fresh Debian 12 machine needs nothing else.
#   make demo   install what is missing, build (release) and the web app, run `pilar demo` on 127.0.0.1:8080
#   make test   install what is missing, build (ASan+UBSan) and the web app, run every test suite
.PHONY: demo test build build-asan web unit web-unit api lint e2e bench clean

JOBS ?= 2
PILAR_RELEASE := build/release/apps/pilar/pilar
PILAR_ASAN := build/asan/apps/pilar/pilar

demo: build
	$(PILAR_RELEASE) demo

build:
	scripts/bootstrap
	cmake --preset release >/dev/null
	cmake --build build/release -j $(JOBS) --target pilar
	$(MAKE) --no-print-directory web

# The web app (web/dist, served by `pilar serve`). Fails if the initial JS exceeds its budget.
web:
	cd web && npm run build

build-asan:
	scripts/bootstrap
	cmake --preset asan >/dev/null
	cmake --build build/asan -j $(JOBS)

test: build-asan
	$(MAKE) --no-print-directory unit web-unit api lint e2e

unit:
	cd build/asan && ctest --output-on-failure -j $(JOBS)

# The web app's own unit tests (node:test; web/src modules bundled by Vite's esbuild, no browser).
web-unit:
	node --test tests/web/

# The API tests (their servers and CLI commands) write every statement they prepare to
# SQL_CAPTURE; then each of them must prepare on PostgreSQL 15 (tests/postgres/statements.sh).
SQL_CAPTURE := build/asan/sql-capture.txt
api:
	rm -f $(SQL_CAPTURE)
	PILAR_SQL_CAPTURE=$(CURDIR)/$(SQL_CAPTURE) PILAR_BIN=$(CURDIR)/$(PILAR_ASAN) node --test --test-concurrency=1 --test-timeout=300000 tests/api/
	tests/postgres/statements.sh build/asan/migrations/migrations_dump build/asan/tests/postgres/statement_check $(SQL_CAPTURE)

lint:
	scripts/lint-openapi $(PILAR_ASAN)

# Browser tests: Debian chromium driven by playwright-core, against the ASan server and web/dist.
e2e: web
	PILAR_BIN=$(CURDIR)/$(PILAR_ASAN) node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/

bench: build
	cmake --build build/release -j $(JOBS)
	bench/run-http.sh $(PILAR_RELEASE)

clean:
	rm -rf build web/dist
