; Zed's indentation: a block indents its statements, `}` ends it.
(block "}" @end) @indent
