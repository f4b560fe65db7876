-- End-to-end test of editors/neovim/ims.lua in a real, headless Neovim
-- (0.11 or newer) with the real `ims lsp`: run by editors/neovim/test/run.sh,
-- which gives it a private XDG home, `ims` on PATH and IMS_E2E_WORKSPACE, a
-- folder holding a copy of examples/acme.ims and an ims.toml.
--
-- It installs the parser as a user would (:ImsInstallParser), opens the
-- example, and checks attach, diagnostics, hover with correlations,
-- completion and the tree-sitter highlight captures of grammar/queries.
-- Every check waits for its event with vim.wait (which keeps processing
-- events and returns as soon as the condition holds), never a fixed sleep.

-- `-u NONE` skips the defaults a user's Neovim has; filetype detection is
-- the one ims.lua relies on.
vim.cmd("filetype plugin indent on")

local TIMEOUT = 60000

local repo = assert(vim.env.IMS_REPO, "IMS_REPO names the clone")
local workspace = assert(vim.env.IMS_E2E_WORKSPACE, "IMS_E2E_WORKSPACE names the test folder")

local failures = 0
local function check(condition, message)
  if condition then
    io.stdout:write("ok: " .. message .. "\n")
  else
    failures = failures + 1
    io.stdout:write("FAILED: " .. message .. "\n")
  end
  return condition
end

-- Fails the test at once: what follows depends on it.
local function require_that(condition, message)
  if not check(condition, message) then
    error("cannot go on after: " .. message, 0)
  end
end

local function wait_for(description, condition)
  local ok = vim.wait(TIMEOUT, condition, 20)
  require_that(ok, description .. " (waited up to " .. TIMEOUT / 1000 .. " s)")
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local content = file:read("*a")
  file:close()
  return content
end

-- Every notification, to check what ims.lua said.
local log = dofile(repo .. "/editors/neovim/test/notify_log.lua")
local notified, warnings = log.notified, log.warnings

-- Events recorded as they come.
local attached, diagnostics_changed = nil, false
vim.api.nvim_create_autocmd("LspAttach", {
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == "ims" then
      attached = { client = client, buf = args.buf }
    end
  end,
})
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function()
    diagnostics_changed = true
  end,
})

-- 1. Setup as docs/lsp.md says, with the file loaded from the clone.
local ims = dofile(repo .. "/editors/neovim/ims.lua")
require_that(ims.setup({ grammar = repo .. "/grammar" }), "setup() accepts this Neovim")
check(#warnings() == 0, "setup() warns about nothing: " .. table.concat(warnings(), " | "))

-- 2. :ImsInstallParser builds the parser and copies the project's queries.
vim.cmd("ImsInstallParser")
local site = vim.fn.stdpath("data") .. "/site"
require_that(vim.uv.fs_stat(site .. "/parser/ims.so") ~= nil, ":ImsInstallParser built parser/ims.so")
check(notified("installed the tree%-sitter parser", vim.log.levels.INFO), ":ImsInstallParser says what it installed")
for _, name in ipairs({ "highlights.scm", "locals.scm", "folds.scm", "indents.scm" }) do
  check(
    read(site .. "/queries/ims/" .. name) == read(repo .. "/grammar/queries/" .. name),
    "queries/ims/" .. name .. " is the project's grammar/queries/" .. name
  )
end
local highlight_files = vim.treesitter.query.get_files("ims", "highlights")
check(
  #highlight_files == 1 and vim.fs.normalize(highlight_files[1]) == vim.fs.normalize(site .. "/queries/ims/highlights.scm"),
  "Neovim reads the installed highlights.scm: " .. table.concat(highlight_files, ", ")
)

-- 3. Open the example: filetype, tree-sitter, language server.
local file = workspace .. "/acme.ims"
vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == "ims", "the .ims file has filetype ims")
check(vim.bo[buf].commentstring == "// %s", "commentstring is // %s")

wait_for("the ims language server attaches", function()
  return attached ~= nil and attached.buf == buf
end)
local client = attached.client
check(
  vim.fs.normalize(client.root_dir or "") == vim.fs.normalize(vim.uv.fs_realpath(workspace)),
  "the root is the folder with ims.toml: " .. tostring(client.root_dir)
)

-- Diagnostics: the Acme scenario's scope gap of team-a.
local function diagnostic_with(code, pattern)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code and d.message:find(pattern) then
      return d
    end
  end
end
wait_for("diagnostics arrive (a scope-gap on team-a)", function()
  return diagnostics_changed and diagnostic_with("scope-gap", "team%-a") ~= nil
end)
local gap = diagnostic_with("scope-gap", "team%-a")
check(gap.severity == vim.diagnostic.severity.WARN, "scope-gap is a warning")
check(vim.api.nvim_buf_get_lines(buf, gap.lnum, gap.lnum + 1, true)[1]:find("team%-a", 1) ~= nil, "the scope-gap points at a line naming team-a")

-- Positions are found in the text, not hard-coded, so the example may change.
local function position_of(needle, offset)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    local col = line:find(needle, 1, true)
    if col then
      return row - 1, col - 1 + (offset or 0)
    end
  end
  error("the example no longer contains " .. needle, 0)
end

local function request(method, row, col)
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_cursor(win, { row + 1, col })
  local params = vim.lsp.util.make_position_params(win, client.offset_encoding)
  local response, err = client:request_sync(method, params, TIMEOUT, buf)
  require_that(response ~= nil, method .. " answered: " .. tostring(err))
  require_that(response.err == nil, method .. " without error: " .. vim.inspect(response.err))
  return response.result
end

-- Hover on 20000-1:8.3.4 (supplier management): its correlations with
-- 9001 8.4 and the 27001 supplier controls.
local row, col = position_of("20000-1:8.3.4", #"20000-1:")
local hover = request("textDocument/hover", row, col)
local hover_text = hover and hover.contents and (hover.contents.value or hover.contents) or ""
-- The server escapes every ASCII punctuation mark of catalog and user text
-- (`8\.3\.4`); read the text as Markdown renders it.
if type(hover_text) == "string" then
  hover_text = hover_text:gsub("\\(%p)", "%1")
end
check(type(hover_text) == "string" and hover_text:find("8.3.4", 1, true) ~= nil, "hover names the clause")
check(hover_text:find("**Correlations**", 1, true) ~= nil, "hover lists the correlations")
check(hover_text:find("9001", 1, true) ~= nil and hover_text:find("8.4", 1, true) ~= nil, "hover shows the correlation with 9001 8.4")

-- Completion right after `20000-1:` in a covers statement: clause numbers.
row, col = position_of("20000-1:8.3.4", #"20000-1:")
local completion = request("textDocument/completion", row, col)
local items = completion and (completion.items or completion) or {}
local labels = {}
for _, item in ipairs(items) do
  labels[item.label] = true
end
local has_clause = false
for label in pairs(labels) do
  if label:find("^8%.3%.4") then
    has_clause = true
  end
end
check(#items > 0 and has_clause, ("completion offers 20000-1 clauses (8.3.4 among %d items)"):format(#items))

-- 4. Tree-sitter: highlighting is on, and the captures are the project's.
check(vim.treesitter.highlighter.active[buf] ~= nil, "vim.treesitter.start() switched highlighting on")
local parser = vim.treesitter.get_parser(buf, "ims")
parser:parse(true)
local function captures_at(r, c)
  local names = {}
  for _, capture in ipairs(vim.treesitter.get_captures_at_pos(buf, r, c)) do
    names[capture.capture] = true
  end
  return names
end
local function check_capture(needle, offset, capture)
  local r, c = position_of(needle, offset)
  local names = captures_at(r, c)
  check(names[capture] == true, ("%q is captured as @%s (got %s)"):format(needle, capture, vim.inspect(vim.tbl_keys(names))))
end
check_capture("process supplier-management", 0, "keyword.type")
check_capture("process supplier-management", #"process ", "type.definition")
check_capture("  performed-by", 2, "keyword")
check_capture('"Supplier management"', 1, "string")
check_capture("// Acme Managed Services", 3, "comment")

-- No warnings or errors were notified along the way.
check(#warnings() == 0, "nothing was wrong along the way: " .. table.concat(warnings(), " | "))

vim.lsp.stop_client(client.id)
wait_for("the server stops", function()
  return client:is_stopped()
end)

if failures > 0 then
  error(failures .. " check(s) failed", 0)
end
io.stdout:write("neovim e2e: all checks passed\n")
