#!/usr/bin/env bash
# Runs the benchmarks and prints their figures (BENCHMARKS.md says how to read them): the stand-in's
# sites search on 10,000 sites and its load test (24 clients at once), the team's workspace under 50
# colleagues of one account (SQLite, then a PostgreSQL started here), an organizing file of 10,000
# labels imported, the 12-month chart rendered in
# headless Chromium, and the whole panel loaded from the stand-in in headless Chromium
# (bench/panel.mjs), the release build beside the unsplit build (the panel as it was before code
# splitting, git revision BENCH_BASELINE, built by its own steps), measured in the same run; each
# page cold and warm on a throttled phone (bench/throttled.mjs); then Lighthouse on five pages,
# mobile and desktop (bench/lighthouse.mjs), its table written to BENCHMARKS.md.
# BENCH_RUNS (default 5) sets the panel's cold runs.
source "$(dirname "$0")/setup.sh"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
cd "$ROOT"
say "stand-in: sites search on 10,000 sites"
cargo bench --locked -p kiubi-standin
say "stand-in: 24 clients at once, reads and writes (release)"
cargo test --locked --release -p kiubi-standin --test load -- --nocapture --test-threads 1
say "server: the team's workspace, 50 colleagues of one account at once (SQLite, PostgreSQL)"
ensure_postgres
source "$ROOT/scripts/postgres.sh"
PG_FSYNC=on start_postgres
trap stop_postgres EXIT
cargo bench --locked -p kiubi-server --bench workspace_load
stop_postgres
say "panel: importing an organizing file of 10,000 labels (native)"
cargo bench --locked -p kiubi-panel --bench organize_import
say "panel: the 12-month chart in the browser"
cargo bench --locked -p kiubi-panel --target wasm32-unknown-unknown --bench chart

build_panel
BASELINE_REV="${BENCH_BASELINE:-69ec6b3}"
BASELINE="$ROOT/target/bench-baseline"
say "building the unsplit panel of $BASELINE_REV, for comparison"
git -C "$ROOT" worktree remove --force "$BASELINE/src" 2>/dev/null || true
git -C "$ROOT" worktree add --detach "$BASELINE/src" "$BASELINE_REV"
(
  cd "$BASELINE/src"
  # Its build took binaryen 132's wasm-opt from PATH; ours is the same version.
  export PATH="$(dirname "$WASM_OPT"):$PATH" CARGO_TARGET_DIR="$BASELINE/target"
  trunk build --release --offline --skip-version-check --dist "$BASELINE/dist"
  node scripts/postbuild.mjs "$BASELINE/dist"
)
git -C "$ROOT" worktree remove --force "$BASELINE/src"
cargo build --locked --release -p kiubi-standin
if [ ! -d bench/node_modules/playwright-core ] || [ ! -d bench/node_modules/lighthouse ]; then
  say "installing the benchmark's npm packages"
  (cd bench && npm ci --no-audit --no-fund)
fi
say "panel: first visit, timings, requests, memory, big data"
node bench/panel.mjs --standin target/release/kiubi-standin --runs "${BENCH_RUNS:-5}" \
  --build "split=$ROOT/dist" --build "unsplit=$BASELINE/dist"
say "panel: each page cold and warm on a throttled phone (Lighthouse's mobile throttling, DevTools)"
node bench/throttled.mjs --standin target/release/kiubi-standin --dist "$ROOT/dist" --runs "${BENCH_RUNS:-5}"
say "panel: Lighthouse, mobile and desktop presets (written to BENCHMARKS.md)"
node bench/lighthouse.mjs --standin target/release/kiubi-standin --dist "$ROOT/dist" \
  --label "$(git -C "$ROOT" rev-parse --short HEAD)" --write BENCHMARKS.md
