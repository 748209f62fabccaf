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

# wasm-opt of binaryen 132 (npm, at the version of scripts/binaryen's lock file), first on PATH for
# Trunk, which asks for that version (Trunk.toml) and so never takes Debian's binaryen (108), which
# breaks the app.
ensure_binaryen() {
  local dir="$ROOT/scripts/binaryen"
  if [ ! -x "$dir/node_modules/binaryen/bin/wasm-opt" ]; then
    command -v npm >/dev/null || as_root apt-get install -y npm
    say "installing binaryen 132 (npm) for wasm-opt"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
  export PATH="$dir/node_modules/binaryen/bin:$PATH"
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

build_panel() {
  ensure_binaryen
  say "building the panel (release)"
  (cd "$ROOT" && cargo fetch --locked && trunk build --release --offline --skip-version-check)
  command -v node >/dev/null || as_root apt-get install -y nodejs
  node "$ROOT/scripts/postbuild.mjs" "$ROOT/dist"
}
