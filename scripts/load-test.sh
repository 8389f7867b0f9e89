#!/usr/bin/env bash
# Runs `iocd serve` on SQLite with a bounded heap and drives it with concurrent clients mixing STIX bundle exports,
# TAXII polls and REST submissions. Passes when no request got a 5xx or a transport error and every IOC a
# submission reported as accepted is in the store afterwards. Prints heap and RSS samples taken every 5 s.
#
# Usage: scripts/load-test.sh
# Environment: CLIENTS (default 64), DURATION (seconds, default 60), HEAP (server -Xmx, default 256m),
#              SEED_IOCS (IOCs stored before the run, default 20000). The server takes a free port.
set -euo pipefail
source "$(dirname "$0")/common.sh"

clients=${CLIENTS:-64}
seconds=${DURATION:-60}
heap=${HEAP:-256m}
seed=${SEED_IOCS:-20000}
work=$(mktemp -d /tmp/iocd-load.XXXXXX)
server_pid=""
sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

build
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$TEST_CP" iocd.load.LoadDriver prepare "$work/data" "$clients" \
  "$seed" "$work/keys.txt"

"$JAVA" -Xmx"$heap" -jar "$JAR" serve --data "$work/data" --port 0 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*iocd listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/server.log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ] || ! curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null; then
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "Server pid $server_pid on port $port with -Xmx$heap; $clients clients for $seconds s"

# Heap in use (young + old generation, from jstat) and resident set size, every 5 s.
(
  while kill -0 "$server_pid" 2>/dev/null; do
    heap_kb=$("$JAVA_HOME/bin/jstat" -gc "$server_pid" 2>/dev/null | awk 'NR==2 {
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) v[i] = $i
      print int(v[3] + v[4] + v[6] + v[8]) }' || echo "?")
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo "?")
    echo "sample heap_used_kb=$heap_kb rss_kb=$rss_kb"
    sleep 5
  done
) >"$work/samples.txt" &
sampler_pid=$!

status=0
"$JAVA" -cp "$TEST_CP" iocd.load.LoadDriver run "http://127.0.0.1:$port" "$work/keys.txt" "$seconds" \
  "$work/submitted.txt" | tee "$work/driver.txt" || status=$?
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""

echo "heap and RSS samples (KB):"
cat "$work/samples.txt"
awk -F'[= ]' '/^sample/ { if ($3 + 0 > h) h = $3 + 0; if ($5 + 0 > r) r = $5 + 0 }
  END { printf "max heap used %.0f MB, max RSS %.0f MB\n", h / 1024, r / 1024 }' "$work/samples.txt"
echo "garbage collection (jstat -gcutil: young and full collections and their seconds):"
"$JAVA_HOME/bin/jstat" -gcutil "$server_pid" | awk '{ print "  " $0 }' || true
curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^iocd_(store_iocs|iocs_merged_total)' || true
grep -c ' 5[0-9][0-9] ' "$work/server.log" | sed 's/^/5xx lines in the access log: /' || true
grep -E 'ERROR|OutOfMemory' "$work/server.log" | head -5 || true

kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$TEST_CP" iocd.faults.StoreProbe --data "$work/data" \
  --verify "$work/submitted.txt" || status=1
if [ "$status" -ne 0 ]; then
  echo "FAIL: server errors, transport errors or missing submitted IOCs (see above)" >&2
  exit 1
fi
echo "PASS: no 5xx, every submitted IOC stored"
