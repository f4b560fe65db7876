-- IMS language tools in Neovim (0.10 or newer): filetype, the tree-sitter
-- parser and queries of grammar/, and the `ims lsp` language server through
-- nvim-lspconfig.
--
-- Install: put `ims` on PATH (`cargo install --path server/cli` in the
-- repository), copy this file to ~/.config/nvim/lua/ims.lua, set IMS_REPO
-- below to your clone, then in init.lua:
--
--   require("ims")
--
-- and, once, `:TSInstall ims` for the parser plus the queries:
--
--   mkdir -p ~/.config/nvim/queries/ims
--   cp "$IMS_REPO"/grammar/queries/*.scm ~/.config/nvim/queries/ims/

local IMS_REPO = vim.env.IMS_REPO or (vim.env.HOME .. "/src/ims-language-tools")

vim.filetype.add({ extension = { ims = "ims" } })

-- Comments for `gc` and friends.
vim.api.nvim_create_autocmd("FileType", {
  pattern = "ims",
  callback = function()
    vim.bo.commentstring = "// %s"
    vim.bo.shiftwidth = 2
    vim.bo.expandtab = true
  end,
})

-- Tree-sitter (nvim-treesitter, `master` branch API): the parser is built from
-- the committed grammar/src/parser.c. highlights, folds, indents and locals
-- come from grammar/queries (copied as above).
local ok_parsers, parsers = pcall(require, "nvim-treesitter.parsers")
if ok_parsers and parsers.get_parser_configs then
  parsers.get_parser_configs().ims = {
    install_info = {
      url = IMS_REPO .. "/grammar",
      files = { "src/parser.c" },
      requires_generate_from_grammar = false,
    },
    filetype = "ims",
  }
end
-- On nvim-treesitter's `main` branch the same is:
--   vim.api.nvim_create_autocmd("User", { pattern = "TSUpdate", callback = function()
--     require("nvim-treesitter.parsers").ims = { install_info = { path = IMS_REPO .. "/grammar", queries = "queries" } }
--   end })

-- The language server. `settings.ims` is what the server reads through
-- workspace/configuration (docs/lsp.md): per-code severities and inlay hints.
local ok_lspconfig, lspconfig = pcall(require, "lspconfig")
if ok_lspconfig then
  local configs = require("lspconfig.configs")
  if not configs.ims then
    configs.ims = {
      default_config = {
        cmd = { "ims", "lsp" },
        filetypes = { "ims" },
        root_dir = lspconfig.util.root_pattern("ims.toml", ".git"),
        single_file_support = true,
        settings = {
          ims = {
            diagnostics = { severity = { ["harmonized-additions"] = "hint" } },
            inlayHints = { enable = true },
          },
        },
      },
      docs = { description = "IMS language server (`ims lsp`) of the IMS language tools." },
    }
  end
  lspconfig.ims.setup({
    on_attach = function(client, bufnr)
      -- Clause titles after each clause reference.
      if client.server_capabilities.inlayHintProvider then
        vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
      end
    end,
  })
end
-- Without nvim-lspconfig, Neovim 0.11 needs only:
--   vim.lsp.config("ims", { cmd = { "ims", "lsp" }, filetypes = { "ims" }, root_markers = { "ims.toml", ".git" } })
--   vim.lsp.enable("ims")
