-- Drives the Source Anchors server through Neovim's built-in LSP client (0.7 or later), headless.
-- Run as `nvim --headless --clean -c 'luafile client.lua'` with SA_SPEC naming a JSON file:
--   { "cmd": [...server command...], "root": dir, "draft": file, "report": file,
--     "probes": [ { "name", "method", "line" (0-based), "needle", "accept"? } ] }
-- It starts the server, opens the draft, waits for the server's ready notification and the
-- draft's diagnostics, then sends each probe's request with the cursor on the needle's first
-- byte, letting Neovim turn its byte column into the protocol's UTF-16 position. Everything
-- seen goes to the report file as JSON; neovim.e2e.ts makes the assertions. Neovim exits 0
-- when the script ran through, 1 (with `error` in the report) when it did not.

local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('SA_SPEC')), '\n'))
local report = { status = {}, probes = {} }
local TIMEOUT = 20000

local function write_report()
  vim.fn.writefile({ vim.fn.json_encode(report) }, spec.report)
end

-- Puts the cursor on the first byte of `needle` in `line` and returns the position parameters.
local function position_at(buf, line, needle)
  local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
  local byte = text:find(needle, 1, true)
  assert(byte, ('no %q on line %d: %s'):format(needle, line, text))
  vim.api.nvim_win_set_cursor(0, { line + 1, byte - 1 })
  return vim.lsp.util.make_position_params(), byte - 1
end

-- Sends one request to our client and returns its result, failing on an error or a timeout.
local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  assert(responses, ('%s: %s'):format(method, err or 'no response'))
  for _, r in pairs(responses) do
    assert(not r.err, ('%s: %s'):format(method, vim.inspect(r.err)))
    return r.result
  end
  error(method .. ': no client answered')
end

-- Applies the completion item labelled `label` the way accepting it would, and returns the line.
local function accept(buf, client, line, items, label)
  for _, item in ipairs(items.items or items) do
    if item.label == label then
      local edit = item.textEdit
      if edit.replace then
        edit = { range = edit.replace, newText = edit.newText }
      end
      vim.lsp.util.apply_text_edits({ edit }, buf, client.offset_encoding)
      if item.additionalTextEdits then
        vim.lsp.util.apply_text_edits(item.additionalTextEdits, buf, client.offset_encoding)
      end
      return vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
    end
  end
  error('no completion item labelled ' .. label)
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'source-anchors',
    cmd = spec.cmd,
    root_dir = spec.root,
    workspace_folders = { { uri = vim.uri_from_fname(spec.root), name = 'workspace' } },
    handlers = {
      ['sourceAnchors/status'] = function(_, params)
        table.insert(report.status, params)
      end,
    },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(spec.draft))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local ready = vim.wait(TIMEOUT, function()
    local last = report.status[#report.status]
    return last ~= nil and last.state == 'ready'
  end, 20)
  assert(ready, 'no sourceAnchors/status {state: ready} within 20 s')
  report.serverCapabilities = client.server_capabilities
  report.offsetEncoding = client.offset_encoding
  report.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true)

  assert(vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20), 'no diagnostics for the draft within 20 s')
  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.diagnostics, {
      lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source, code = d.code,
    })
  end

  for _, probe in ipairs(spec.probes) do
    local params, byte = position_at(buf, probe.line, probe.needle)
    local seen = { byte = byte, position = params.position }
    if probe.method == 'textDocument/codeAction' then
      params = vim.lsp.util.make_range_params()
      params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, probe.line) }
    end
    seen.result = request(buf, probe.method, params)
    if probe.accept then
      seen.accepted = accept(buf, client, probe.line, seen.result, probe.accept)
    end
    report.probes[probe.name] = seen
  end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  report.error = tostring(err)
end
write_report()
vim.cmd(ok and 'qall!' or 'cquit!')
