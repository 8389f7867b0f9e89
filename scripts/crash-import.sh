#!/usr/bin/env bash
# Kills `iocd import` with SIGKILL in the middle of a large import, then checks that the store opens, holds only
# whole batches (its count is a multiple of the batch size and at least the last count the import reported as
# stored), and that importing the file again ends with the same count as an import that was never interrupted.
#
# Usage: scripts/crash-import.sh [sqlite|postgres|both]   (default: both)
# Environment: LINES (values in the generated feed, default 400000), BATCH (batch size, default 1000),
#              KILL_AFTER (kill once the import reports this many stored IOCs, default 100000).
set -euo pipefail
source "$(dirname "$0")/common.sh"

mode=${1:-both}
lines=${LINES:-400000}
batch=${BATCH:-1000}
kill_after=${KILL_AFTER:-100000}
work=$(mktemp -d /tmp/iocd-crash.XXXXXX)
pg_pid=""
cleanup() {
  if [ -n "$pg_pid" ]; then
    exec 3>&- || true
    wait "$pg_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

build
feed="$work/feed.txt"
"$JAVA" -cp "$TEST_CP" iocd.faults.GenerateFeed "$feed" "$lines"
echo "Generated $lines values in $feed"

# Runs `iocd import` in the background and kills it once the progress line reports kill_after stored IOCs.
# The progress line ("N read, M new, ...") counts only IOCs in committed batches.
crash_import() {
  local log=$1; shift
  : >"$log"
  "$JAVA" -jar "$JAR" import --format plain --batch-size "$batch" "$@" "$feed" 2>"$log" >/dev/null &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local stored
    stored=$(sed -n 's/.* read, \([0-9,]*\) new,.*/\1/p' "$log" | tail -n 1 | tr -d ',')
    if [ -n "$stored" ] && [ "$stored" -ge "$kill_after" ]; then
      kill -KILL "$pid"
      wait "$pid" 2>/dev/null || true
      echo "$stored"
      return 0
    fi
    sleep 0.05
  done
  echo "the import finished before it reported $kill_after stored IOCs; raise LINES or lower KILL_AFTER" >&2
  return 1
}

probe() {
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$TEST_CP" iocd.faults.StoreProbe "$@"
}

check_backend() {
  local name=$1; shift
  local crash_args=("$@")
  echo "== $name: import, SIGKILL after $kill_after stored IOCs"
  local reported
  reported=$(crash_import "$work/$name-crash.log" "${crash_args[@]}")
  probe "${crash_args[@]}" >"$work/$name-after-kill.txt"
  local count
  count=$(value_of count "$work/$name-after-kill.txt")
  echo "last reported stored: $reported; stored after the kill: $count"
  cat "$work/$name-after-kill.txt" | grep -v '^count=' || true
  if [ $((count % batch)) -ne 0 ]; then
    echo "FAIL: $count is not a multiple of the batch size $batch, so a batch was stored in part" >&2
    exit 1
  fi
  if [ "$count" -lt "$reported" ]; then
    echo "FAIL: the store holds $count IOCs but the import had reported $reported as stored" >&2
    exit 1
  fi

  echo "== $name: import the same file again to the end"
  "$JAVA" -jar "$JAR" import --format plain --batch-size "$batch" "${crash_args[@]}" "$feed" 2>/dev/null
  probe "${crash_args[@]}" >"$work/$name-resumed.txt"
  local resumed
  resumed=$(value_of count "$work/$name-resumed.txt")
  echo "stored after the second import: $resumed"
  if [ "$resumed" -ne "$lines" ]; then
    echo "FAIL: expected $lines IOCs after the second import, found $resumed" >&2
    exit 1
  fi
}

if [ "$mode" = sqlite ] || [ "$mode" = both ]; then
  check_backend sqlite --data "$work/sqlite"
  echo "== sqlite: clean import for comparison"
  "$JAVA" -jar "$JAR" import --format plain --batch-size "$batch" --data "$work/clean" "$feed" 2>/dev/null
  clean=$(probe --data "$work/clean" | sed -n 's/^count=//p')
  echo "clean import stored: $clean"
  [ "$clean" -eq "$lines" ] || { echo "FAIL: the clean import stored $clean, not $lines" >&2; exit 1; }
fi

if [ "$mode" = postgres ] || [ "$mode" = both ]; then
  fifo="$work/pg-stdin"
  mkfifo "$fifo"
  "$JAVA" -cp "$TEST_CP" iocd.faults.EmbeddedPostgresMain <"$fifo" >"$work/pg.out" 2>"$work/pg.err" &
  pg_pid=$!
  exec 3>"$fifo"
  for _ in $(seq 1 600); do
    grep -q '^port=' "$work/pg.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(value_of port "$work/pg.out")
  [ -n "$port" ] || { echo "FAIL: embedded PostgreSQL did not start; see $work/pg.err" >&2; exit 1; }
  echo "Embedded PostgreSQL on 127.0.0.1:$port"
  export IOCD_DB_USER=postgres
  check_backend postgres --db "jdbc:postgresql://127.0.0.1:$port/postgres"
fi

echo "PASS: no partial batch after SIGKILL; the resumed import matches a clean one ($lines IOCs)"
