-- context-clangd in Neovim's built-in LSP client, without plugins
-- (Neovim 0.7 or later).  Put it in your init.lua, or `:luafile` it.
-- With nvim-lspconfig instead, one line does the same:
--   require('lspconfig').clangd.setup({ cmd = { 'context-clangd' } })
--
-- One server per project root: the directory of the nearest
-- compile_commands.json above the file, else the working directory
-- (clangd itself also looks in build/ directories above the file).
local cmd = vim.g.context_clangd_cmd or { 'context-clangd' }
local clients = {}

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp', 'objc', 'objcpp', 'cuda' },
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local db = vim.fn.findfile('compile_commands.json', dir .. ';')
    local root = db ~= '' and vim.fn.fnamemodify(db, ':p:h') or vim.fn.getcwd()
    if not clients[root] or vim.lsp.get_client_by_id(clients[root]) == nil then
      clients[root] = vim.lsp.start_client({
        name = 'context-clangd',
        cmd = cmd,
        root_dir = root,
      })
    end
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})
