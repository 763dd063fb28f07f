-- Sends the headers given in WRK_HEADER (one "Name: value"), e.g. If-None-Match or Authorization.
local header = os.getenv("WRK_HEADER")
if header and header ~= "" then
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
