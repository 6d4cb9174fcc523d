SHELL := /bin/bash
# dateline: every build, test and run goes through the sqlite_fts5 build tag
# (the mattn SQLite driver compiles FTS5 in only with it).
TAGS     ?= sqlite_fts5
GO       ?= go
BIN      ?= bin/dateline
export CGO_ENABLED = 1
.PHONY: all build run assets test test-unit test-postgres e2e vet fmt fuzz bench bench-go eval eval-te3 eval-te3-train eval-quotes eval-quotes-dev clean snapshot snapshot-diff

all: build

# assets fetches ECharts (pinned in package-lock.json) and copies it where
# the views package embeds it.
assets: views/static/vendor/echarts.min.js

views/static/vendor/echarts.min.js: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p views/static/vendor
	cp node_modules/echarts/dist/echarts.min.js $@

build: assets
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/dateline

# run serves the sample story on http://127.0.0.1:8080
run: build
	./$(BIN) serve

# test is the README's test command: vet, unit, handler and golden tests,
# then the end-to-end tests in headless Chromium.
test: assets vet
	$(GO) test -tags "$(TAGS) e2e" -count=1 ./...

test-unit:
	$(GO) test -tags $(TAGS) ./...

# test-postgres runs the store, CLI and handler tests on SQLite and on a
# throwaway PostgreSQL server started for the run (Debian's postgresql; see
# the README's PostgreSQL section). make test runs them too whenever
# DATELINE_TEST_POSTGRES names a throwaway database.
test-postgres:
	bash -c '. .ci/postgres.sh && pg_start && trap pg_stop EXIT && $(GO) test -tags $(TAGS) -count=1 ./models/store/... ./cmd/dateline ./handlers'

vet:
	@test -z "$$(gofmt -l cmd models handlers views data)" || (gofmt -l cmd models handlers views data; echo "gofmt needed"; exit 1)
	$(GO) vet -tags "$(TAGS) e2e" ./...

fmt:
	gofmt -w cmd models handlers views data

# fuzz runs every fuzz target briefly (FUZZTIME=5m for a longer run by hand;
# .ci/run gives a count of executions instead, see there). The packages are
# found, not listed: every folder with a "func Fuzz" in a _test.go file, so a
# new target runs without editing this file.
FUZZTIME ?= 10s
FUZZPKGS = $(shell grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=testdata '^func Fuzz' . | xargs -n1 dirname | sort -u)
fuzz:
	@test -n "$(FUZZPKGS)" || (echo "no fuzz targets found"; exit 1)
	@for pkg in $(FUZZPKGS); do \
	  for f in $$($(GO) test -tags $(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; done

# bench prints the performance table kept in the README (BENCHFLAGS, e.g.
# --scales 10000,100000,1000000 --articles 4000); bench-go runs the
# package benchmarks.
BENCHFLAGS ?=
bench:
	$(GO) run -tags $(TAGS) ./cmd/dateline bench $(BENCHFLAGS)

bench-go:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./models/... ./cmd/...

# The public benchmarks in ../shared/eval (not part of the tests: people
# clone the repo without ../shared).
EVAL ?= ../shared/eval/run.py
eval: eval-te3 eval-quotes
eval-te3:
	python3 $(EVAL) te3
eval-te3-train:
	python3 $(EVAL) te3 --gold train
# eval-quotes scores as run.py does and, with .ci/eval-quotes.py, partial
# quotes through their context clause (PolNeAR annotates clauses).
eval-quotes:
	python3 $(EVAL) quotes --split test
	python3 .ci/eval-quotes.py --split test
eval-quotes-dev:
	python3 $(EVAL) quotes --split dev
	python3 .ci/eval-quotes.py --split dev

clean:
	rm -rf bin testout

# snapshot writes the extraction of the comparison corpus (generated
# articles, PolNeAR dev and test texts when ../shared is there, the samples)
# to SNAP; take one before and one after a change that should not alter the
# output, and compare them with snapshot-diff (BASE vs SNAP).
SNAP ?= /tmp/dateline-snapshot.jsonl
BASE ?= /tmp/dateline-snapshot-base.jsonl
snapshot:
	.ci/snapshot.sh $(SNAP)
snapshot-diff:
	@.ci/snapshot-diff.py $(BASE) $(SNAP)
