#!/usr/bin/env bash
# Benchmarks the API in Release on generated databases with wrk on loopback, next to the machine's own ceilings
# (bare Kestrel returning the same bytes from memory; a raw Npgsql query for the same row), measured in the same run.
# Usage: bench/run.sh [articles ...]   (default: 10000 100000). Prints a Markdown table; appends it to bench/out/.
#        bench/run.sh convert             only the in-process conversion rows (seconds, no database, no wrk).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
export BENCH_DIR
SIZES=${*:-10000 100000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
API_URL=http://127.0.0.1:5180
CEILING_URL=http://127.0.0.1:5181
DB_URL=http://127.0.0.1:5182
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"

# 简体 → 繁體 conversion of an 8 KB article, in process: needs neither the API nor a database.
convert_rows() {
  dotnet build -c Release "$ROOT/bench/Commentary.Bench.Convert" -o "$OUT/convert" >/dev/null
  dotnet "$OUT/convert/Commentary.Bench.Convert.dll"
}
if [ "${1:-}" = convert ]; then
  echo "| articles | what | req/s | p50 ms | p95 ms | p99 ms | ceiling | ratio |"
  echo "|---:|---|---:|---:|---:|---:|---|---:|"
  convert_rows
  exit 0
fi

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release "$ROOT/src/Commentary.Api" -o "$OUT/api" >/dev/null
dotnet build -c Release "$ROOT/bench/Commentary.Bench.Ceiling" -o "$OUT/ceiling" >/dev/null
dotnet build -c Release "$ROOT/tools/Commentary.DataGenerator" -o "$OUT/generator" >/dev/null

ADMIN_KEY="cmk_bench-admin-$(date +%s)"
PIDS=()
# The private cluster is left as it was found: someone else (a running API, another checkout's work) may be using it.
CLUSTER_WAS_RUNNING=
if [ -f "$ROOT/.data/postgres.port" ] && pg_isready -q -h 127.0.0.1 -p "$(cat "$ROOT/.data/postgres.port")" 2>/dev/null; then
  CLUSTER_WAS_RUNNING=yes
fi
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -z "$CLUSTER_WAS_RUNNING" ]; then
    dotnet "$OUT/generator/Commentary.DataGenerator.dll" --stop-cluster yes --cluster "$ROOT/.data/postgres" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

# run NAME URL [lua] [header]: one wrk measurement, printed as a table row fragment "rps | p50 | p95 | p99".
measure() {
  local url=$1 script=${2:-$BENCH_DIR/wrk/headers.lua} header=${3:-}
  WRK_HEADER="$header" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$script" "$url" 2>/dev/null | grep '^RESULT'
}
# libpq (psql) does not read Npgsql's Key=Value;... form: turn it into a postgresql:// URI.
pg_uri() {
  local host port user pass db
  host=$(grep -oP '(?i)(^|;)host=\K[^;]+' <<<"$1"); port=$(grep -oP '(?i)(^|;)port=\K[^;]+' <<<"$1")
  user=$(grep -oP '(?i)(^|;)username=\K[^;]+' <<<"$1"); pass=$(grep -oP '(?i)(^|;)password=\K[^;]+' <<<"$1")
  db=$(grep -oP '(?i)(^|;)database=\K[^;]+' <<<"$1")
  echo "postgresql://$user:$pass@$host:${port:-5432}/$db"
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
ms() { awk "BEGIN { printf \"%.2f\", $1 / 1000 }"; }
ratio() { awk "BEGIN { printf \"%.0f%%\", 100 * $1 / $2 }"; }

# export_walk URL CURSOR_PARAM [header]: one client walks a whole export page by page, following nextCursor until
# hasMore is false; prints "RESULT rps=<pages/s> pages=<n> seconds=<s> cursor=<last cursor>".
export_walk() {
  local url=$1 param=$2 header=${3:-} cursor="" pages=0 start tail
  start=$(date +%s.%N)
  while :; do
    tail=$(curl -sf ${header:+-H "$header"} "$url${cursor:+&$param=$cursor}" | tail -c 600)
    pages=$((pages + 1))
    cursor=$(LC_ALL=C sed -E 's/.*"nextCursor":"([^"]*)".*/\1/' <<<"$tail")
    LC_ALL=C grep -q '"hasMore":true' <<<"$tail" || break
  done
  awk -v p="$pages" -v s="$start" -v e="$(date +%s.%N)" -v c="$cursor" 'BEGIN { printf "RESULT rps=%.2f pages=%d seconds=%.1f p50=0 p95=0 p99=0 cursor=%s\n", p / (e - s), p, e - s, c }'
}

# cpu_per_request PID URL: one connection for 5 s; prints the process's CPU time per request (user + system), in ms.
cpu_per_request() {
  local pid=$1 url=$2 before after result
  before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  result=$(wrk -t1 -c1 -d5s --timeout 10s -s "$BENCH_DIR/wrk/headers.lua" "$url" 2>/dev/null | grep '^RESULT')
  after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  awk -v b="$before" -v a="$after" -v n="$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$result")" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f ms", 1000 * (a - b) / hz / n }'
}

# Several instances (README, "Running several instances"): one API process against two sharing one Redis, with the
# same 32 connections in all (16 on each of the two, measured at the same time and summed; latencies are the slower
# instance's). Needs redis-server.
measure_pair() {
  local first second
  first=$(mktemp); second=$(mktemp)
  CONNECTIONS=$((CONNECTIONS / 2)) measure "$1" "${3:-}" >"$first" &
  CONNECTIONS=$((CONNECTIONS / 2)) measure "$2" "${3:-}" >"$second"
  wait
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rps") rps += kv[2]; else if (kv[2] > max[kv[1]]) max[kv[1]] = kv[2] } }
       END { printf "RESULT rps=%.1f p50=%d p95=%d p99=%d\n", rps, max["p50"], max["p95"], max["p99"] }' "$first" "$second"
  rm -f "$first" "$second"
}

instance_rows() {
  local redis_port=5185 second_url=http://127.0.0.1:5184 cached uncached
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$OUT/redis-$SIZE.log" 2>&1 &
  local redis_pid=$!; PIDS+=("$redis_pid")
  for instance in 1 2; do
    local url=$API_URL; [ "$instance" = 2 ] && url=$second_url
    start_api "$url" "$OUT/api-redis-$instance-$SIZE.log" ConnectionStrings__Redis="127.0.0.1:$redis_port" Commentary__Renditions__Worker=false
    INSTANCE_PIDS[$instance]=$STARTED_PID
    wait_ready "$url/health/ready"
  done
  cached=$(measure "$API_URL/api/articles/$SLUG")
  row "article by slug, cached in Redis, one instance" "$cached"
  row "article by slug, cached in Redis, two instances" "$(measure_pair "$API_URL/api/articles/$SLUG" "$second_url/api/articles/$SLUG")" "one instance" "$cached"
  kill "${INSTANCE_PIDS[1]}" "${INSTANCE_PIDS[2]}"; wait "${INSTANCE_PIDS[1]}" "${INSTANCE_PIDS[2]}" 2>/dev/null || true
  for instance in 1 2; do
    local url=$API_URL; [ "$instance" = 2 ] && url=$second_url
    start_api "$url" "$OUT/api-uncached-$instance-$SIZE.log" Commentary__Caching__OutputCache=false Commentary__Renditions__Worker=false
    INSTANCE_PIDS[$instance]=$STARTED_PID
    wait_ready "$url/health/ready"
  done
  uncached=$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" measure "$API_URL" "$BENCH_DIR/wrk/slugs.lua")
  row "article by slug, uncached, one instance" "$uncached"
  row "article by slug, uncached, two instances" "$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" measure_pair "$API_URL" "$second_url" "$BENCH_DIR/wrk/slugs.lua")" "one instance" "$uncached"
  kill "${INSTANCE_PIDS[1]}" "${INSTANCE_PIDS[2]}" "$redis_pid"; wait "${INSTANCE_PIDS[1]}" "${INSTANCE_PIDS[2]}" "$redis_pid" 2>/dev/null || true
}
# Rebuilding every page (what a deploy that changes their format does), by the first instance's worker, beside the rate
# at which a raw binary COPY writes the same rows into a table with the same indexes, and the cached article's rate
# while it runs.
render_rows() {
  local uri copied articles start seconds cached
  uri=$(pg_uri "$CONN")
  articles=$(psql "$uri" -Atc "SELECT count(DISTINCT article_id) FROM article_renditions")
  # The file is the server's own (it writes and reads it), so it goes where the server's user may write.
  local file=/tmp/commentary-bench-renditions-$SIZE.copy
  psql "$uri" -qc "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy (LIKE article_renditions INCLUDING ALL)" \
    -c "COPY article_renditions TO '$file' (FORMAT binary)" >/dev/null
  start=$(date +%s.%N)
  psql "$uri" -qc "COPY bench_copy FROM '$file' (FORMAT binary)" >/dev/null
  copied=$(awk -v a="$articles" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", a / (e - s) }')
  psql "$uri" -qc "DROP TABLE bench_copy" >/dev/null; rm -f "$file"
  echo "| $SIZE | ceiling: raw COPY of every page's rows ($articles articles, their indexes too) | $copied articles/s | | | | | |"
  psql "$uri" -qc "INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at) SELECT DISTINCT article_id, 1, false, now() FROM article_renditions ON CONFLICT DO NOTHING" >/dev/null
  start=$(date +%s.%N)
  cached=$(measure "$API_URL/api/articles/$SLUG")
  while [ "$(psql "$uri" -Atc "SELECT count(*) FROM rendition_queue")" != 0 ]; do sleep 1; done
  seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "| $SIZE | rebuilding every page (first instance's worker) | $(awk -v a="$articles" -v s="$seconds" 'BEGIN { printf "%.1f", a / s }') articles/s | | | | COPY $copied articles/s | $(ratio "$(awk -v a="$articles" -v s="$seconds" 'BEGIN { print a / s }')" "$copied") |"
  row "article by slug, cached, while every page is rebuilt" "$cached" "Kestrel" "$KESTREL"
}

declare -a INSTANCE_PIDS

echo "| articles | what | req/s | p50 ms | p95 ms | p99 ms | ceiling | ratio |"
echo "|---:|---|---:|---:|---:|---:|---|---:|"
convert_rows
for SIZE in $SIZES; do
  DB="commentary_bench_${SIZE}"
  CONN=$(dotnet "$OUT/generator/Commentary.DataGenerator.dll" --print-connection "$DB" --cluster "$ROOT/.data/postgres")
  # A database generated by an earlier run with the same size and schema is reused (BENCH_REGENERATE=1 forces it).
  HAVE=$(psql "$(pg_uri "$CONN")" -Atc "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
  if [ "$HAVE" != "$SIZE" ] || [ -n "${BENCH_REGENERATE:-}" ]; then
    dotnet "$OUT/generator/Commentary.DataGenerator.dll" --articles "$SIZE" --database "$DB" --cluster "$ROOT/.data/postgres" >"$OUT/generate-$SIZE.log" 2>&1
    grep -a "Generated" "$OUT/generate-$SIZE.log" >&2 || true
    CONN=$(dotnet "$OUT/generator/Commentary.DataGenerator.dll" --print-connection "$DB" --cluster "$ROOT/.data/postgres")
  fi

  # Production encrypts its Data Protection key ring with a certificate: a throwaway one for the benchmark.
  if [ ! -f "$OUT/dataprotection.pfx" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$OUT/dataprotection.key" -out "$OUT/dataprotection.crt" -days 30 \
      -subj /CN=commentary-bench >/dev/null 2>&1
    openssl pkcs12 -export -out "$OUT/dataprotection.pfx" -inkey "$OUT/dataprotection.key" -in "$OUT/dataprotection.crt" -passout pass: >/dev/null 2>&1
  fi
  export Commentary__DataProtection__CertificatePath="$OUT/dataprotection.pfx"

  # A database from before the latest migration is brought up to date the way Production is: the migrate command.
  ConnectionStrings__Commentary="$CONN" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$OUT/api/Commentary.Api.dll" migrate >"$OUT/migrate-$SIZE.log" 2>&1
  # start_api URL LOG [NAME=value ...]: one API process as deployed (Production), rate limits out of the way.
  start_api() {
    local url=$1 log=$2; shift 2
    env ConnectionStrings__Commentary="$CONN" Commentary__BootstrapAdminKey="$ADMIN_KEY" ASPNETCORE_ENVIRONMENT=Production \
      Commentary__Site__ApiUrl="$url" Commentary__RateLimits__AnonymousPerWindow=1000000000 Commentary__RateLimits__PerKeyPerWindow=1000000000 \
      Logging__LogLevel__Default=Warning "$@" dotnet "$OUT/api/Commentary.Api.dll" --urls "$url" >"$log" 2>&1 &
    PIDS+=("$!")
    STARTED_PID=$!
  }
  start_api "$API_URL" "$OUT/api-$SIZE.log"
  API_PID=$STARTED_PID
  # A second instance without the output cache measures the database path: uncached articles, lists, search, feeds, sync.
  start_api "$DB_URL" "$OUT/api-db-$SIZE.log" Commentary__Caching__OutputCache=false Commentary__PartnerSync__PruneInterval=01:00:00 Commentary__Renditions__Worker=false
  DB_PID=$STARTED_PID
  wait_ready "$API_URL/health/ready"
  wait_ready "$DB_URL/health/ready"
  # Renditions of a freshly generated or migrated database are built by the first instance's worker: measure once
  # they are (the steady state of a running site), and report how long building them took.
  RENDER_START=$(date +%s)
  while [ "$(psql "$(pg_uri "$CONN")" -Atc "SELECT count(*) FROM rendition_queue")" != 0 ]; do
    echo "renditions: $(psql "$(pg_uri "$CONN")" -Atc "SELECT count(*) FROM rendition_queue") articles queued" >&2; sleep 10
  done
  RENDER_SECONDS=$(( $(date +%s) - RENDER_START ))

  SLUG=$(psql "$(pg_uri "$CONN")" -Atc "SELECT slug FROM articles WHERE first_published_at IS NOT NULL ORDER BY first_published_at DESC LIMIT 1 OFFSET 100" 2>/dev/null)
  psql "$(pg_uri "$CONN")" -Atc "SELECT slug FROM articles WHERE first_published_at IS NOT NULL ORDER BY random() LIMIT 20000" >"$OUT/slugs-$SIZE.txt"
  curl -s -D "$OUT/article-$SIZE.headers" "$API_URL/api/articles/$SLUG" >"$OUT/article-$SIZE.json"
  ETAG=$(curl -sI "$API_URL/api/articles/$SLUG" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  PARTNER_KEY=$(curl -s -X POST "$API_URL/api/manage/keys" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench partner","role":"partner"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/')

  dotnet "$OUT/ceiling/Commentary.Bench.Ceiling.dll" --urls "$CEILING_URL" --bytes "$OUT/article-$SIZE.json" --headers "$OUT/article-$SIZE.headers" --connection "$CONN" >"$OUT/ceiling-$SIZE.log" 2>&1 &
  CEILING_PID=$!; PIDS+=("$CEILING_PID")
  wait_ready "$CEILING_URL/bytes"

  # Both processes warm up first (JIT tiering, pools): a cold process measured first loses to one measured later.
  measure "$CEILING_URL/bytes" >/dev/null; measure "$API_URL/api/articles/$SLUG" >/dev/null
  KESTREL=$(measure "$CEILING_URL/bytes")
  row() { # row WHAT RESULT [CEILING_NAME CEILING_RESULT]
    local rps; rps=$(field rps "$2")
    local ceiling="" share=""
    if [ -n "${3:-}" ]; then ceiling="$3 $(field rps "$4") req/s"; share=$(ratio "$rps" "$(field rps "$4")"); fi
    echo "| $SIZE | $1 | $rps | $(ms "$(field p50 "$2")") | $(ms "$(field p95 "$2")") | $(ms "$(field p99 "$2")") | $ceiling | $share |"
  }
  row "ceiling: bare Kestrel, same bytes and headers" "$KESTREL"
  row "article by slug, cached" "$(measure "$API_URL/api/articles/$SLUG")" "Kestrel" "$KESTREL"
  KESTREL_304=$(measure "$CEILING_URL/bytes" "" "If-None-Match: $ETAG")
  row "ceiling: bare Kestrel answering 304 to the same If-None-Match" "$KESTREL_304"
  row "conditional GET (304)" "$(measure "$API_URL/api/articles/$SLUG" "" "If-None-Match: $ETAG")" "Kestrel 304" "$KESTREL_304"
  row "article list, output-cached" "$(measure "$API_URL/api/articles?limit=20")"
  # The data-path ceiling reads the same random slugs as the uncached article row, right before it, so both see the
  # same machine load and miss the same caches.
  SLUGS_FILE="$OUT/slugs-$SIZE.txt" measure "$DB_URL" "$BENCH_DIR/wrk/slugs.lua" >/dev/null
  NPGSQL=$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" SLUGS_PREFIX=/row/ measure "$CEILING_URL" "$BENCH_DIR/wrk/slugs.lua")
  row "ceiling: raw Npgsql, same published rows (random slugs)" "$NPGSQL"
  # The stricter ceiling: the stored page the API itself serves, read by one raw query and sent as it is.
  NPGSQL_PAGE=$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" SLUGS_PREFIX=/page/ measure "$CEILING_URL" "$BENCH_DIR/wrk/slugs.lua")
  row "ceiling: raw Npgsql, same stored pages (random slugs)" "$NPGSQL_PAGE"
  UNCACHED=$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" measure "$DB_URL" "$BENCH_DIR/wrk/slugs.lua")
  row "article by slug, uncached (against the published rows)" "$UNCACHED" "Npgsql" "$NPGSQL"
  row "article by slug, uncached (against the stored pages)" "$UNCACHED" "Npgsql page" "$NPGSQL_PAGE"
  row "article list, no output cache" "$(measure "$DB_URL/api/articles?limit=20")"
  row "filtered list (topic), no output cache" "$(measure "$DB_URL/api/articles?topic=topic-7&limit=20")"
  row "search, English, no output cache" "$(measure "$DB_URL/api/search?q=strategic%20partnership&limit=20")"
  row "search, Chinese, no output cache" "$(measure "$DB_URL/api/search?q=%E4%B8%AD%E4%BF%84&lang=zh-Hans&limit=20")"
  # Latency without queueing: 32 connections on 2 shared cores measure throughput, 4 connections measure response time.
  row "article list, no output cache, 4 connections" "$(CONNECTIONS=4 measure "$DB_URL/api/articles?limit=20")"
  row "filtered list (topic), no output cache, 4 connections" "$(CONNECTIONS=4 measure "$DB_URL/api/articles?topic=topic-7&limit=20")"
  row "search, English, no output cache, 4 connections" "$(CONNECTIONS=4 measure "$DB_URL/api/search?q=strategic%20partnership&limit=20")"
  row "search, Chinese, no output cache, 4 connections" "$(CONNECTIONS=4 measure "$DB_URL/api/search?q=%E4%B8%AD%E4%BF%84&lang=zh-Hans&limit=20")"
  row "feed, 50 items (RSS), no output cache" "$(measure "$DB_URL/feeds/en/rss.xml")" "uncached article" "$UNCACHED"
  # Pages of 1000 full articles (~12 MB): two partners at a time; changes/s = req/s x 1000.
  row "sync export, pages of 1000 changes (2 clients)" "$(CONNECTIONS=2 measure "$DB_URL/api/partner/changes?limit=1000" "" "Authorization: Bearer $PARTNER_KEY")"
  # A whole export, one partner walking every page, beside raw Npgsql streaming the same stored pages the same way.
  EXPORT_CEILING=$(export_walk "$CEILING_URL/export?page=1000" after)
  row "ceiling: raw Npgsql streaming stored pages, pages of 1000 (pages/s, whole catalogue)" "$EXPORT_CEILING"
  EXPORT=$(export_walk "$DB_URL/api/partner/changes?limit=1000" cursor "Authorization: Bearer $PARTNER_KEY")
  row "sync, full export walked by one partner (pages/s; $(field pages "$EXPORT") pages in $(field seconds "$EXPORT") s)" "$EXPORT" "Npgsql" "$EXPORT_CEILING"
  SYNC_CURSOR=$(sed -E 's/.* cursor=(.*)$/\1/' <<<"$EXPORT")
  row "sync, incremental poll with no change, 4 connections" "$(CONNECTIONS=4 measure "$DB_URL/api/partner/changes?limit=1000&cursor=$SYNC_CURSOR" "" "Authorization: Bearer $PARTNER_KEY")"
  # The costliest anonymous requests (the hardening issue's bound: about 100 ms of CPU each at 100,000 articles).
  for expensive in "/sitemap.xml" "/sitemaps/1.xml" "/api/search?q=china%20russia%20security%20cooperation%20trade%20summit%20minister%20policy&limit=50" \
      "/api/articles?source=no-such-source&limit=50" "/feeds/zh-Hant/atom.xml"; do
    echo "| $SIZE | CPU per request, one connection: $expensive | $(cpu_per_request "$DB_PID" "$DB_URL$expensive") | | | | | |"
  done
  echo "| $SIZE | renditions built before measuring (first instance's worker) | ${RENDER_SECONDS} s | | | | | |"
  echo "| $SIZE | peak memory (VmHWM): cached API / no-cache API | $(awk '/VmHWM/{printf "%.0f MB", $2/1024}' /proc/$API_PID/status) / $(awk '/VmHWM/{printf "%.0f MB", $2/1024}' /proc/$DB_PID/status) | | | | | |"

  render_rows
  kill "$API_PID" "$DB_PID" "$CEILING_PID"; wait "$API_PID" "$DB_PID" "$CEILING_PID" 2>/dev/null || true
  [ -z "${BENCH_SKIP_INSTANCES:-}" ] && instance_rows
done
