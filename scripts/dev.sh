#!/usr/bin/env bash
# The development loop: a stand-in of the API on 127.0.0.1:8081 (Trunk.toml's proxy sends /v1/ there)
# and `trunk serve` on http://127.0.0.1:8080, which rebuilds the panel (debug, unsplit) when a file
# under src/, style/ or crates/kiubi-wire/ changes and reloads the browser.
#   DB=.standin/standin.sqlite (default, as scripts/run.sh) · extra flags go to kiubi-standin, e.g.
#   `--latency-ms 300`, or `--upstream https://api.kiubi.com` to work against the real API.
# The stand-in's output goes to .standin/dev-standin.log; Trunk's to this terminal. The debug build
# goes to target/dev-dist, so dist/ stays the release build that the tests use.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
cd "$ROOT"
mkdir -p .standin
say "starting the stand-in on 127.0.0.1:8081 (log: .standin/dev-standin.log)"
cargo build --locked -p kiubi-standin
target/debug/kiubi-standin --listen 127.0.0.1:8081 --db "${DB:-.standin/standin.sqlite}" "$@" >.standin/dev-standin.log 2>&1 &
STANDIN_PID=$!
trap 'kill "$STANDIN_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q ' on http' .standin/dev-standin.log && break; sleep 0.2; done
kill -0 "$STANDIN_PID" 2>/dev/null || { cat .standin/dev-standin.log; exit 1; }
grep -E '^(Demo|Panel)' .standin/dev-standin.log || true
say "trunk serve: http://127.0.0.1:8080"
trunk serve --dist target/dev-dist
