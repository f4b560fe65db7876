; Indentation in the nvim-treesitter conventions: the statements of a block are
; indented one level; the closing brace returns to the level of the line that
; opened the block and ends the indented region.
(block) @indent.begin

(block
  "}" @indent.branch @indent.end)

; Keep whatever indentation the author gave the lines of a block comment.
(block_comment) @indent.auto
