#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with the real pre-commit, in a throwaway git
# repository that uses this repository's hooks through `pre-commit try-repo`
# (which takes the working tree as it is, committed or not):
#
#   .ci/test-pre-commit.sh PRE_COMMIT IMS
#
# A formatted, error-free IMS passes both hooks; a badly formatted file fails
# ims-fmt (and is formatted by it); a file with an error fails ims-check.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
pre_commit="$1"
ims_bin="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$ims_bin" "$scratch/bin/ims"
export PATH="$scratch/bin:$PATH"
# pre-commit's cache and the project, both private to this run.
export PRE_COMMIT_HOME="$scratch/cache"
project="$scratch/project"
mkdir -p "$project"
cp "$repo"/examples/multi-file/*.ims "$project/"
cd "$project"
git init --quiet
git config user.email ci@example.invalid
git config user.name CI
git add .
git commit --quiet -m "An IMS in several files"

"$pre_commit" validate-manifest "$repo/.pre-commit-hooks.yaml"

# Runs the hooks on every file; stores the output in $out and the exit code in $rc.
run_hooks() {
  set +e
  out="$("$pre_commit" try-repo "$repo" "$@" --all-files 2>&1)"
  rc=$?
  set -e
}
fail() {
  echo "pre-commit test: $1" >&2
  printf '%s\n' "$out" >&2
  exit 1
}

run_hooks
[ "$rc" -eq 0 ] || fail "a formatted, error-free IMS should pass both hooks (exit $rc)"
grep -Eq '^ims check\.+Passed' <<<"$out" || fail "ims-check did not pass"
grep -Eq '^ims fmt\.+Passed' <<<"$out" || fail "ims-fmt did not pass"
echo "ok: a good IMS passes ims-check and ims-fmt"

# Badly formatted: ims-fmt fails and leaves the file formatted.
cp organisation.ims "$scratch/organisation.good"
sed -i 's/^unit management "Management" /unit   management   "Management"/' organisation.ims
cmp -s organisation.ims "$scratch/organisation.good" && fail "the test did not unformat the file"
git add organisation.ims
run_hooks ims-fmt
[ "$rc" -eq 1 ] || fail "a badly formatted file should fail ims-fmt (exit $rc)"
grep -Eq '^ims fmt\.+Failed' <<<"$out" || fail "ims-fmt did not report a failure"
grep -q 'files were modified by this hook' <<<"$out" || fail "ims-fmt did not format the file"
cmp -s organisation.ims "$scratch/organisation.good" || fail "ims-fmt did not restore the formatted text"
echo "ok: a badly formatted file fails ims-fmt, which formats it"
git add organisation.ims

# An error (a unit at a site that does not exist): ims-check fails with it.
printf '\nunit audit "Internal audit" at nowhere\n' >> register.ims
git add register.ims
run_hooks ims-check
[ "$rc" -eq 1 ] || fail "an IMS with an error should fail ims-check (exit $rc)"
grep -Eq '^ims check\.+Failed' <<<"$out" || fail "ims-check did not report a failure"
grep -q 'error\[undefined-name\]' <<<"$out" || fail "ims-check did not show the error"
echo "ok: an IMS with an error fails ims-check and shows the error"
