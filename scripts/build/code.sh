#!/usr/bin/env bash
# Trunk's build hook (Trunk.toml): the panel's code, into target/panel-wasm/ (scripts/build/page.mjs
# then puts it in Trunk's staging directory). Trunk's own Rust pipeline cannot make the split build:
# it runs wasm-bindgen right after cargo, with no step between for wasm-split-cli and no way to pass
# --keep-lld-exports (ARCHITECTURE.md, "The build"), so the code is built here, for both profiles.
#   release (`trunk build --release`): split, wasm-opt'd · debug (`trunk serve`): one module, as built.
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"
# A build installs tools of the project's own (cargo's, npm's), never system packages.
export KIUBI_NO_SYSTEM_INSTALL=1
TARGET="$(cd "$ROOT" && mkdir -p "${CARGO_TARGET_DIR:-target}" && cd "${CARGO_TARGET_DIR:-target}" && pwd)"
OUT="$TARGET/panel-wasm"
ensure_rust
ensure_wasm_bindgen

# The development loop's code: the debug build, unsplit (without `kiubi_split` each page is in the
# one module), as wasm-bindgen writes it.
build_dev_wasm() {
  say "building the panel's wasm (debug)"
  (cd "$ROOT" && cargo build --locked --target wasm32-unknown-unknown --bin kiubi-panel)
  rm -rf "$OUT/dev"
  wasm-bindgen --target web --no-typescript --out-dir "$OUT/dev" --out-name kiubi-panel "$TARGET/wasm32-unknown-unknown/debug/kiubi-panel.wasm"
}

# The deployable code, split: cargo (cargo_build_split_panel, in setup.sh), wasm-split-cli, wasm-bindgen (keeping the linker's exports, which
# the chunk links against), then wasm-opt on the module and the chunk.
# wasm-opt: -Os converged, with the features rustc's wasm32 output uses (levels tried in BENCHMARKS.md);
# --low-memory-unused: Rust links the 1 MB stack first, growing down to address 0, so the low 1 KB is
# the stack's last, reached only by a stack about to overflow: a pointer plus a small constant then
# folds into the access's offset (as Emscripten does above its own 1 KB);
# binaryen 132 only, by its path: Debian's binaryen 108 breaks the app.
build_split_wasm() {
  ensure_build_tools
  ensure_wasm_split
  say "building the panel's wasm (release) and splitting it"
  cargo_build_split_panel
  rm -rf "$OUT/split" "$OUT/web"
  mkdir -p "$OUT/split" "$OUT/web"
  wasm-split-cli --target web --out-name kiubi-panel "$TARGET/wasm32-unknown-unknown/release/kiubi-panel.wasm" "$OUT/split"
  wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$OUT/web" --out-name kiubi-panel "$OUT/split/kiubi-panel.wasm"
  cp "$OUT/split/__wasm_split.js" "$OUT/web/"
  # The module exports wasm-streams' three JS classes (IntoUnderlying*: Leptos links server_fn's
  # browser client, which streams bodies through them), and an export keeps its code: the panel never
  # calls a server function, so they are removed here, with their code (−1.5 KB brotli). Their JS
  # stays, never run: cutting it out of wasm-bindgen's output bought 301 B (BENCHMARKS.md).
  local wasm prune
  # The split points' chunks (split_*) and what they share (chunk_*).
  for wasm in "$OUT/web/kiubi-panel_bg.wasm" "$OUT"/split/split_*.wasm "$OUT"/split/chunk_*.wasm; do
    prune=()
    [ "$(basename "$wasm")" = kiubi-panel_bg.wasm ] && prune=(--remove-exports "--pass-arg=remove-exports@*intounderlying*")
    "$WASM_OPT" "${prune[@]}" -Os --converge --low-memory-unused --strip-debug --strip-producers --enable-bulk-memory \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
      --enable-multivalue "$wasm" -o "$OUT/web/$(basename "$wasm")"
  done
}

if [ "${TRUNK_PROFILE:-release}" = release ]; then build_split_wasm; else build_dev_wasm; fi
