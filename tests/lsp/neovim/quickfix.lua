-- Headless Neovim (0.7 and later) as a real LSP client of `jobjournal lsp`, for the tests:
-- with the client started here ($JJ_CMD) or by the init.lua under test, take the file given
-- on the command line, wait for the diagnostics, ask for the quick fixes
-- of the JJ104 one, apply "Log it" as Neovim applies any workspace edit, write the file, wait
-- for the diagnostics after the save, and write what happened as JSON to $JJ_RESULT.
-- Only APIs that exist in Neovim 0.7 are used (vim.lsp.start_client, buf_attach_client).
local result = { steps = {} }
local function finish()
  local out = io.open(vim.env.JJ_RESULT, "w")
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd("qall!")
end
local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(found, { code = d.code, line = d.lnum + 1, source = d.source })
  end
  return found
end

local ok, problem = pcall(function()
  local client
  if vim.env.JJ_CMD then
    local id = vim.lsp.start_client({
      name = "jobjournal",
      cmd = vim.fn.json_decode(vim.env.JJ_CMD),
      root_dir = vim.env.JJ_ROOT,
    })
    vim.lsp.buf_attach_client(0, id)
    client = vim.lsp.get_client_by_id(id)
  else -- started by the init.lua under test
    vim.wait(10000, function() return next(vim.lsp.buf_get_clients(0)) ~= nil end, 20)
    local _, attached = next(vim.lsp.buf_get_clients(0))
    client = attached
    result.attached = client ~= nil and client.name
    if not client then return end
  end
  local function has(code)
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == code then return d end
    end
  end
  result.opened = vim.wait(20000, function() return has("JJ104") ~= nil end, 20)
  result.before = codes()
  local target = has("JJ104")
  if not target then return end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = target.lnum, character = 0 },
              ["end"] = { line = target.lnum, character = 0 } },
    context = { diagnostics = { {
      range = { start = { line = target.lnum, character = target.col },
                ["end"] = { line = target.end_lnum, character = target.end_col } },
      message = target.message, severity = target.severity, code = target.code,
      source = target.source } } },
  }
  local response, err = client.request_sync("textDocument/codeAction", params, 10000, 0)
  if err then result.error = vim.inspect(err) end
  local chosen
  for _, action in ipairs((response and response.result) or {}) do
    table.insert(result.steps, action.title)
    if not chosen and action.title:find("^Log it") then chosen = action end
  end
  if not chosen then return end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or "utf-16")
  vim.cmd("write")
  result.fixed = vim.wait(20000, function() return has("JJ104") == nil end, 20)
  result.after = codes()
end)
if not ok then result.error = tostring(problem) end
finish()
