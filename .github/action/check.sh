#!/usr/bin/env bash
# Runs `ims check` for the GitHub Action (action.yml, step "check"):
# annotations (`--format github`) or a SARIF log for code scanning.
#
# Environment (set by action.yml from its inputs):
#   IMS_PATHS          files and directories forming one IMS, one per line
#                      (empty: the current directory)
#   IMS_FORMAT         `github` or `sarif`
#   IMS_SARIF_FILE     where the SARIF log goes (format sarif)
#   IMS_DENY_WARNINGS  `true`: warnings fail the check too
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY  as GitHub Actions sets them
#
# Outputs: `exit-code` (of ims check: 0, 1 findings, 2 usage or input
# error), `summary` (the counts by severity) and `sarif-file` (format sarif,
# when a log was written). The script itself succeeds whatever ims found, so
# that the SARIF upload runs; action.yml's last step fails the job with
# `exit-code`.
set -euo pipefail

paths=()
while IFS= read -r line; do
  # Surrounding blanks are YAML indentation, not part of a path.
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  if [ -n "$line" ]; then paths+=("$line"); fi
done <<<"${IMS_PATHS:-}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

options=()
case "${IMS_DENY_WARNINGS:-false}" in
  true) options+=(--deny warnings) ;;
  false) ;;
  *) echo "::error title=ims check::deny-warnings must be true or false, not $IMS_DENY_WARNINGS"; exit 1 ;;
esac

sarif_file=
set +e
case "${IMS_FORMAT:-github}" in
  github)
    ims check --format github "${options[@]+"${options[@]}"}" -- "${paths[@]}"
    rc=$?
    ;;
  sarif)
    sarif_file="${IMS_SARIF_FILE:-ims.sarif}"
    ims check --format sarif "${options[@]+"${options[@]}"}" -- "${paths[@]}" >"$sarif_file"
    rc=$?
    ;;
  *)
    echo "::error title=ims check::format must be github or sarif, not $IMS_FORMAT"
    exit 1
    ;;
esac
# The counts, from the last line of the human output.
summary="$(ims check --color never "${options[@]+"${options[@]}"}" -- "${paths[@]}" 2>/dev/null | tail -n 1)"
set -e

case "$rc" in
  0) verdict="passed" ;;
  1) verdict="failed: findings that fail the check" ;;
  *) verdict="could not check (exit code $rc): see the log" ;;
esac
{
  echo "exit-code=$rc"
  echo "summary=$summary"
  if [ -n "$sarif_file" ] && [ -s "$sarif_file" ]; then echo "sarif-file=$sarif_file"; fi
} >>"${GITHUB_OUTPUT:?}"
{
  echo "### ims check $verdict"
  echo
  if [ "$rc" -le 1 ]; then echo "$summary"; fi
  if [ -n "$sarif_file" ] && [ -s "$sarif_file" ]; then
    echo
    echo "The findings are in the SARIF log \`$sarif_file\` (code scanning)."
  fi
} >>"${GITHUB_STEP_SUMMARY:?}"
