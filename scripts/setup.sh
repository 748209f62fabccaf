# Sourced by run.sh and test.sh: installs what the project needs when it is missing, idempotently.
# Each step checks first and skips what is already there at the right version.
set -euo pipefail

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# TRUNK_VERSION, WASM_SPLIT_VERSION
source "$ROOT/scripts/tool-versions.env"

# With the time since the command started (Trunk's hooks inherit it): the README's figures for a first
# run come from these lines.
export SETUP_STARTED="${SETUP_STARTED:-$(date +%s)}"
say() {
  local elapsed=$(($(date +%s) - SETUP_STARTED))
  printf '\033[1m==> [%d:%02d] %s\033[0m\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}

# Runs the named functions at the same time, each one's output into target/setup-logs/<name>.log, and
# waits for all; fails with the log of each that failed. For independent installs and builds: on two
# cores, the long single-threaded ends of one build (its last crate, link-time optimisation) leave a
# core to another.
at_once() {
  local logs="$ROOT/target/setup-logs" name i pids=() failed=()
  mkdir -p "$logs"
  say "at once: $* (logs in target/setup-logs/)"
  for name in "$@"; do
    # Each says its end when it comes; a failed one ends there (also where a caller's `&&` or `if`
    # has turned `set -e` off).
    ( "$name" >"$logs/$name.log" 2>&1 || exit; say "done: $name" ) &
    pids+=("$!")
  done
  # `wait PID` also reads the status of a job that ended earlier (`wait -n` may not find it).
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${*:i+1:1}")
  done
  for name in "${failed[@]}"; do
    echo "--- $name failed; the end of target/setup-logs/$name.log:"
    tail -n 40 "$logs/$name.log"
  done
  [ "${#failed[@]}" -eq 0 ]
}

# Runs a system install as root. A build hook (KIUBI_NO_SYSTEM_INSTALL set) never changes the
# system: it names what is missing and how to get it instead.
as_root() {
  if [ -n "${KIUBI_NO_SYSTEM_INSTALL:-}" ]; then
    echo "the build needs what this would install: $*; run scripts/setup.sh's installs first (scripts/run.sh or scripts/test.sh do)" >&2
    return 1
  fi
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
    # Without its default features (TLS, the update check): it serves and proxies plain HTTP on this
    # computer and downloads no tool (the build brings its own). Its release profile asks for fat LTO
    # in one codegen unit, a long single-threaded end: without LTO and at opt-level 1 it installs in
    # 4 min instead of 6.5 on two cores, and only orchestrates (BENCHMARKS.md, "A first run").
    say "installing trunk $TRUNK_VERSION (about 4 minutes, once)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
      cargo install --locked trunk --version "$TRUNK_VERSION" --no-default-features
  fi
}

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock. Not --locked: a dependency it
# locks is yanked (webpki-roots 1.0.11, asked by ureq 3.5.0 for 0.2.130), so --locked cannot resolve.
ensure_wasm_bindgen() {
  local wanted
  wanted="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wanted" ]; then
    say "installing wasm-bindgen-cli $wanted (about 2 minutes alone, once)"
    cargo install wasm-bindgen-cli --version "$wanted" --force
  fi
}

# The browser, and poppler's pdftotext, which reads back what the end-to-end tests print to PDF.
ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then
    say "installing Debian's chromium, chromium-driver and poppler-utils"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver poppler-utils
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

# The release build's npm tools, at the versions of scripts/build's lock file: binaryen 132's wasm-opt,
# called by its path (WASM_OPT), never Debian's binaryen (108), which breaks the app; terser and
# lightningcss, which scripts/build/page.mjs uses (JS, CSS).
ensure_build_tools() {
  local dir="$ROOT/scripts/build" tool
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

# Debian's PostgreSQL 15, for the server's store tests (scripts/postgres.sh starts one of its own in a
# temporary folder): no cluster made and no service started by the install.
ensure_postgres() {
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    say "installing Debian's postgresql (its binaries only: no cluster, no service)"
    as_root mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    as_root apt-get update
    # policy-rc.d's 101 tells the packages' scripts not to start any service.
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 || { as_root rm -f /usr/sbin/policy-rc.d; return 1; }
    as_root rm -f /usr/sbin/policy-rc.d
  fi
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
ensure_wasm_split() {
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi
}

# cargo's part of the split build (scripts/build/code.sh): the panel linked with its relocations, which
# the splitter reads, and not stripped (it reads the names too). Here, so that scripts/run.sh can start
# it while the tools install; the build's hook then finds it done.
cargo_build_split_panel() {
  # --config adds to .cargo/config.toml's flags, where RUSTFLAGS would replace them; `kiubi_split`
  # turns the split points on (components::lazy). The dependencies' source paths, kept in panic
  # messages, start with `c/` instead of the registry's folder: the same bytes on every machine, and
  # fewer of them.
  local flags="\"--cfg\", \"kiubi_split\", \"-C\", \"link-arg=--emit-relocs\""
  # (Of two prefixes that match, rustc takes the later.)
  flags="$flags, \"--remap-path-prefix\", \"${CARGO_HOME:-$HOME/.cargo}=cargo\""
  # crates.io's folder has this name on every machine (cargo 1.85 on); any other registry's as found.
  local registry registries=("${CARGO_HOME:-$HOME/.cargo}/registry/src/index.crates.io-1949cf8c6b5b557f")
  for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    [ -d "$registry" ] && registries+=("${registry%/}")
  done
  for registry in "${registries[@]}"; do
    flags="$flags, \"--remap-path-prefix\", \"$registry=c\""
  done
  (cd "$ROOT" && CARGO_PROFILE_RELEASE_STRIP=false cargo build --locked --release --target wasm32-unknown-unknown \
    --bin kiubi-panel --config "target.wasm32-unknown-unknown.rustflags=[$flags]")
}

# The tools of the panel's build beside Trunk (built from crates.io, then npm's).
ensure_build_chain() {
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_build_tools
}

# The deployable build: `trunk build --release`, whose hooks (Trunk.toml) build the split code
# (scripts/build/code.sh) and assemble dist/ (scripts/build/page.mjs).
build_panel() {
  ensure_build_chain
  command -v node >/dev/null || as_root apt-get install -y nodejs
  say "building the panel (trunk build --release)"
  (cd "$ROOT" && cargo fetch --locked && trunk build --release)
}
