-- Requests a different article on every call (cache misses): slugs come from the file in SLUGS_FILE, appended to
-- SLUGS_PREFIX (default /api/articles/; the raw-Npgsql ceiling reads the same slugs under /row/).
local slugs = {}
for line in io.lines(os.getenv("SLUGS_FILE")) do slugs[#slugs + 1] = line end
local prefix = os.getenv("SLUGS_PREFIX") or "/api/articles/"
local counter = math.random(1, #slugs)
request = function()
  counter = counter % #slugs + 1
  return wrk.format("GET", prefix .. slugs[counter])
end
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
