#!/usr/bin/env bash
# Runs every check: formatting, clippy (native and wasm32), the build's fixture tests, native unit, server
# (its store on SQLite and on a PostgreSQL started here) and stand-in tests,
# wasm-bindgen tests in headless Chromium, the first visit's bytes, and the end-to-end tests on the
# release build.
#   scripts/test.sh            every layer, in this order (what CI runs)
#   scripts/test.sh LAYER…     only those: lint, node, unit, binaries, wasm, fuzz, e2e, or
#                              e2e:NAME for one end-to-end test file (e2e/tests/NAME.rs)
# Each layer's time is printed at the end.
source "$(dirname "$0")/setup.sh"
LAYERS=(lint node unit binaries wasm fuzz e2e)
WANTED=()
E2E_FILES=()
for layer in "$@"; do
  case "$layer" in
    e2e:*)
      E2E_FILES+=("${layer#e2e:}")
      [ -f "$ROOT/e2e/tests/${layer#e2e:}.rs" ] || { echo "no end-to-end test file e2e/tests/${layer#e2e:}.rs" >&2; exit 2; }
      WANTED+=(e2e) ;;
    *)
      [[ " ${LAYERS[*]} " == *" $layer "* ]] || { echo "unknown layer '$layer'; the layers: ${LAYERS[*]}, e2e:NAME" >&2; exit 2; }
      WANTED+=("$layer") ;;
  esac
done
# Whether `layer` runs: every one when none is named.
want() {
  [ "${#WANTED[@]}" -eq 0 ] || [[ " ${WANTED[*]} " == *" $1 "* ]]
}
# Each layer's time, printed at the end: `layer NAME` as one begins.
TIMES=()
LAYER_NAME=""
LAYER_START=0
layer() {
  [ -n "$LAYER_NAME" ] && TIMES+=("$LAYER_NAME $((SECONDS - LAYER_START)) s")
  LAYER_NAME="$1"
  LAYER_START=$SECONDS
}
layer setup
ensure_rust
browser_tools() {
  ensure_chromium
  ensure_e2e_tools
  ensure_postgres
}
at_once ensure_trunk ensure_build_chain browser_tools
# Sets CHROMEDRIVER here (at_once ran it in a subshell).
ensure_chromium
cd "$ROOT"
source "$ROOT/scripts/postgres.sh"
# A clean clone builds everything once: incremental data would only take disk (tens of GB here).
[ "${CI:-}" = true ] && export CARGO_INCREMENTAL=0
# Running out of disk shows as a linker's bus error far from its cause: say it first.
free_kb="$(df -Pk "$ROOT" | awk 'NR == 2 { print $4 }')"
[ "$free_kb" -ge 25000000 ] || echo "warning: $((free_kb / 1000000)) GB free on the build's disk; a full run needs about 25 GB" >&2
# Where cargo builds (CARGO_TARGET_DIR, as for a second work tree, or the default).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LOG="$(mktemp)"
trap 'rm -f "$LOG"; stop_postgres' EXIT

# Runs a test command, keeping its output for the closing tally.
tests() {
  "$@" 2>&1 | tee -a "$LOG"
}

if want lint; then
  layer lint
  say "cargo fmt --check"
  cargo fmt --all --check
  say "clippy (native)"
  cargo clippy --locked --workspace --all-targets -- -D warnings
  say "clippy (wasm32)"
  cargo clippy --locked -p kiubi-panel -p kiubi-wire --target wasm32-unknown-unknown --all-targets -- -D warnings
fi
if want node; then
  layer node
  say "the build's rewrites of other tools' output, on fixtures, and setup's at_once (node --test)"
  tests node --test --test-reporter=tap scripts/build/test/lib.test.mjs scripts/build/test/setup.test.mjs
fi
if want unit; then
  layer unit
  say "native tests (wire types, panel logic, the docs' names, server on SQLite and PostgreSQL, stand-in)"
  start_postgres
  KIUBI_REQUIRE_POSTGRES=1 tests cargo test --locked --workspace --exclude kiubi-e2e
  stop_postgres
fi
if want binaries; then
  layer binaries
  say "the release binaries as users run them (keys never printed, reports capped, panics survived, newer databases refused)"
  cargo build --locked --release -p kiubi-standin -p kiubi-server
  KIUBI_STANDIN_BIN="$TARGET_DIR/release/kiubi-standin" tests cargo test --locked -p kiubi-standin --test binary
  KIUBI_SERVER_BIN="$TARGET_DIR/release/kiubi-server" tests cargo test --locked -p kiubi-server --test binary
fi
# The stand-in the browser layers start (the end-to-end tests start their own, in-process).
if want wasm || want fuzz; then
  cargo build --locked -p kiubi-standin
fi
STANDIN_DIR="$(mktemp -d)"
# Chromium's temporary profiles (100 MB each) outlive a browser that is killed, as the wasm-bindgen
# test runner kills it: the browser steps get a TMPDIR of their own, removed with the rest at exit.
BROWSER_TMP="$STANDIN_DIR/browser"
mkdir -p "$BROWSER_TMP"
# Under `set -e` a failing command in the trap would change the exit status: each one is allowed to fail.
trap 'rm -f "$LOG" || true; kill "${STANDIN_PID:-}" 2>/dev/null || true; rm -rf "$STANDIN_DIR" || true; stop_postgres' EXIT

# Starts a stand-in on a new database with the given options; sets STANDIN_PID, STANDIN_URL and
# STANDIN_KEY (the demo key it prints).
# Its key must be read and accepted: a step run with a refused key would pass on 403s alone.
start_standin() {
  local db="$STANDIN_DIR/db-$RANDOM.sqlite"
  STANDIN_OUT="$STANDIN_DIR/out-$RANDOM"
  "$TARGET_DIR/debug/kiubi-standin" --listen 127.0.0.1:0 --db "$db" "$@" >"$STANDIN_OUT" 2>&1 &
  STANDIN_PID=$!
  for _ in $(seq 50); do grep -q ' on http' "$STANDIN_OUT" && break; sleep 0.2; done
  STANDIN_URL="$(sed -n 's/^API on //p' "$STANDIN_OUT")"
  STANDIN_KEY="$(sed -n 's/^Demo API key: //p' "$STANDIN_OUT")"
  [ -n "$STANDIN_URL" ] && [ -n "$STANDIN_KEY" ] || { echo "no address or key from the stand-in:"; cat "$STANDIN_OUT"; exit 1; }
  python3 - "$STANDIN_URL/v1/account.json" "$STANDIN_KEY" <<'PY' || { echo "the stand-in refused its demo key"; exit 1; }
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Authorization": "token " + sys.argv[2]})
assert urllib.request.urlopen(request, timeout=10).status == 200
PY
}
# A stand-in that stopped during the step fails the run.
stop_standin() {
  if ! kill -0 "$STANDIN_PID" 2>/dev/null; then
    echo "the stand-in stopped during the step:"
    cat "$STANDIN_OUT"
    exit 1
  fi
  kill "$STANDIN_PID"
  # Its exit status is that of the signal just sent.
  wait "$STANDIN_PID" 2>/dev/null || true
  STANDIN_PID=""
}

if want wasm; then
  layer wasm
  say "wasm-bindgen tests in headless Chromium, against a stand-in"
  start_standin --test-control --job-ms 600
  export KIUBI_TEST_API="$STANDIN_URL"
  TMPDIR="$BROWSER_TMP" tests cargo test --locked -p kiubi-panel --target wasm32-unknown-unknown
  stop_standin
fi
if want fuzz; then
  layer fuzz
  say "fuzzing the stand-in from its OpenAPI document (schemathesis): no 5xx, every reply as documented"
  ensure_fuzz_tools
  start_standin --job-ms 50
  # Fixed seed and examples: the same requests on every run. Not counted in the tally below.
  "$FUZZ_VENV/bin/schemathesis" run "$STANDIN_URL/v1/openapi.json" --seed 20261129 --max-examples 30 --workers 2 \
    --phases examples,coverage,fuzzing \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    -H "Authorization: token $STANDIN_KEY"
  stop_standin
fi
if want e2e; then
  layer "release build"
  build_panel
  # The first visit's bytes (a byte count, not a timing): at most 200,000 B with brotli (issue 20).
  say "the first visit's bytes"
  node scripts/first_visit.mjs dist 200000
  layer e2e
  say "end-to-end tests"
  E2E_ONLY=()
  for name in "${E2E_FILES[@]}"; do E2E_ONLY+=(--test "$name"); done
  TMPDIR="$BROWSER_TMP" tests cargo test --locked -p kiubi-e2e "${E2E_ONLY[@]}"
fi
layer ""
say "time per layer"
printf '  %s\n' "${TIMES[@]}"
# cargo's "N passed; N failed" lines and node's TAP "# pass N" / "# fail N".
passed=$(grep -oE '[0-9]+ passed|^# pass [0-9]+' "$LOG" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
failed=$(grep -oE '[0-9]+ failed|^# fail [0-9]+' "$LOG" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
say "all checks passed"
echo "Total: $passed passed, $failed failed"
