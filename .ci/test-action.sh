#!/usr/bin/env bash
# Tests the shell steps of the GitHub Action (action.yml, the scripts in
# .github/action/) on this machine, against a fake runner: $GITHUB_OUTPUT,
# $GITHUB_PATH and $GITHUB_STEP_SUMMARY are files, the "release" is a
# file:// folder with the real binary and its SHA256SUMS, and the action's
# checkout is a link to this repository under .../_actions/OWNER/NAME/REF.
#
#   .ci/test-action.sh IMS
#
# What the runner itself does (inputs, `uses:` steps, the SARIF upload) is
# checked by actionlint over .github/workflows/ims-check.yml instead.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
ims_bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "action test: $1" >&2
  for f in out err "${2:-}"; do
    if [ -f "$scratch/$f" ]; then echo "--- $f" >&2; cat "$scratch/$f" >&2; fi
  done
  exit 1
}
ok() { echo "ok: $1"; }

# The action as the runner checks it out, at tag v0.1.0.
action="$scratch/work/_actions/acme/ims-language-tools/v0.1.0"
mkdir -p "$(dirname "$action")"
ln -s "$repo" "$action"
version="$("$ims_bin" --version)"

# The release: the binary and its SHA256SUMS, for a tag and for latest.
asset=ims-x86_64-unknown-linux-gnu
for dir in download/v0.1.0 latest/download; do
  mkdir -p "$scratch/releases/$dir"
  cp "$ims_bin" "$scratch/releases/$dir/$asset"
  (cd "$scratch/releases/$dir" && sha256sum -- "$asset" > SHA256SUMS)
done

# A fresh runner for each run: empty temp folder and command files.
fresh_runner() {
  rm -rf "${scratch:?}/runner"
  mkdir -p "$scratch/runner/temp"
  : > "$scratch/runner/path"; : > "$scratch/runner/output"; : > "$scratch/runner/summary"
  export RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$scratch/runner/temp"
  export GITHUB_ACTION_PATH="$action" GITHUB_PATH="$scratch/runner/path"
  export GITHUB_OUTPUT="$scratch/runner/output" GITHUB_STEP_SUMMARY="$scratch/runner/summary"
  export IMS_RELEASES_URL="file://$scratch/releases"
  unset IMS_VERSION IMS_INSTALL_FROM
}
install_ims() {
  set +e
  bash "$repo/.github/action/install.sh" > "$scratch/out" 2> "$scratch/err"
  rc=$?
  set -e
}
installed="$scratch/runner/temp/ims-action/bin/ims"

# 1. The action's own tag, from the release, checksum verified.
fresh_runner
install_ims
[ "$rc" -eq 0 ] || fail "install from the release failed (exit $rc)"
grep -q "SHA-256 of $asset verified" "$scratch/out" || fail "the checksum was not verified"
grep -q "download/v0.1.0" "$scratch/out" || fail "the action's tag v0.1.0 was not the version installed"
[ "$(cat "$GITHUB_PATH")" = "$(dirname "$installed")" ] || fail "GITHUB_PATH does not name the install folder" runner/path
grep -qx "path=$installed" "$GITHUB_OUTPUT" || fail "no path output" runner/output
grep -qx "version=$version" "$GITHUB_OUTPUT" || fail "no version output" runner/output
[ "$("$installed" --version)" = "$version" ] || fail "the installed binary does not run"
ok "installs the release binary of the action's tag, SHA-256 verified, on PATH, with outputs"

# 2. version: latest.
fresh_runner
IMS_VERSION=latest install_ims
[ "$rc" -eq 0 ] || fail "version latest: the install failed (exit $rc)"
grep -q "latest/download" "$scratch/out" || fail "version latest did not install the latest release"
ok "version latest installs the latest release"

# 3. A binary whose checksum does not match is refused, and nothing installed.
fresh_runner
printf 'tampered' >> "$scratch/releases/download/v0.1.0/$asset"
install_ims
[ "$rc" -ne 0 ] || fail "a tampered binary was accepted"
grep -q "::error title=ims not installed::the SHA-256 of $asset is" "$scratch/out" || fail "no checksum error"
[ ! -e "$installed" ] || fail "a tampered binary was installed"
[ ! -s "$GITHUB_PATH" ] || fail "GITHUB_PATH was changed after a checksum error"
cp "$ims_bin" "$scratch/releases/download/v0.1.0/$asset"
ok "a binary whose SHA-256 does not match is refused, nothing installed"

# 4. No release (or no binary for the runner): cargo install from the
# action's source. A stand-in cargo records its arguments and installs the
# real binary, so that the test does not build ims a second time.
mkdir -p "$scratch/fake-cargo"
cat > "$scratch/fake-cargo/cargo" <<FAKE
#!/usr/bin/env bash
printf '%s\n' "\$*" > "$scratch/cargo-args"
root="\$(sed -n 's/.*--root \([^ ]*\).*/\1/p' <<<"\$*")"
mkdir -p "\$root/bin" && cp "$ims_bin" "\$root/bin/ims"
FAKE
chmod +x "$scratch/fake-cargo/cargo"
for case in "IMS_VERSION=9.9.9" "RUNNER_ARCH=ARM" "IMS_INSTALL_FROM=source"; do
  fresh_runner
  rm -f "$scratch/cargo-args"
  export "${case?}"
  PATH="$scratch/fake-cargo:$PATH" install_ims
  [ "$rc" -eq 0 ] || fail "$case: the build from source failed (exit $rc)"
  grep -qx "install --locked --quiet --root $scratch/runner/temp/ims-action --path $action/server/cli" "$scratch/cargo-args" \
    || fail "$case: cargo was not asked to install from the action's source" cargo-args
  grep -qx "path=$installed" "$GITHUB_OUTPUT" || fail "$case: no path output" runner/output
done
ok "without a release binary (missing version, unsupported runner, install-from source) it builds from the action's source"
fresh_runner
PATH="/usr/bin:/bin" RUNNER_ARCH=ARM install_ims
[ "$rc" -ne 0 ] || fail "without cargo and a release binary, the install succeeded"
grep -q "cargo is not on PATH" "$scratch/out" || fail "no clear error without cargo"
ok "without a release binary and without cargo it says what to add"

# 5. The check step, with the installed ims on PATH, in a project folder.
fresh_runner
install_ims
PATH="$(dirname "$installed"):$PATH"
export PATH
project="$scratch/project"
mkdir -p "$project"
cp "$repo"/examples/multi-file/*.ims "$project/"
check_ims() {
  : > "$GITHUB_OUTPUT"; : > "$GITHUB_STEP_SUMMARY"
  set +e
  (cd "$project" && bash "$repo/.github/action/check.sh") > "$scratch/out" 2> "$scratch/err"
  rc=$?
  set -e
}
output() { sed -n "s/^$1=//p" "$GITHUB_OUTPUT"; }

IMS_FORMAT=github IMS_PATHS="." check_ims
[ "$rc" -eq 0 ] || fail "the check step failed (exit $rc)"
[ "$(output exit-code)" = 0 ] || fail "exit-code of a clean IMS is not 0" runner/output
[ "$(output summary)" = "0 errors, 0 warnings, 0 info, 5 hints" ] || fail "wrong summary" runner/output
grep -q '^### ims check passed' "$GITHUB_STEP_SUMMARY" || fail "no step summary" runner/summary
grep -q '^::notice file=processes.ims,line=' "$scratch/out" || fail "no annotations on stdout"
ok "format github: annotations on stdout, exit-code, summary and step summary"

printf '\nunit audit "Internal audit" at nowhere\n' >> "$project/register.ims"
IMS_FORMAT=github IMS_DENY_WARNINGS=true IMS_PATHS=$'\n  register.ims  \n  ims.ims\n  organisation.ims\n  processes.ims\n' check_ims
[ "$rc" -eq 0 ] || fail "the check step itself should succeed on findings (exit $rc)"
[ "$(output exit-code)" = 1 ] || fail "exit-code with an error is not 1" runner/output
# shellcheck disable=SC2016 # The backticks are the message's, not a command.
grep -q '^::error file=register.ims,line=21,endLine=21,col=32,endColumn=39,title=undefined-name::no site named `nowhere`' "$scratch/out" \
  || fail "no error annotation for the undefined site"
grep -q '^### ims check failed' "$GITHUB_STEP_SUMMARY" || fail "the step summary does not say it failed" runner/summary
ok "one path per line (indented, blank lines), an error: exit-code 1, an error annotation"

IMS_FORMAT=sarif IMS_SARIF_FILE=out.sarif IMS_PATHS=. check_ims
[ "$(output exit-code)" = 1 ] || fail "exit-code with an error is not 1" runner/output
[ "$(output sarif-file)" = out.sarif ] || fail "no sarif-file output" runner/output
python3 -m json.tool "$project/out.sarif" > /dev/null || fail "the SARIF log is not JSON"
grep -q '"imsFindingHash/v1"' "$project/out.sarif" || fail "the SARIF log has no fingerprints"
[ ! -s "$scratch/out" ] || fail "format sarif printed to the log instead of the file"
ok "format sarif: the log in sarif-file, with fingerprints"

IMS_FORMAT=xml check_ims
[ "$rc" -ne 0 ] || fail "a wrong format is accepted"
grep -q '::error title=ims check::format must be github or sarif' "$scratch/out" || fail "a wrong format is not named"
ok "a wrong input is an error that names it"
