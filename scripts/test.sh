#!/usr/bin/env bash
# Runs every check: formatting, clippy (native and wasm32), native unit and stand-in tests,
# wasm-bindgen tests in headless Chromium, and the end-to-end tests on the release build.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
cd "$ROOT"

say "cargo fmt --check"
cargo fmt --all --check
say "clippy (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings
say "clippy (wasm32)"
cargo clippy --locked -p kiubi-panel -p kiubi-wire --target wasm32-unknown-unknown --all-targets -- -D warnings
say "native tests (wire types, panel logic, stand-in)"
cargo test --locked --workspace --exclude kiubi-e2e
say "wasm-bindgen tests in headless Chromium"
cargo test --locked -p kiubi-panel --target wasm32-unknown-unknown
build_panel
say "end-to-end tests"
cargo test --locked -p kiubi-e2e
say "all checks passed"
