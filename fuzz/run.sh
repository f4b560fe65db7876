#!/usr/bin/env bash
# Seeds the corpus of one fuzz target and runs it for a while:
#
#   fuzz/run.sh parse_and_analyze 60
#   fuzz/run.sh incremental_edits 600
#
# Seeds: every .ims file under examples/ and every input of the grammar's
# corpus (grammar/test/corpus/*.txt); for incremental_edits each seed also
# gets a small edit script after a NUL byte. cargo-fuzz needs nightly-only
# compiler flags (sanitizers, coverage instrumentation), which a stable
# toolchain accepts with RUSTC_BOOTSTRAP=1, set here for this script only.
# Crashes land in fuzz/artifacts/<target>/; see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-60}
corpus="corpus/$target"
mkdir -p "$corpus"

seed() { # seed NAME < content
  if [ "$target" = incremental_edits ]; then
    # Type "x" at the middle, delete 3 bytes at a quarter, insert "{ }" at
    # the end in the same batch, then replace 5 bytes at three quarters.
    { cat; printf '\0\0\0\200\0\1x\1\0\100\3\0\1\377\377\0\3{ }\0\0\300\5\2ab'; } > "$corpus/$1"
  else
    cat > "$corpus/$1"
  fi
}

while IFS= read -r -d '' file; do
  seed "example-$(echo "$file" | tr '/' '-')" < "$file"
done < <(find ../examples -name '*.ims' -print0)

# A corpus case: a line of '=', its title, a line of '=', the input, a line
# of '-', the expected tree.
for file in ../grammar/test/corpus/*.txt; do
  base=$(basename "$file" .txt)
  awk -v dir="$(mktemp -d)" -v base="$base" '
    /^=+$/ { header = !header; if (!header) { n++; out = dir "/" base "-" n; printf "" > out } ; next }
    header { next }
    /^-+$/ { out = ""; next }
    out != "" { print >> out }
    END { print dir }
  ' "$file" > /tmp/ims-fuzz-dir.$$
  dir=$(tail -1 /tmp/ims-fuzz-dir.$$)
  for case in "$dir"/*; do
    [ -e "$case" ] && seed "corpus-$(basename "$case")" < "$case"
  done
  rm -rf "$dir" /tmp/ims-fuzz-dir.$$
done

export RUSTC_BOOTSTRAP=1
exec cargo fuzz run --release --debug-assertions "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1
