#!/usr/bin/env bash
# Runs every check: formatting, clippy (native and wasm32), native unit and stand-in tests,
# wasm-bindgen tests in headless Chromium, and the end-to-end tests on the release build.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
ensure_e2e_tools
cd "$ROOT"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

# Runs a test command, keeping its output for the closing tally.
tests() {
  "$@" 2>&1 | tee -a "$LOG"
}

say "cargo fmt --check"
cargo fmt --all --check
say "clippy (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings
say "clippy (wasm32)"
cargo clippy --locked -p kiubi-panel -p kiubi-wire --target wasm32-unknown-unknown --all-targets -- -D warnings
say "native tests (wire types, panel logic, stand-in)"
tests cargo test --locked --workspace --exclude kiubi-e2e
say "wasm-bindgen tests in headless Chromium, against a stand-in"
cargo build --locked -p kiubi-standin
STANDIN_DIR="$(mktemp -d)"
# Under `set -e` a failing command in the trap would change the exit status: each one is allowed to fail.
trap 'rm -f "$LOG" || true; kill "${STANDIN_PID:-}" 2>/dev/null || true; rm -rf "$STANDIN_DIR" || true' EXIT
target/debug/kiubi-standin --listen 127.0.0.1:0 --db "$STANDIN_DIR/db.sqlite" --test-control --job-ms 600 \
  >"$STANDIN_DIR/out" 2>&1 &
STANDIN_PID=$!
for _ in $(seq 50); do grep -q '^API on ' "$STANDIN_DIR/out" && break; sleep 0.2; done
KIUBI_TEST_API="$(sed -n 's/^API on //p' "$STANDIN_DIR/out")"
[ -n "$KIUBI_TEST_API" ] || { cat "$STANDIN_DIR/out"; exit 1; }
export KIUBI_TEST_API
tests cargo test --locked -p kiubi-panel --target wasm32-unknown-unknown
kill "$STANDIN_PID" && wait "$STANDIN_PID" 2>/dev/null || true
STANDIN_PID=""
build_panel
say "end-to-end tests"
tests cargo test --locked -p kiubi-e2e
passed=$(grep -oE '[0-9]+ passed' "$LOG" | awk '{ n += $1 } END { print n + 0 }')
failed=$(grep -oE '[0-9]+ failed' "$LOG" | awk '{ n += $1 } END { print n + 0 }')
say "all checks passed"
echo "Total: $passed passed, $failed failed"
