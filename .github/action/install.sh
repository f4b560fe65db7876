#!/usr/bin/env bash
# Installs `ims` for the GitHub Action (action.yml, step "install"): the
# release binary for the runner's OS and architecture, checked against the
# release's SHA256SUMS, or, where there is no release binary, a build from
# the action's own source with cargo.
#
# Environment (set by action.yml from its inputs and the runner):
#   IMS_VERSION       release to install: `0.1.0`, `v0.1.0`, `latest`, or
#                     empty for the action's own tag (else latest)
#   IMS_INSTALL_FROM  `release` (default) or `source`
#   IMS_REPOSITORY    owner/name of the repository whose releases to use;
#                     empty: the action's own repository
#   IMS_RELEASES_URL  base URL of the releases (default
#                     https://github.com/$IMS_REPOSITORY/releases); the
#                     tests point it at a file:// folder
#   GITHUB_ACTION_PATH, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH,
#   GITHUB_OUTPUT     as GitHub Actions sets them
#
# Outputs: `path` (the installed binary) and `version` (`ims --version`).
# A checksum that does not match is an error, never a reason to fall back.
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?}"
install_dir="${RUNNER_TEMP:?}/ims-action/bin"
mkdir -p "$install_dir"

# The release asset for this runner; empty where no binary is released.
case "${RUNNER_OS:?}/${RUNNER_ARCH:?}" in
  Linux/X64) triple=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) triple=aarch64-unknown-linux-gnu ;;
  macOS/X64) triple=x86_64-apple-darwin ;;
  macOS/ARM64) triple=aarch64-apple-darwin ;;
  Windows/X64) triple=x86_64-pc-windows-msvc ;;
  *) triple= ;;
esac
exe=
if [ "$RUNNER_OS" = Windows ]; then exe=.exe; fi

# The action's repository and ref from its checkout, which the runner puts
# at .../_actions/OWNER/NAME/REF (github.action_repository and action_ref
# are not reliably set inside composite actions).
repository="${IMS_REPOSITORY:-}"
action_ref=
case "$action_path" in
  */_actions/*/*/*)
    rest="${action_path#*/_actions/}"
    owner="${rest%%/*}"; rest="${rest#*/}"
    name="${rest%%/*}"; rest="${rest#*/}"
    action_ref="${rest%%/*}"
    repository="${repository:-$owner/$name}"
    ;;
esac

version="${IMS_VERSION:-}"
if [ -z "$version" ]; then
  case "$action_ref" in
    v[0-9]*.*) version="$action_ref" ;;
    *) version=latest ;;
  esac
fi

sha256() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

from_release() {
  local asset="ims-$triple$exe" base url download
  base="${IMS_RELEASES_URL:-https://github.com/$repository/releases}"
  if [ "$version" = latest ]; then
    url="$base/latest/download"
  else
    url="$base/download/v${version#v}"
  fi
  download="$(mktemp -d)"
  echo "Downloading $asset and SHA256SUMS from $url"
  if ! curl --fail --silent --show-error --location --retry 3 -o "$download/$asset" "$url/$asset" \
    || ! curl --fail --silent --show-error --location --retry 3 -o "$download/SHA256SUMS" "$url/SHA256SUMS"; then
    rm -rf "$download"
    return 1
  fi
  local expected actual
  expected="$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1 }' "$download/SHA256SUMS")"
  actual="$(sha256 "$download/$asset")"
  if [ -z "$expected" ]; then
    echo "::error title=ims not installed::SHA256SUMS of the release has no line for $asset"
    exit 1
  fi
  if [ "$expected" != "$actual" ]; then
    echo "::error title=ims not installed::the SHA-256 of $asset is $actual, but the release's SHA256SUMS says $expected"
    exit 1
  fi
  echo "SHA-256 of $asset verified: $actual"
  mv "$download/$asset" "$install_dir/ims$exe"
  chmod +x "$install_dir/ims$exe"
  rm -rf "$download"
}

from_source() {
  if ! command -v cargo >/dev/null; then
    echo "::error title=ims not installed::no release binary was installed and cargo is not on PATH; add a Rust toolchain step (dtolnay/rust-toolchain) before this action"
    exit 1
  fi
  echo "Building ims from $action_path with cargo"
  cargo install --locked --quiet --root "${install_dir%/bin}" --path "$action_path/server/cli"
}

installed=
if [ "${IMS_INSTALL_FROM:-release}" = release ]; then
  if [ -z "$triple" ]; then
    echo "::notice title=ims::no release binary for $RUNNER_OS/$RUNNER_ARCH; building from source"
  elif [ -z "$repository" ] && [ -z "${IMS_RELEASES_URL:-}" ]; then
    echo "::notice title=ims::the action runs from a local checkout (uses: ./); building from source"
  elif from_release; then
    installed=release
  else
    echo "::warning title=ims::could not download ims $version for $triple; building from source instead"
  fi
elif [ "$IMS_INSTALL_FROM" != source ]; then
  echo "::error title=ims not installed::install-from must be release or source, not $IMS_INSTALL_FROM"
  exit 1
fi
if [ -z "$installed" ]; then
  from_source
fi

binary="$install_dir/ims$exe"
"$binary" --version
echo "$install_dir" >> "${GITHUB_PATH:?}"
{
  echo "path=$binary"
  echo "version=$("$binary" --version)"
} >> "${GITHUB_OUTPUT:?}"
