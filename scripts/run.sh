#!/usr/bin/env bash
# Builds the panel in release mode and serves it with the local API stand-in and its demo data.
#   PORT=8080 (default) · DB=.standin/standin.sqlite (default) · extra flags go to kiubi-standin.
source "$(dirname "$0")/setup.sh"
ensure_rust
# cargo's builds of the panel and the stand-in, while the tools install: `trunk build --release` then
# finds the panel compiled. The stand-in's debug build, which scripts/test.sh and scripts/dev.sh use
# too (one build of it for the three; ample for the demo data).
build_code() {
  cargo_build_split_panel
  (cd "$ROOT" && cargo build --locked -p kiubi-standin)
}
at_once ensure_trunk ensure_build_chain build_code
build_panel
mkdir -p "$ROOT/.standin"
say "starting the stand-in"
cd "$ROOT"
exec cargo run --locked -p kiubi-standin -- \
  --listen "127.0.0.1:${PORT:-8080}" --db "${DB:-.standin/standin.sqlite}" --dist dist "$@"
