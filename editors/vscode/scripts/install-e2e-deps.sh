#!/usr/bin/env bash
# Installs what the end-to-end test of the extension needs, following
# ../shared/recipes/vscode-e2e.md: Debian's Chromium, the native build
# prerequisites of code-server, code-server itself (VS Code's workbench
# served to a browser, from npm) and the extension's own npm dependencies
# (playwright-core, @vscode/vsce, esbuild, ...).
#
# Idempotent: each piece is installed only when it is missing, so CI and
# developers can run it before every test. code-server goes to the
# git-ignored cache editors/vscode/.e2e/deps, never into tracked files.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3 # the newest line that runs on Node.js 20
NODE_GYP_VERSION=12.4.0
RIPGREP_CACHE_VERSION=1.15.11 # what code-server's @vscode/ripgrep asks for
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
deps="$PWD/.e2e/deps"

say() { printf '  - %s\n' "$*"; }

# 1. Debian packages: the browser, and the headers code-server's native
#    modules build against.
apt_packages=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep)
missing=()
for p in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
else
  say "Debian packages present"
fi

# 2. node-gyp: code-server's postinstall calls it through npx.
if [ "$(node-gyp --version 2>/dev/null)" != "v${NODE_GYP_VERSION}" ]; then
  say "npm install -g node-gyp@${NODE_GYP_VERSION}"
  npm install -g --no-audit --no-fund "node-gyp@${NODE_GYP_VERSION}" > /dev/null
else
  say "node-gyp ${NODE_GYP_VERSION} present"
fi

# 3. @vscode/ripgrep's postinstall downloads rg from GitHub, which this
#    machine cannot reach; give it a download cache holding Debian's rg.
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-${RIPGREP_CACHE_VERSION}"
if [ ! -f "$rg_cache/$RIPGREP_ASSET" ]; then
  say "ripgrep download cache from Debian's rg"
  mkdir -p "$rg_cache/x"
  cp "$(command -v rg)" "$rg_cache/x/rg"
  (cd "$rg_cache/x" && tar czf "../$RIPGREP_ASSET" rg)
  rm -rf "$rg_cache/x"
fi

# 4. code-server, in the git-ignored cache (about 3 minutes: it builds
#    native modules). The marker is written only after a complete install.
marker="$deps/code-server-${CODE_SERVER_VERSION}.installed"
if [ ! -f "$marker" ]; then
  say "npm install code-server@${CODE_SERVER_VERSION} into .e2e/deps (takes a few minutes)"
  rm -rf "$deps"
  mkdir -p "$deps"
  printf '{ "private": true }\n' > "$deps/package.json"
  # npm 11 blocks dependencies' install scripts by default, but code-server's
  # postinstall (and the nested installs it runs) must build native modules.
  # The environment variables reach those nested npm processes too. npm 11
  # warns that --unsafe-perm is unknown, but code-server's postinstall
  # refuses to run as root without it.
  (cd "$deps" && npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
    npm install --unsafe-perm --no-audit --no-fund "code-server@${CODE_SERVER_VERSION}")
  test -f "$deps/node_modules/code-server/out/node/entry.js"
  touch "$marker"
else
  say "code-server ${CODE_SERVER_VERSION} present"
fi

# 5. The extension's own dependencies, exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
else
  say "node_modules up to date"
fi
