# Sourced by run.sh and test.sh: installs what the project needs when it is missing, idempotently.
# Each step checks first and skips what is already there at the right version.
set -euo pipefail

export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  }
  local missing=()
  command -v cargo-fmt >/dev/null || missing+=(rustfmt)
  command -v cargo-clippy >/dev/null || missing+=(clippy)
  if [ "${#missing[@]}" -gt 0 ]; then rustup component add "${missing[@]}"; fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 15 minutes, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock. Not --locked: one of its locked
# dependencies is gone from the registry.
ensure_wasm_bindgen() {
  local wanted
  wanted="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wanted" ]; then
    say "installing wasm-bindgen-cli $wanted (about 6 minutes, once)"
    cargo install wasm-bindgen-cli --version "$wanted" --force
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

# The build's npm tools, at the versions of scripts/build-tools' lock file: binaryen 132's wasm-opt,
# called by its path (WASM_OPT), never Debian's binaryen (108), which breaks the app; terser and
# lightningcss, which postbuild.mjs uses (JS, CSS).
ensure_build_tools() {
  local dir="$ROOT/scripts/build-tools" tool
  for tool in binaryen/bin/wasm-opt terser/package.json lightningcss/package.json; do
    [ -e "$dir/node_modules/$tool" ] || break
  done
  if [ ! -e "$dir/node_modules/$tool" ]; then
    command -v npm >/dev/null || as_root apt-get install -y npm
    say "installing the build's npm tools (binaryen 132 for wasm-opt, terser, lightningcss)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
  WASM_OPT="$dir/node_modules/binaryen/bin/wasm-opt"
}

# Browser-side tools of the end-to-end tests, from the npm registry, at the versions of the lock file.
ensure_e2e_tools() {
  if [ ! -f "$ROOT/e2e/node_modules/axe-core/axe.min.js" ]; then
    command -v npm >/dev/null || as_root apt-get install -y npm
    say "installing the end-to-end tests' npm packages"
    (cd "$ROOT/e2e" && npm ci --no-audit --no-fund)
  fi
}

# schemathesis (PyPI), pinned, in its own virtual environment under target/.
SCHEMATHESIS_VERSION="4.32.5"
ensure_fuzz_tools() {
  FUZZ_VENV="$ROOT/target/fuzz-venv"
  if [ "$("$FUZZ_VENV/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) in target/fuzz-venv"
    python3 -m venv "$FUZZ_VENV" 2>/dev/null || {
      as_root apt-get install -y python3-venv
      python3 -m venv "$FUZZ_VENV"
    }
    "$FUZZ_VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# wasm-split-cli cuts the cargo-built wasm into the first visit's module and the chunk of the other
# pages (ARCHITECTURE.md, "Code splitting").
WASM_SPLIT_VERSION="0.2.4"
ensure_wasm_split() {
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi
}

# The panel's wasm, split: cargo (linked with its relocations, which the splitter reads, and not
# stripped: it reads the names too), wasm-split-cli, wasm-bindgen (keeping the linker's exports, which
# the chunk links against), then wasm-opt on the module and the chunk. Into target/panel-wasm/.
# wasm-opt: -Os converged, with the features rustc's wasm32 output uses (levels tried in BENCHMARKS.md);
# binaryen 132 only, by its path: Debian's binaryen 108 breaks the app.
build_wasm() {
  ensure_build_tools
  ensure_wasm_split
  local out="$ROOT/target/panel-wasm"
  say "building the panel's wasm (release) and splitting it"
  # --config adds to .cargo/config.toml's flags, where RUSTFLAGS would replace them; `kiubi_split`
  # turns the split points on (components::lazy). The dependencies' source paths, kept in panic
  # messages, start with `cargo/` instead of the home directory: the same bytes on every machine.
  local flags="\"--cfg\", \"kiubi_split\", \"-C\", \"link-arg=--emit-relocs\""
  flags="$flags, \"--remap-path-prefix\", \"${CARGO_HOME:-$HOME/.cargo}=cargo\""
  (cd "$ROOT" && CARGO_PROFILE_RELEASE_STRIP=false cargo build --locked --release --target wasm32-unknown-unknown \
    --bin kiubi-panel --config "target.wasm32-unknown-unknown.rustflags=[$flags]")
  rm -rf "$out"
  mkdir -p "$out/split" "$out/web"
  wasm-split-cli --target web --out-name kiubi-panel "$ROOT/target/wasm32-unknown-unknown/release/kiubi-panel.wasm" "$out/split"
  wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$out/web" --out-name kiubi-panel "$out/split/kiubi-panel.wasm"
  cp "$out/split/__wasm_split.js" "$out/web/"
  # The module exports wasm-streams' three JS classes (IntoUnderlying*: Leptos links server_fn's
  # browser client, which streams bodies through them), and an export keeps its code: the panel never
  # calls a server function, so they are removed here, with their code (postbuild.mjs drops their JS).
  local wasm prune
  for wasm in "$out/web/kiubi-panel_bg.wasm" "$out"/split/split_*.wasm; do
    prune=()
    [ "$(basename "$wasm")" = kiubi-panel_bg.wasm ] && prune=(--remove-exports "--pass-arg=remove-exports@*intounderlying*")
    "$WASM_OPT" "${prune[@]}" -Os --converge --strip-debug --strip-producers --enable-bulk-memory \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
      --enable-multivalue "$wasm" -o "$out/web/$(basename "$wasm")"
  done
}

# Trunk builds the page and the stylesheet; `build_wasm` the code; postbuild.mjs names every asset
# by its content and writes the loader (embed.js).
build_panel() {
  say "building the panel (release)"
  (cd "$ROOT" && cargo fetch --locked && trunk build --release --offline --skip-version-check)
  build_wasm
  command -v node >/dev/null || as_root apt-get install -y nodejs
  node "$ROOT/scripts/postbuild.mjs" "$ROOT/dist" "$ROOT/target/panel-wasm/web"
}
