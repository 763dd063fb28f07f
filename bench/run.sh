#!/usr/bin/env bash
# Benchmarks the API in Release on generated databases with wrk on loopback, next to the machine's own ceilings
# (bare Kestrel returning the same bytes from memory; a raw Npgsql query for the same row), measured in the same run.
# Usage: bench/run.sh [articles ...]   (default: 10000 100000). Prints a Markdown table; appends it to bench/out/.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
export BENCH_DIR
SIZES=${*:-10000 100000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
API_URL=http://127.0.0.1:5180
CEILING_URL=http://127.0.0.1:5181
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release "$ROOT/src/Commentary.Api" -o "$OUT/api" >/dev/null
dotnet build -c Release "$ROOT/bench/Commentary.Bench.Ceiling" -o "$OUT/ceiling" >/dev/null
dotnet build -c Release "$ROOT/tools/Commentary.DataGenerator" -o "$OUT/generator" >/dev/null

ADMIN_KEY="cmk_bench-admin-$(date +%s)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  dotnet "$OUT/generator/Commentary.DataGenerator.dll" --stop-cluster yes --cluster "$ROOT/.data/postgres" >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

# run NAME URL [lua] [header]: one wrk measurement, printed as a table row fragment "rps | p50 | p95 | p99".
measure() {
  local url=$1 script=${2:-$BENCH_DIR/wrk/headers.lua} header=${3:-}
  WRK_HEADER="$header" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$script" "$url" 2>/dev/null | grep '^RESULT'
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
ms() { awk "BEGIN { printf \"%.2f\", $1 / 1000 }"; }
ratio() { awk "BEGIN { printf \"%.0f%%\", 100 * $1 / $2 }"; }

echo "| articles | what | req/s | p50 ms | p95 ms | p99 ms | ceiling | ratio |"
echo "|---:|---|---:|---:|---:|---:|---|---:|"
for SIZE in $SIZES; do
  DB="commentary_bench_${SIZE}"
  dotnet "$OUT/generator/Commentary.DataGenerator.dll" --articles "$SIZE" --database "$DB" --cluster "$ROOT/.data/postgres" >"$OUT/generate-$SIZE.log" 2>&1
  # The generator stops the cluster it started; start it again (through the generator's provisioning) for the run.
  CONN=$(cd "$ROOT" && dotnet "$OUT/generator/Commentary.DataGenerator.dll" --print-connection "$DB" --cluster "$ROOT/.data/postgres")

  ConnectionStrings__Commentary="$CONN" Commentary__BootstrapAdminKey="$ADMIN_KEY" ASPNETCORE_ENVIRONMENT=Production \
    Commentary__RateLimits__AnonymousPerWindow=1000000000 Commentary__RateLimits__PerKeyPerWindow=1000000000 Logging__LogLevel__Default=Warning \
    dotnet "$OUT/api/Commentary.Api.dll" --urls "$API_URL" >"$OUT/api-$SIZE.log" 2>&1 &
  API_PID=$!; PIDS+=("$API_PID")
  wait_ready "$API_URL/health/ready"

  SLUG=$(psql "$CONN" -Atc "SELECT slug FROM articles WHERE first_published_at IS NOT NULL ORDER BY first_published_at DESC LIMIT 1 OFFSET 100" 2>/dev/null)
  psql "$CONN" -Atc "SELECT slug FROM articles WHERE first_published_at IS NOT NULL ORDER BY random() LIMIT 20000" >"$OUT/slugs-$SIZE.txt"
  curl -s "$API_URL/api/articles/$SLUG" >"$OUT/article-$SIZE.json"
  ETAG=$(curl -sI "$API_URL/api/articles/$SLUG" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  PARTNER_KEY=$(curl -s -X POST "$API_URL/api/manage/keys" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench partner","role":"partner"}' | sed -E 's/.*"secret":"([^"]+)".*/\1/')

  dotnet "$OUT/ceiling/Commentary.Bench.Ceiling.dll" --urls "$CEILING_URL" --bytes "$OUT/article-$SIZE.json" --connection "$CONN" >"$OUT/ceiling-$SIZE.log" 2>&1 &
  CEILING_PID=$!; PIDS+=("$CEILING_PID")
  wait_ready "$CEILING_URL/bytes"

  KESTREL=$(measure "$CEILING_URL/bytes")
  NPGSQL=$(measure "$CEILING_URL/row/$SLUG")
  row() { # row WHAT RESULT [CEILING_NAME CEILING_RESULT]
    local rps; rps=$(field rps "$2")
    local ceiling="" share=""
    if [ -n "${3:-}" ]; then ceiling="$3 $(field rps "$4") req/s"; share=$(ratio "$rps" "$(field rps "$4")"); fi
    echo "| $SIZE | $1 | $rps | $(ms "$(field p50 "$2")") | $(ms "$(field p95 "$2")") | $(ms "$(field p99 "$2")") | $ceiling | $share |"
  }
  row "ceiling: bare Kestrel, same bytes" "$KESTREL"
  row "ceiling: raw Npgsql, same row" "$NPGSQL"
  row "article by slug, cached" "$(measure "$API_URL/api/articles/$SLUG")" "Kestrel" "$KESTREL"
  row "article by slug, uncached" "$(SLUGS_FILE="$OUT/slugs-$SIZE.txt" measure "$API_URL" "$BENCH_DIR/wrk/slugs.lua")" "Npgsql" "$NPGSQL"
  row "conditional GET (304)" "$(measure "$API_URL/api/articles/$SLUG" "" "If-None-Match: $ETAG")" "Kestrel" "$KESTREL"
  row "article list" "$(measure "$API_URL/api/articles?limit=20")"
  row "filtered list (topic)" "$(measure "$API_URL/api/articles?topic=topic-7&limit=20")"
  row "search, English" "$(measure "$API_URL/api/search?q=strategic%20partnership&limit=20")"
  row "search, Chinese" "$(measure "$API_URL/api/search?q=%E4%B8%AD%E4%BF%84&lang=zh-Hans&limit=20")"
  row "feed, 50 items (RSS)" "$(measure "$API_URL/feeds/en/rss.xml")"
  row "sync export, 1000 changes a page" "$(measure "$API_URL/api/partner/changes?limit=1000" "" "Authorization: Bearer $PARTNER_KEY")"
  echo "| $SIZE | API peak memory (VmHWM) | $(awk '/VmHWM/{printf "%.0f MB", $2/1024}' /proc/$API_PID/status) | | | | | |"

  kill "$API_PID" "$CEILING_PID"; wait "$API_PID" "$CEILING_PID" 2>/dev/null || true
done
