-- Neovim's built-in LSP client with context-clangd, headless: the settings
-- of docs/examples/context-clangd.lua (sourced from CT_SETTINGS), the file
-- given on the command line opened, its diagnostics written to CT_OUT as
-- they appear in the editor (vim.diagnostic), then an edit that breaks the
-- file, undo, and the quick fix of the fix-it applied through the client.
--
--   env CT_SETTINGS=... CT_CLANGD=... CT_OUT=... nvim --headless --clean \
--     -c 'luafile nvim-lsp.lua' FILE
local out = assert(io.open(os.getenv('CT_OUT'), 'w'))
local function say(s)
  out:write(s, '\n')
  out:flush()
end

local function finish(status)
  say('done: ' .. status)
  out:close()
  vim.cmd(status == 'ok' and 'qall!' or 'cquit!')
end

local ok, err = pcall(function()
  -- The settings under test start the client for C++ buffers (FileType).
  vim.g.context_clangd_cmd = { os.getenv('CT_CLANGD') }
  dofile(os.getenv('CT_SETTINGS'))
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.argv(0)))
  local buf = vim.api.nvim_get_current_buf()

  local function diagnostics()
    local ds = vim.diagnostic.get(buf)
    table.sort(ds, function(a, b)
      if a.lnum ~= b.lnum then return a.lnum < b.lnum end
      return a.col < b.col
    end)
    return ds
  end
  local function count(pred)
    local n = 0
    for _, d in ipairs(diagnostics()) do
      if pred(d) then n = n + 1 end
    end
    return n
  end
  local function is_context(d)
    return type(d.code) == 'string' and d.code:sub(1, 8) == 'context-'
  end
  local function is_error(d)
    return d.severity == vim.diagnostic.severity.ERROR
  end
  local function show(title)
    say('== ' .. title)
    for _, d in ipairs(diagnostics()) do
      say(string.format('%d:%d %s [%s] %s', d.lnum + 1, d.col + 1,
        vim.diagnostic.severity[d.severity], tostring(d.code or ''),
        (d.message:gsub('\n', ' | '))))
    end
  end
  local function wait_for(what, pred)
    if not vim.wait(90000, pred, 50) then
      error('timed out waiting for ' .. what)
    end
  end

  wait_for('the client', function() return #vim.lsp.buf_get_clients(buf) > 0 end)
  local client = vim.lsp.buf_get_clients(buf)[next(vim.lsp.buf_get_clients(buf))]
  say('client: ' .. client.name)
  wait_for('context-* diagnostics', function() return count(is_context) > 0 end)
  show('opened')

  -- Break it: delete the closing brace of leak() as a user would ("dd").
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local brace
  for i, l in ipairs(lines) do
    if l == '  ctx->Done();' then brace = i + 1 break end
  end
  vim.api.nvim_win_set_cursor(0, { brace, 0 })
  vim.cmd('normal! dd')
  wait_for('compile errors', function() return count(is_error) > 0 end)
  show('closing brace of leak() deleted')
  vim.cmd('normal! u')
  wait_for('the findings again',
    function() return count(is_error) == 0 and count(is_context) > 0 end)
  show('undone')

  -- The quick fix of the uncancellable wait, as :lua vim.lsp.buf.code_action()
  -- would apply it: ask for the code actions of the diagnostic, apply the
  -- edit of the quickfix.
  local target
  for _, d in ipairs(diagnostics()) do
    if d.code == 'context-uncancellable-wait' then target = d end
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = {
      start = { line = target.lnum, character = target.col },
      ['end'] = { line = target.end_lnum, character = target.end_col },
    },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000)
  local applied = false
  for _, r in pairs(responses or {}) do
    for _, action in ipairs(r.result or {}) do
      say('action: ' .. action.title .. ' (' .. tostring(action.kind) .. ')')
      if not applied and action.kind == 'quickfix' and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        applied = true
      end
    end
  end
  say('line ' .. (target.lnum + 1) .. ' now: ' ..
    vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1])
  wait_for('the diagnostics of the fixed file', function()
    return count(function(d) return d.code == 'context-uncancellable-wait' end) == 0
  end)
  show('after the quick fix')
end)
if not ok then
  say('error: ' .. tostring(err))
  finish('error')
else
  finish('ok')
end
