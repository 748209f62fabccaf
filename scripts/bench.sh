#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (see BENCHMARKS.md for how to read them):
# the stand-in's sites search on 10,000 sites, and the 12-month chart rendered in headless Chromium.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_wasm_bindgen
ensure_chromium
cd "$ROOT"
say "stand-in: sites search on 10,000 sites"
cargo bench --locked -p kiubi-standin
say "panel: the 12-month chart in the browser"
cargo bench --locked -p kiubi-panel --target wasm32-unknown-unknown --bench chart
