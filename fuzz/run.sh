#!/usr/bin/env bash
# Seeds the corpus of one fuzz target and runs it for a while:
#
#   fuzz/run.sh parse_and_analyze 60
#   fuzz/run.sh incremental_edits 600
#   fuzz/run.sh transport 600
#   fuzz/run.sh catalog 600
#
# Seeds: every .ims file under examples/ and every input of the grammar's
# corpus (grammar/test/corpus/*.txt); for incremental_edits each seed also
# gets a small edit script after a NUL byte. transport is seeded with a few
# whole LSP sessions (good and bad frames), catalog with the complete
# example of docs/catalogs.md and the built-in data files. cargo-fuzz needs nightly-only
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

# One LSP frame around a JSON body (byte length: LC_ALL=C).
frame() {
  local LC_ALL=C
  printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}

seed_transport() {
  local init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
  local ready='{"jsonrpc":"2.0","method":"initialized","params":{}}'
  local text='ims \"A\" { standards iso9001@2015 }\nunit ops \"Ops\" at hq\nsystem QMS standard iso9001@2015 { scope { units ops } }\nprocess p { covers 9001:8.4 }\n'
  local open='{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a.ims","languageId":"ims","version":1,"text":"'"$text"'"}}}'
  local change='{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:a.ims","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":9},"end":{"line":1,"character":12}},"text":"\"X"}]}}'
  local doc='"textDocument":{"uri":"untitled:a.ims"}'
  local at='"position":{"line":3,"character":22}'
  {
    frame "$init"; frame "$ready"; frame "$open"; frame "$change"
    frame '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{'"$doc,$at"'}}'
    frame '{"jsonrpc":"2.0","id":3,"method":"textDocument/completion","params":{'"$doc,$at"'}}'
    frame '{"jsonrpc":"2.0","id":4,"method":"textDocument/semanticTokens/full","params":{'"$doc"'}}'
    frame '{"jsonrpc":"2.0","id":5,"method":"textDocument/documentSymbol","params":{'"$doc"'}}'
    frame '{"jsonrpc":"2.0","id":6,"method":"textDocument/formatting","params":{'"$doc"',"options":{"tabSize":2,"insertSpaces":true}}}'
    frame '{"jsonrpc":"2.0","id":7,"method":"shutdown"}'
    frame '{"jsonrpc":"2.0","method":"exit"}'
  } > "$corpus/session"
  {
    frame "$init"; frame "$ready"
    printf 'Content-Length: 10\r\n\r\n'; printf '%s' "$open"
    printf 'Garbage\r\n\r\nContent-Length: zz\r\n\r\nContent-Length: 99999999999\r\n\r\n'
    frame '{"jsonrpc":"2.0","id":8,"method":"$/foo"}'
    frame '{"jsonrpc":"2.0","id":9,"method":7}'
    frame "$open"
    frame '{"jsonrpc":"2.0","id":10,"method":"textDocument/foldingRange","params":{'"$doc"'}}'
  } > "$corpus/bad-frames"
}

seed_catalog() {
  awk '/<!-- complete-example/ { found = 1 } found && /^```toml$/ { on = 1; next } on && /^```$/ { exit } on { print }' \
    ../docs/catalogs.md > "$corpus/docs-example"
  for file in ../server/catalog/data/*.toml; do
    cp "$file" "$corpus/builtin-$(basename "$file" .toml)"
  done
}

seed_ims() {
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
}

max_len=8192
case "$target" in
  transport) seed_transport; max_len=16384 ;;
  catalog) seed_catalog; max_len=65536 ;;
  *) seed_ims ;;
esac

export RUSTC_BOOTSTRAP=1
exec cargo fuzz run --release --debug-assertions "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -print_final_stats=1
