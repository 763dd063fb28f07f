-- Mixed anonymous reads for the soak: random articles (from SLUGS_FILE), lists, searches and feeds. Counts server
-- errors apart from 503 (what the API answers while the database is away) and prints one SOAK line at the end.
local slugs = {}
for line in io.lines(os.getenv("SLUGS_FILE")) do slugs[#slugs + 1] = line end
local others = {
  "/api/articles?limit=20", "/api/articles?lang=zh-Hans&limit=20", "/api/search?q=partnership&limit=20",
  "/api/search?q=%E4%B8%AD%E4%BF%84&lang=zh-Hans", "/feeds/en/rss.xml", "/feeds/zh-Hant/atom.xml", "/sitemap.xml",
}
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end
-- Globals, so that done() can read each thread's counts with thread:get.
counter, e5xx, e503 = 0, 0, 0
function init()
  math.randomseed(os.time() + id)
  counter = math.random(1, #slugs)
end
function request()
  counter = counter + 1
  if counter % 5 == 0 then return wrk.format("GET", others[counter % #others + 1]) end
  return wrk.format("GET", "/api/articles/" .. slugs[counter % #slugs + 1])
end
function response(status)
  if status == 503 then e503 = e503 + 1 elseif status >= 500 then e5xx = e5xx + 1 end
end
function done(summary)
  local total5xx, total503 = 0, 0
  for _, thread in ipairs(threads) do
    total5xx = total5xx + thread:get("e5xx")
    total503 = total503 + thread:get("e503")
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("SOAK requests=%d e5xx=%d e503=%d socket=%d\n", summary.requests, total5xx, total503, socket))
end
