-- Drives the cfn-hipaa language server from Neovim (0.7 API), as a second LSP client independent
-- of vscode-languageclient. Run by test/editors/neovim.test.ts:
--
--   nvim --headless --clean -n -u test/editors/neovim/attach.lua
--
-- Inputs (environment):
--   CFN_HIPAA_NODE      node executable
--   CFN_HIPAA_SERVER    <repo>/dist/server.js
--   CFN_HIPAA_ROOT      workspace folder (a temp directory)
--   CFN_HIPAA_TEMPLATE  a template with an unencrypted SNS topic and an AWS::KMS::Key
--   CFN_HIPAA_OTHER     a YAML file that is not a CloudFormation template
--   CFN_HIPAA_RESULT    where to write the JSON result
--   CFN_HIPAA_WAIT_MS   bound for each condition wait (default 10000)
--
-- Every wait is on a condition with a bounded timeout (vim.wait), never a fixed sleep. Any error
-- ends Neovim with `cquit 1` after writing the message to stderr.

local RULE = 'sns-topic-encryption'
local WAIT_MS = tonumber(os.getenv('CFN_HIPAA_WAIT_MS') or '') or 10000

local function log(msg)
  io.stderr:write('[neovim-lsp] ' .. msg .. '\n')
end

local function env(name)
  local v = os.getenv(name)
  if not v or v == '' then
    error('environment variable ' .. name .. ' is not set', 0)
  end
  return v
end

--- Waits until cond() is true; raises a descriptive error after WAIT_MS.
local function wait_for(what, cond, describe)
  local ok = vim.wait(WAIT_MS, cond, 20)
  if not ok then
    local extra = describe and ('; ' .. describe()) or ''
    error(string.format('timed out after %d ms waiting for %s%s', WAIT_MS, what, extra), 0)
  end
end

local function read_file(p)
  local f = assert(io.open(p, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

local function write_file(p, s)
  local f = assert(io.open(p, 'wb'))
  f:write(s)
  f:close()
end

local function buf_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

local function cfn_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'cfn-hipaa'
  end, vim.diagnostic.get(bufnr))
end

local function summarize(diags)
  return vim.tbl_map(function(d)
    return { code = d.code, source = d.source, message = d.message, lnum = d.lnum, col = d.col, severity = d.severity }
  end, diags)
end

local function has_code(diags, code)
  for _, d in ipairs(diags) do
    if d.code == code then
      return true
    end
  end
  return false
end

--- Rebuilds the LSP Diagnostic from a vim.diagnostic entry (what vim.lsp.buf.code_action does),
--- converting byte columns back to UTF-16 code units.
local function to_lsp_diagnostic(bufnr, d, offset_encoding)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local function pos(lnum, col)
    local line = lines[lnum + 1] or ''
    col = math.min(col, #line)
    local character = col
    if offset_encoding == 'utf-16' then
      local _, u16 = vim.str_utfindex(line, col)
      character = u16
    elseif offset_encoding == 'utf-32' then
      character = vim.str_utfindex(line, col)
    end
    return { line = lnum, character = character }
  end
  local lsp = vim.deepcopy((d.user_data or {}).lsp or {})
  lsp.range = { start = pos(d.lnum, d.col), ['end'] = pos(d.end_lnum or d.lnum, d.end_col or d.col) }
  lsp.severity = d.severity -- vim.diagnostic.severity uses the LSP numbering (1 error .. 4 hint)
  lsp.message = d.message
  lsp.source = d.source
  lsp.code = d.code
  return lsp
end

local function main()
  local node = env('CFN_HIPAA_NODE')
  local server = env('CFN_HIPAA_SERVER')
  local root = env('CFN_HIPAA_ROOT')
  local template = env('CFN_HIPAA_TEMPLATE')
  local other = env('CFN_HIPAA_OTHER')
  local result_path = env('CFN_HIPAA_RESULT')

  vim.o.hidden = true -- two buffers, one of them modified before it is written

  local result = { nvim = vim.version(), publishes = {}, logs = {} }
  local exited = nil
  local init_result = nil

  local client_id = vim.lsp.start_client({
    name = 'cfn-hipaa',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
    on_init = function(_, initialize_result)
      init_result = initialize_result
    end,
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(result.publishes, {
          uri = params.uri,
          version = params.version,
          codes = vim.tbl_map(function(d)
            return d.code
          end, params.diagnostics),
        })
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
      ['window/logMessage'] = function(_, params)
        table.insert(result.logs, { type = params.type, message = params.message })
      end,
    },
  })
  if not client_id then
    error('vim.lsp.start_client returned nil (could not start ' .. server .. ')', 0)
  end

  wait_for('the initialize response', function()
    return init_result ~= nil or exited ~= nil
  end)
  if exited then
    error(string.format('the server exited during initialization (code %s, signal %s)', exited.code, exited.signal), 0)
  end
  local client = vim.lsp.get_client_by_id(client_id)
  result.offset_encoding = client.offset_encoding
  result.server_info = init_result.serverInfo
  result.server_capabilities = init_result.capabilities

  -- Open both files as a user would (:edit), filetype yaml, and attach the client to each.
  vim.cmd('edit ' .. vim.fn.fnameescape(template))
  local tbuf = vim.api.nvim_get_current_buf()
  vim.bo[tbuf].filetype = 'yaml'
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local obuf = vim.api.nvim_get_current_buf()
  vim.bo[obuf].filetype = 'yaml'
  if tbuf == obuf then
    error('both files opened in the same buffer', 0)
  end
  vim.cmd('buffer ' .. tbuf)

  local turi = vim.uri_from_bufnr(tbuf)
  local ouri = vim.uri_from_bufnr(obuf)
  result.template_uri = turi
  result.other_uri = ouri

  if not vim.lsp.buf_attach_client(tbuf, client_id) then
    error('buf_attach_client failed for the template', 0)
  end
  if not vim.lsp.buf_attach_client(obuf, client_id) then
    error('buf_attach_client failed for the non-template', 0)
  end

  local function publishes_for(uri)
    return vim.tbl_filter(function(p)
      return p.uri == uri
    end, result.publishes)
  end
  local function state()
    return 'publishes so far: ' .. vim.fn.json_encode(result.publishes) .. '; server log: ' .. vim.fn.json_encode(result.logs)
  end

  -- 1. The finding arrives on the template.
  wait_for('the ' .. RULE .. ' diagnostic on ' .. turi, function()
    return has_code(vim.diagnostic.get(tbuf), RULE)
  end, state)
  local before = vim.diagnostic.get(tbuf)
  result.before = summarize(before)

  -- 2. The non-template gets a (necessarily empty) publish, and nothing from cfn-hipaa.
  wait_for('a publishDiagnostics for the non-template ' .. ouri, function()
    return #publishes_for(ouri) > 0
  end, state)
  result.other_diagnostics = summarize(cfn_diagnostics(obuf))
  result.other_all_diagnostics = summarize(vim.diagnostic.get(obuf))

  -- 3. Code actions for the finding, requested the way vim.lsp.buf.code_action does.
  local diag
  for _, d in ipairs(before) do
    if d.code == RULE then
      diag = d
      break
    end
  end
  local lsp_diag = to_lsp_diagnostic(tbuf, diag, client.offset_encoding)
  result.request_diagnostic = lsp_diag
  local params = {
    textDocument = { uri = turi },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses, req_err = vim.lsp.buf_request_sync(tbuf, 'textDocument/codeAction', params, WAIT_MS)
  if not responses then
    error('textDocument/codeAction failed: ' .. tostring(req_err), 0)
  end
  local response = responses[client_id]
  if not response then
    error('no textDocument/codeAction response from cfn-hipaa', 0)
  end
  if response.err or response.error then
    error('textDocument/codeAction returned an error: ' .. vim.inspect(response.err or response.error), 0)
  end
  local actions = response.result or {}
  result.actions = vim.tbl_map(function(a)
    return { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true, hasEdit = a.edit ~= nil, hasCommand = a.command ~= nil }
  end, actions)
  local preferred
  for _, a in ipairs(actions) do
    if a.isPreferred == true then
      preferred = a
      break
    end
  end
  if not preferred then
    error('no preferred code action among ' .. vim.inspect(result.actions), 0)
  end
  if not preferred.edit then
    error('the preferred code action has no edit: ' .. vim.inspect(preferred), 0)
  end
  result.preferred_title = preferred.title
  result.preferred_edit = vim.deepcopy(preferred.edit) -- apply_text_edits annotates the edits in place

  -- 4. Apply it (0.7 signature: apply_workspace_edit(edit, offset_encoding)), then :write.
  local text_before = buf_text(tbuf)
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  local text_after = buf_text(tbuf)
  if text_after == text_before then
    error('applying the preferred action left the buffer unchanged (edit: ' .. vim.inspect(preferred.edit) .. ')', 0)
  end
  vim.api.nvim_buf_call(tbuf, function()
    vim.cmd('write')
  end)
  local edited_version = vim.lsp.util.buf_versions[tbuf]
  result.edited_version = edited_version

  -- 5. The server re-lints the new version and the finding is gone.
  wait_for('diagnostics for version ' .. tostring(edited_version) .. ' without ' .. RULE, function()
    local fresh = false
    for _, p in ipairs(publishes_for(turi)) do
      if p.version == nil or p.version >= edited_version then
        fresh = true
      end
    end
    return fresh and not has_code(vim.diagnostic.get(tbuf), RULE)
  end, state)
  result.after = summarize(vim.diagnostic.get(tbuf))
  result.buffer_text = buf_text(tbuf)
  result.saved_text = read_file(template)
  result.modified_after_write = vim.bo[tbuf].modified

  -- 6. Shut the server down (shutdown + exit) and wait for it to go.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit after shutdown', function()
    return exited ~= nil
  end)
  result.server_exit = exited

  write_file(result_path, vim.fn.json_encode(result))
end

local ok, err = xpcall(main, debug.traceback)
if ok then
  vim.cmd('qa!')
else
  log('FAILED: ' .. tostring(err))
  vim.cmd('cquit 1')
end
