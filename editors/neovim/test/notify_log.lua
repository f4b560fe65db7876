-- Records every vim.notify of a test run, for the Neovim tests
-- (e2e.lua, notifications.lua): `local log = dofile(".../notify_log.lua")`.
-- Plain Lua that Neovim 0.7 runs too.

local log = { entries = {} }

vim.notify = function(message, level)
  table.insert(log.entries, { message = message, level = level or vim.log.levels.INFO })
  io.stdout:write("notify: " .. message .. "\n")
end

--- Whether a notification matched `pattern` (a Lua pattern), at `level`
--- when given.
function log.notified(pattern, level)
  for _, n in ipairs(log.entries) do
    if n.message:find(pattern) and (level == nil or n.level == level) then
      return true
    end
  end
  return false
end

--- The messages notified at WARN or above.
function log.warnings()
  local found = {}
  for _, n in ipairs(log.entries) do
    if n.level >= vim.log.levels.WARN then
      table.insert(found, n.message)
    end
  end
  return found
end

return log
