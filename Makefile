# JitOps Billing: `make run` opens the app on the embedded demo portal; `make test` runs every
# test. Both install what is missing first.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: deps deps-test build run test lint unit e2e demo-portal bench-parse clean

deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --with-driver

build: deps
	$(CARGO) build --locked

# Opens the app on the embedded demo portal. Without a display it runs under a private Xvfb.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  ./target/debug/jitops-billing --demo; \
	else \
	  echo "No display: running under Xvfb (xvfb-run -a)"; \
	  xvfb-run -a ./target/debug/jitops-billing --demo; \
	fi

# The demo portal alone, in a terminal: prints its two addresses.
demo-portal: deps
	$(CARGO) run --locked -p demo-portal -- $(ARGS)

test: deps-test lint unit e2e

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --locked --workspace

e2e:
	tests/run-e2e.sh

bench-parse:
	$(CARGO) bench --locked -p portal --bench parse

clean:
	$(CARGO) clean
	rm -rf test-artifacts
