#!/usr/bin/env bash
# Builds the panel in release mode and serves it with the local API stand-in and its demo data.
#   PORT=8080 (default) · DB=.standin/standin.sqlite (default) · extra flags go to kiubi-standin.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
build_panel
mkdir -p "$ROOT/.standin"
say "starting the stand-in"
cd "$ROOT"
exec cargo run --locked --release -p kiubi-standin -- \
  --listen "127.0.0.1:${PORT:-8080}" --db "${DB:-.standin/standin.sqlite}" --dist dist "$@"
