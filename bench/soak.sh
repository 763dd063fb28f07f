#!/usr/bin/env bash
# Soak: SOAK_MINUTES (default 30) of mixed reads and writes against the API as deployed (Release, Production, output
# cache and rate limits on), with the PostgreSQL cluster restarted halfway through. Prints a Markdown table: requests,
# server errors, how long the API took to answer again after the restart, and memory at start and end.
# Usage: bench/soak.sh [articles]   (default 2000; the database is generated afresh each run)
# Environment: SOAK_MINUTES, SOAK_READERS (wrk connections, default 4).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
export BENCH_DIR
ARTICLES=${1:-2000}
MINUTES=${SOAK_MINUTES:-30}
READERS=${SOAK_READERS:-4}
API_URL=http://127.0.0.1:5183
OUT="$BENCH_DIR/out/soak"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release "$ROOT/src/Commentary.Api" -o "$BENCH_DIR/out/api" >/dev/null
dotnet build -c Release "$ROOT/tools/Commentary.DataGenerator" -o "$BENCH_DIR/out/generator" >/dev/null
GENERATOR="$BENCH_DIR/out/generator/Commentary.DataGenerator.dll"

PIDS=()
CLUSTER_WAS_RUNNING=
if [ -f "$ROOT/.data/postgres.port" ] && pg_isready -q -h 127.0.0.1 -p "$(cat "$ROOT/.data/postgres.port")" 2>/dev/null; then
  CLUSTER_WAS_RUNNING=yes
fi
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -z "$CLUSTER_WAS_RUNNING" ]; then
    dotnet "$GENERATOR" --stop-cluster yes --cluster "$ROOT/.data/postgres" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

DB="commentary_soak"
dotnet "$GENERATOR" --articles "$ARTICLES" --database "$DB" --cluster "$ROOT/.data/postgres" >"$OUT/generate.log" 2>&1
CONN=$(dotnet "$GENERATOR" --print-connection "$DB" --cluster "$ROOT/.data/postgres")
pg_uri() { # Npgsql's Key=Value form as a libpq URI
  local k; for k in Host Port Username Password Database; do declare "$k=$(grep -oP "(?i)(^|;)$k=\K[^;]+" <<<"$CONN")"; done
  echo "postgresql://$Username:$Password@$Host:$Port/$Database"
}
PSQL_URI=$(pg_uri)
DATA_DIRECTORY=$(psql "$PSQL_URI" -Atc "SHOW data_directory")
PG_CTL=$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)
# PostgreSQL refuses root: the private cluster runs as the postgres user when the API is started by root.
pg_ctl() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PG_CTL" "$@"; else "$PG_CTL" "$@"; fi; }

if [ ! -f "$OUT/dataprotection.pfx" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$OUT/dataprotection.key" -out "$OUT/dataprotection.crt" -days 30 \
    -subj /CN=commentary-soak >/dev/null 2>&1
  openssl pkcs12 -export -out "$OUT/dataprotection.pfx" -inkey "$OUT/dataprotection.key" -in "$OUT/dataprotection.crt" -passout pass: >/dev/null 2>&1
fi
ADMIN_KEY="cmk_soak-admin-$(date +%s)"
ConnectionStrings__Commentary="$CONN" ASPNETCORE_ENVIRONMENT=Production Commentary__DataProtection__CertificatePath="$OUT/dataprotection.pfx" \
  Logging__LogLevel__Default=Warning dotnet "$BENCH_DIR/out/api/Commentary.Api.dll" migrate >"$OUT/migrate.log" 2>&1
ConnectionStrings__Commentary="$CONN" ASPNETCORE_ENVIRONMENT=Production Commentary__DataProtection__CertificatePath="$OUT/dataprotection.pfx" \
  Commentary__BootstrapAdminKey="$ADMIN_KEY" Commentary__Site__ApiUrl="$API_URL" Logging__LogLevel__Default=Warning \
  Commentary__RateLimits__AnonymousPerWindow=1000000000 Commentary__RateLimits__PerKeyPerWindow=1000000000 \
  dotnet "$BENCH_DIR/out/api/Commentary.Api.dll" --urls "$API_URL" >"$OUT/api.log" 2>&1 &
API_PID=$!; PIDS+=("$API_PID")
for _ in $(seq 1 120); do curl -sf "$API_URL/health/ready" >/dev/null && break; sleep 0.5; done
psql "$PSQL_URI" -Atc "SELECT slug FROM articles WHERE first_published_at IS NOT NULL ORDER BY random() LIMIT 5000" >"$OUT/slugs.txt"
rss() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$API_PID/status"; }

# Writers: one editor loop creating, translating, publishing and unpublishing its own articles; each status is logged.
writer() {
  local n=0 auth="Authorization: Bearer $ADMIN_KEY" json='Content-Type: application/json'
  local deadline=$(( $(date +%s) + MINUTES * 60 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    n=$((n + 1))
    local slug="soak-$$-$n" id
    local created; created=$(curl -s -m 10 -o "$OUT/created.json" -w '%{http_code}' -X POST "$API_URL/api/manage/articles" -H "$auth" -H "$json" \
      -d "{\"slug\":\"$slug\",\"originalLanguage\":\"en\",\"title\":\"Soak $n\",\"summary\":\"A soak article\",\"body\":\"Paragraph $n of the soak.\"}") || created=000
    echo "create $created" >>"$OUT/writes.log"
    [ "$created" = 201 ] || { sleep 0.2; continue; }
    id=$(grep -o '"id":"[^"]*"' "$OUT/created.json" | head -n 1 | cut -d'"' -f4)
    for step in "PUT translations/zh-Hans {\"title\":\"浸泡 $n\",\"body\":\"第 $n 段。\"}" "POST publish {}" "GET public" "POST unpublish {}"; do
      read -r method path body <<<"$step"
      local status
      if [ "$method" = GET ]; then
        status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$API_URL/api/articles/$slug") || status=000
      else
        status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X "$method" "$API_URL/api/manage/articles/$id/$path" -H "$auth" -H "$json" -d "$body") || status=000
      fi
      echo "$path $status" >>"$OUT/writes.log"
    done
  done
}

: >"$OUT/writes.log"
: >"$OUT/memory.txt"
START_RSS=$(rss)
SLUGS_FILE="$OUT/slugs.txt" wrk -t2 -c"$READERS" -d"${MINUTES}m" --timeout 10s -s "$BENCH_DIR/wrk/soak.lua" "$API_URL" >"$OUT/reads.txt" 2>&1 &
WRK_PID=$!; PIDS+=("$WRK_PID")
writer &
WRITER_PID=$!; PIDS+=("$WRITER_PID")
( while kill -0 "$WRK_PID" 2>/dev/null; do echo "$(rss)" >>"$OUT/memory.txt"; sleep 10; done ) &
PIDS+=("$!")

# Halfway: a fast restart of PostgreSQL (every connection dropped), then the time until a database read answers again.
sleep $(( MINUTES * 30 ))
RESTART_AT=$(date +%s.%N)
pg_ctl restart -D "$DATA_DIRECTORY" -m fast -w -t 60 >"$OUT/restart.log" 2>&1
until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$API_URL/api/manage/articles?limit=1" -H "Authorization: Bearer $ADMIN_KEY")" = 200 ]; do sleep 0.1; done
RECOVERY=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $RESTART_AT }")

wait "$WRK_PID" || true
wait "$WRITER_PID" || true
END_RSS=$(rss)
PEAK_RSS=$(sort -n "$OUT/memory.txt" | tail -n 1)
READS=$(grep '^SOAK' "$OUT/reads.txt")
field() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$READS"; }
WRITES=$(wc -l <"$OUT/writes.log")
WRITE_5XX=$(awk '$2 ~ /^5/ && $2 != 503' "$OUT/writes.log" | wc -l)
WRITE_503=$(awk '$2 == 503' "$OUT/writes.log" | wc -l)
WRITE_FAILED=$(awk '$2 == "000"' "$OUT/writes.log" | wc -l)

echo "| soak, $ARTICLES articles, $MINUTES min, PostgreSQL restarted at $((MINUTES / 2)) min | value |"
echo "|---|---:|"
echo "| reads ($READERS connections: articles, lists, search, feeds) | $(field requests) |"
echo "| reads answered 5xx other than 503 / 503 / connection errors or timeouts | $(field e5xx) / $(field e503) / $(field socket) |"
echo "| writes (create, translate, publish, read, unpublish) | $WRITES |"
echo "| writes answered 5xx other than 503 / 503 / no answer | $WRITE_5XX / $WRITE_503 / $WRITE_FAILED |"
echo "| from the restart to the first database read answered 200 | ${RECOVERY} s |"
echo "| memory (RSS): start / end / highest sample | $START_RSS / $END_RSS / $PEAK_RSS MB |"
