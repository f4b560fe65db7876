#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium prints the harbour
# example's report to PDF, and the PDF is read back (poppler-utils), as
# docs/report.md promises of the print layout: A4 landscape; the document
# control block and both Statement of Applicability figures on the first
# page; every section on a page of its own; the SoA's columns (reason,
# implementation, owner, evidence) and the registers on paper. Then the SoA
# alone (--section soa) as a document of its own.
# Usage: .ci/test-report-print.sh [IMS_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
ims="${1:-target/release/ims}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export IMS_TODAY=2026-12-04

fail() { echo "report print: $*" >&2; exit 1; }

print() { # HTML PDF
  chromium --headless --disable-gpu --no-sandbox --no-pdf-header-footer \
    --print-to-pdf="$2" "file://$1" > /dev/null 2>&1 || fail "chromium could not print $1"
}

"$ims" report examples/harbour --format html -o "$out/harbour.html"
print "$out/harbour.html" "$out/harbour.pdf"
pdfinfo "$out/harbour.pdf" | grep -Eq '^Page size: +841\.92 x 59[45]\.[0-9]+ pts \(A4\)' \
  || fail "not A4 landscape: $(pdfinfo "$out/harbour.pdf" | grep 'Page size')"
pages="$(pdfinfo "$out/harbour.pdf" | awk '/^Pages:/ { print $2 }')"

page() { pdftotext -layout -f "$1" -l "$1" "$out/harbour.pdf" -; }
first="$(page 1)"
for text in "Document control" "IMS revision" "content " "approved" "Managing director" \
  "Annex A controls addressed in the SoA: 93 of 93" "Applicable controls in place: 87 of 92"; do
  grep -qF "$text" <<< "$first" || fail "page 1 has no \"$text\""
done

# Each section starts a page: its heading is the first line of some page.
declare -A starts=()
for p in $(seq 1 "$pages"); do
  text="$(page "$p")"
  heading="$(awk 'NF { gsub(/^[ \t]+|[ \t]+$/, ""); print; exit }' <<< "$text")"
  starts["$heading"]=$p
done
for heading in "Integration matrix" "Scope matrix" "Statement of Applicability: ISMS" "Processes" \
  "Interested parties" "Objectives" "Documented information" "Findings"; do
  [ -n "${starts[$heading]:-}" ] || fail "no page starts with \"$heading\""
done
soa="$(page "${starts["Statement of Applicability: ISMS"]}")"
for column in Justification Reason Implementation Owner Evidence "Implemented by"; do
  grep -qF "$column" <<< "$soa" || fail "the SoA's first page has no column \"$column\""
done
all="$(pdftotext -layout "$out/harbour.pdf" -)"
grep -qF "planned 2027-09-30" <<< "$all" || fail "A.8.11's planned date is not printed"

"$ims" report examples/harbour --section soa --format html -o "$out/soa.html"
print "$out/soa.html" "$out/soa.pdf"
soa_first="$(pdftotext -layout -f 1 -l 1 "$out/soa.pdf" -)"
grep -qF "STATEMENT OF APPLICABILITY" <<< "$soa_first" || grep -qF "Statement of Applicability" <<< "$soa_first" \
  || fail "the SoA alone is not titled so"
soa_all="$(pdftotext "$out/soa.pdf" -)"
if grep -qF "Integration matrix" <<< "$soa_all"; then
  fail "the SoA alone prints the integration matrix"
fi
echo "report print: harbour: $pages A4 landscape pages, every section on its own; the SoA alone: $(pdfinfo "$out/soa.pdf" | awk '/^Pages:/ { print $2 }') pages"
