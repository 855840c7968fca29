# JitOps Billing: `make run` opens the app on the embedded demo portal; `make test` runs every
# test. Both install what is missing first.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: deps deps-test build run test lint deny unit e2e demo-portal bench bench-parse fuzz package check-package release clean

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

# Every test: lint, the dependencies (cargo deny), unit and integration tests, the end-to-end
# suite in a real window, and the packages (built in release; see check-package).
test: deps-test lint deny unit e2e check-package

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) clippy --locked --test bench -- -D warnings

# The dependencies: RustSec advisories (offline, ../shared/advisory-db), licences, bans and
# sources (deny.toml).
deny:
	scripts/deny.sh

unit:
	$(CARGO) test --locked --workspace

e2e:
	tests/run-e2e.sh

# The release app, its .deb and its .rpm (Tauri's bundler, from the npm package
# @tauri-apps/cli, which ships prebuilt binaries; the .deb repacked with xz as Debian packs its
# own): target/release/bundle/deb/jitops-billing_<version>_amd64.deb and
# target/release/bundle/rpm/jitops-billing-<version>-1.x86_64.rpm
package: deps
	@command -v npm >/dev/null || scripts/install-deps.sh --with-node
	npm exec --yes --package=@tauri-apps/cli@2 -- tauri build --bundles deb,rpm
	scripts/repack-deb.sh

# A release: the packages knowing where updates come from, signed, and latest.json, in
# target/release/publish/ (scripts/release.sh says what it reads from the environment).
release: deps
	scripts/release.sh

# The .deb's and the .rpm's file lists and dependencies, and the .deb's binary, unpacked into a
# temporary folder, starting and showing the sign-in screen under Xvfb.
check-package: deps-test package
	scripts/check-package.sh

# The benchmarks beside a browser (not part of `make test`; nothing in them can fail a build):
# start-up, sign-in to the invoice list against Chromium, memory with 2,000 invoices, parsing,
# payment confirmation, sizes. Prints a Markdown table and writes bench/RESULTS.md.
bench: package
	@scripts/install-deps.sh --with-driver --with-browser
	scripts/bench.sh

bench-parse:
	$(CARGO) bench --locked -p portal --bench parse

# libFuzzer on each parser of the portal client for FUZZ_SECONDS each (not part of `make
# test`), seeded with the hand-written pages; findings land in fuzz/artifacts/<target>/.
# cargo-fuzz needs nightly flags: the nightly toolchain when installed, else stable with
# RUSTC_BOOTSTRAP.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := list_page invoice_page any_page money
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@set -e; \
	if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then toolchain=+nightly; \
	else toolchain=; export RUSTC_BOOTSTRAP=1; fi; \
	cd fuzz; \
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$target; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  cargo $$toolchain fuzz run $$target corpus/$$target ../crates/portal/tests/fixtures -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 -rss_limit_mb=4096; \
	done

clean:
	$(CARGO) clean
	rm -rf test-artifacts
