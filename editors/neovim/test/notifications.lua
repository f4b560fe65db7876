-- What editors/neovim/ims.lua says when something is missing or too old,
-- in a real headless Neovim: run by editors/neovim/test/run.sh with a
-- private XDG home (no parser installed), without `ims` on PATH and without
-- IMS_REPO. On a Neovim older than 0.11 (Debian 12's apt has 0.7.2) it
-- checks the one error that says so; on 0.11 or newer, each missing piece.
-- It runs under `-c "luafile ..."`, which Neovim 0.7 has (`-l` came in 0.9),
-- and ends with :cquit on a failure.

-- `-u NONE` skips the defaults a user's Neovim has; filetype detection is
-- the one ims.lua relies on.
vim.cmd("filetype plugin indent on")

local failures = 0
local function check(condition, message)
  io.stdout:write((condition and "ok: " or "FAILED: ") .. message .. "\n")
  if not condition then
    failures = failures + 1
  end
end

local repo = os.getenv("IMS_E2E_REPO")
local log = dofile(repo .. "/editors/neovim/test/notify_log.lua")
local notified = log.notified
local ims = dofile(repo .. "/editors/neovim/ims.lua")
local ok, result = pcall(ims.setup, {})
check(ok, "setup() raises no error: " .. tostring(not ok and result or ""))

if vim.fn.has("nvim-0.11") == 0 then
  check(result == false, "setup() declines this Neovim")
  check(notified("too old: the IMS configuration needs Neovim 0%.11 or newer", vim.log.levels.ERROR), "an error names the minimum version")
else
  check(result == true, "setup() accepts this Neovim")
  check(notified("`ims` is not on PATH", vim.log.levels.ERROR), "a missing `ims` is an error that says how to install it")
  -- No parser: opening an .ims file says how to get highlighting, once.
  local workspace = os.getenv("IMS_E2E_WORKSPACE")
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/acme.ims"))
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/second.ims"))
  check(vim.bo.filetype == "ims", "the filetype is set without a parser")
  local count = 0
  for _, n in ipairs(log.entries) do
    if n.message:find("no tree%-sitter highlighting") and n.message:find(":ImsInstallParser") then
      count = count + 1
    end
  end
  check(count == 1, "a missing parser is said once, with :ImsInstallParser (" .. count .. " times)")
  check(notified("ABI 15", vim.log.levels.WARN), "the parser message names the ABI")
  -- Without grammar or IMS_REPO, and this file copied out of the clone.
  local copy = vim.fn.tempname() .. ".lua"
  vim.fn.writefile(vim.fn.readfile(repo .. "/editors/neovim/ims.lua"), copy)
  local copied = dofile(copy)
  copied.setup({ cmd = { "true" } })
  check(copied.install_parser() == false, "install_parser() fails without a grammar")
  check(notified("cannot find the grammar", vim.log.levels.ERROR), "and says to set `grammar` or IMS_REPO")
end

if failures > 0 then
  io.stdout:write(failures .. " check(s) failed\n")
  vim.cmd("cquit 1")
end
io.stdout:write("neovim notifications: all checks passed\n")
vim.cmd("qall!")
