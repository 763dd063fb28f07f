#!/bin/bash
# The standby: on first start, copy the primary with pg_basebackup (-R writes primary_conninfo and standby.signal,
# -C -S a replication slot so the primary keeps the WAL the standby has not replayed yet); then run as a hot standby.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres -U replicator -D "$PGDATA" -R -X stream -C -S standby_1 --no-password; do
    echo "waiting for the primary"; rm -rf "${PGDATA:?}"/*; sleep 2
  done
  chmod 0700 "$PGDATA"
fi
# hot_standby_feedback: the primary keeps rows a running standby query still reads, so long public reads are not
# cancelled by replay; max_standby_streaming_delay bounds how long replay waits for such a query.
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=5s
