#!/usr/bin/env bash
# The Neovim tests of editors/neovim/ims.lua, in a real headless Neovim:
#
#   editors/neovim/test/run.sh [NVIM]
#
# NVIM is the Neovim to test (default: `nvim` on PATH); 0.11 or newer runs
# the end-to-end test (e2e.lua) and the notifications test, an older one
# (Debian's 0.7.2) only the notifications test, which checks that it is told
# so. `ims` comes from target/release (build it first) unless IMS_BIN names
# another binary. Each run gets a private XDG home, so nothing touches
# ~/.config/nvim or ~/.local/share/nvim.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
nvim="${1:-nvim}"
ims_bin="${IMS_BIN:-$repo/target/release/ims}"
if [ ! -x "$ims_bin" ]; then
  echo "no ims binary at $ims_bin: run 'cargo build --release' or set IMS_BIN" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
workspace="$scratch/workspace"
mkdir -p "$workspace" "$scratch/bin"
cp "$repo/examples/acme.ims" "$workspace/"
cp "$repo/examples/acme.ims" "$workspace/second.ims"
# An empty ims.toml marks the project root (the server's workspace folder).
: > "$workspace/ims.toml"
ln -s "$ims_bin" "$scratch/bin/ims"

# A private home for one Neovim run.
fresh_home() {
  rm -rf "${scratch:?}/home"
  mkdir -p "$scratch/home"
  export XDG_CONFIG_HOME="$scratch/home/config" XDG_DATA_HOME="$scratch/home/data"
  export XDG_STATE_HOME="$scratch/home/state" XDG_CACHE_HOME="$scratch/home/cache"
}

version="$("$nvim" --version | head -n 1)"
echo "$version"

# `timeout` only guards against a hang; each check waits for its event.
fresh_home
# A PATH without `ims`, to check that its absence is said.
env -u IMS_REPO PATH=/usr/bin:/bin IMS_E2E_REPO="$repo" IMS_E2E_WORKSPACE="$workspace" \
  timeout 120 "$nvim" --headless -u NONE -i NONE -c "luafile $repo/editors/neovim/test/notifications.lua" </dev/null

if "$nvim" --headless -u NONE -i NONE -c 'if has("nvim-0.11") | qall! | else | cquit 1 | endif' </dev/null; then
  fresh_home
  PATH="$scratch/bin:$PATH" IMS_REPO="$repo" IMS_E2E_WORKSPACE="$workspace" \
    timeout 300 "$nvim" --headless -l "$repo/editors/neovim/test/e2e.lua" </dev/null
else
  echo "$version is older than 0.11: only the notifications test applies"
fi
