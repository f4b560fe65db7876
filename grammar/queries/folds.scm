; Folding: every `{ ... }` block (declaration bodies, `scope` and `controls`)
; and every block comment.
[
  (block)
  (block_comment)
] @fold
