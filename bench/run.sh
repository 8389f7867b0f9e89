#!/usr/bin/env bash
# Runs the iocd benchmarks on demand; docs/benchmarks.md describes each scenario and the recorded figures.
#
#   bench/run.sh build                      package the server jar, compile the drivers, write the classpath
#   bench/run.sh generate                   write the seeded 10k, 100k and 1M CSV files
#   bench/run.sh import sqlite|postgres [SIZE]   import rate into a fresh store (default SIZE 1M)
#   bench/run.sh store SIZE                 build the served SQLite store for SIZE (10k, 100k, 1M) and its keys
#   bench/run.sh bundle [SIZE]              bundle endpoint at 1, 8 and 32 clients, with server memory
#   bench/run.sh taxii [SIZE]               TAXII full poll of the all-types collection, with server memory
#   bench/run.sh render                     JMH: StixRenderer against writing pre-serialised bytes
#   bench/run.sh pagesize                   server memory at limit 10, 100 and 1000 (8 clients, 1M store)
#   bench/run.sh scaling                    one client, limit 1000, at 10k, 100k and 1M stored IOCs
#
# Work files (CSV inputs, stores, logs, results) go to bench/work/, which git ignores. The server runs as its own
# JVM with -Xmx256m on 127.0.0.1 and a free port; it is stopped when a scenario ends. Set BENCH_JFR=1 to record a
# JFR profile of the server (bench/work/results/*.jfr).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work="$here/bench/work"
results="$work/results"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
server_heap=${BENCH_SERVER_HEAP:-256m}
# Another build of the server, for example an older commit, to compare against on the same stores.
server_jar=${BENCH_JAR:-$here/target/iocd.jar}
mkdir -p "$work" "$results"

classpath() {
  [ -f "$here/target/test-classpath.txt" ] || build
  echo "$here/target/test-classes:$here/target/classes:$(cat "$here/target/test-classpath.txt")"
}

build() {
  (cd "$here" && mvn -q -B -DskipTests package && mvn -q -B test-compile \
    && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt)
}

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "jdk: $("$java" -version 2>&1 | head -1)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

csv_for() {
  local file="$work/iocs-$1.csv"
  [ -f "$file" ] || "$java" -cp "$(classpath)" iocd.bench.IocGenerator "$1" "$file" >&2
  echo "$file"
}

generate() {
  for size in 10k 100k 1M; do csv_for "$size" > /dev/null; done
}

run_import() {
  local target=$1 size=${2:-1M} csv jfr=()
  csv=$(csv_for "$size")
  [ "${BENCH_JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$results/import-$target-$size.jfr,settings=profile")
  machine | tee "$results/import-$target-$size.txt"
  if [ "$target" = sqlite ]; then
    rm -rf "$work/import-sqlite-$size"
    "$java" -Xmx1g "${jfr[@]}" -cp "$(classpath)" iocd.bench.ImportDriver sqlite "$csv" "$work/import-sqlite-$size/iocd.db" \
      ${BENCH_BATCH:-} | tee -a "$results/import-$target-$size.txt"
  else
    "$java" -Xmx1g "${jfr[@]}" -cp "$(classpath)" iocd.bench.ImportDriver postgres "$csv" \
      ${BENCH_BATCH:-} | tee -a "$results/import-$target-$size.txt"
  fi
}

# The served store for SIZE: imported once, then reused by every server scenario.
store() {
  local size=$1 dir="$work/store-$1"
  if [ ! -f "$dir/iocd.db" ]; then
    rm -rf "$dir"
    "$java" -Xmx1g -cp "$(classpath)" iocd.bench.ImportDriver sqlite "$(csv_for "$size")" "$dir/iocd.db" >&2
  fi
  if [ ! -f "$dir/keys.txt" ]; then
    "$java" -cp "$(classpath)" iocd.bench.BenchKeys "$dir/iocd.db" 16 "$dir/keys.txt"
  fi
}

server_pid=""
sampler_pid=""

# Starts the server on the store of SIZE; sets server_pid and server_url.
start_server() {
  local size=$1 name=$2 log="$results/$2-server.log" jfr=()
  [ "${BENCH_JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$results/$name.jfr,settings=profile")
  store "$size"
  [ -f "$server_jar" ] || build
  "$java" -Xmx"$server_heap" -Xlog:gc:file="$results/$name-gc.log" "${jfr[@]}" \
    -jar "$server_jar" serve --data "$work/store-$size" --host 127.0.0.1 --port 0 > "$log" 2>&1 &
  server_pid=$!
  trap stop_server EXIT
  for _ in $(seq 1 120); do
    server_url=$(sed -n 's/.*iocd listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$log" | head -1)
    [ -n "$server_url" ] && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  [ -n "$server_url" ] || { echo "the server did not start; see $log" >&2; exit 1; }
  # Resident memory once a second; VmHWM is the kernel's own peak.
  (while kill -0 "$server_pid" 2> /dev/null; do
     awk -v t="$(date +%s)" '/^Vm(RSS|HWM)/ {printf "%s %s %s ", t, $1, $2} END {print ""}' \
       "/proc/$server_pid/status" 2> /dev/null || true
     sleep 1
   done) > "$results/$name-rss.log" &
  sampler_pid=$!
  echo "server pid $server_pid at $server_url (heap -Xmx$server_heap)"
}

stop_server() {
  trap - EXIT
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    grep -h '^VmHWM\|^VmRSS' "/proc/$server_pid/status" | tr -s ' \t' ' ' | tr '\n' ' '
    # utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks: all server CPU since start.
    awk -v hz="$(getconf CLK_TCK)" '{printf "server_cpu_seconds=%.1f\n", ($14 + $15) / hz}' "/proc/$server_pid/stat"
    kill "$server_pid"
    wait "$server_pid" 2> /dev/null || true
  fi
  if [ -n "$sampler_pid" ]; then
    wait "$sampler_pid" 2> /dev/null || true
  fi
  server_pid=""
  sampler_pid=""
}

# Summarises a GC log: collections, full collections, the largest heap in use before a collection.
memory_summary() {
  local name=$1
  awk '/Pause/ {n++} /Pause Full/ {full++}
       match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
         split(substr($0, RSTART, RLENGTH), a, /M->|M\(|M\)/); if (a[1] + 0 > peak) peak = a[1] + 0;
         if (a[2] + 0 > live) live = a[2] + 0 }
       END {printf "MEMORY gc_pauses=%d full_gcs=%d peak_heap_before_gc_mb=%d max_heap_after_gc_mb=%d ", n, full, peak, live}' \
    "$results/$name-gc.log"
  awk '{for (i = 2; i <= NF; i += 3) if ($i == "VmRSS:" && $(i + 1) > rss) rss = $(i + 1)}
       END {printf "peak_rss_mb=%d\n", rss / 1024}' "$results/$name-rss.log"
  if grep -q OutOfMemoryError "$results/$name-server.log"; then echo "MEMORY OutOfMemoryError in the server log"; fi
}

bundle() {
  local size=${1:-1M} name="bundle-${1:-1M}"
  machine | tee "$results/$name.txt"
  start_server "$size" "$name"
  "$java" -cp "$(classpath)" iocd.bench.BundleLoadDriver --url "$server_url" --keys "$work/store-$size/keys.txt" \
    --clients "${BENCH_CLIENTS:-1,8,32}" --requests "${BENCH_REQUESTS:-3000}" --seconds "${BENCH_SECONDS:-30}" \
    --warmup-seconds "${BENCH_WARMUP:-15}" | tee -a "$results/$name.txt"
  stop_server >> "$results/$name.txt"
  memory_summary "$name" | tee -a "$results/$name.txt"
}

taxii() {
  local size=${1:-1M} name="taxii-${1:-1M}"
  machine | tee "$results/$name.txt"
  start_server "$size" "$name"
  # The first poll warms the server up; the second is the measured one.
  "$java" -cp "$(classpath)" iocd.bench.TaxiiPollDriver --url "$server_url" --keys "$work/store-$size/keys.txt" \
    --limit 1000 --polls "${BENCH_POLLS:-2}" --seconds 600 | tee -a "$results/$name.txt"
  stop_server >> "$results/$name.txt"
  memory_summary "$name" | tee -a "$results/$name.txt"
}

# Server memory against page size: the same 8-client load at limit 10, 100 and 1000, one fresh server each.
pagesize() {
  machine | tee "$results/pagesize.txt"
  for limit in 10 100 1000; do
    start_server 1M "pagesize-$limit"
    "$java" -cp "$(classpath)" iocd.bench.BundleLoadDriver --url "$server_url" --keys "$work/store-1M/keys.txt" \
      --clients 8 --limit "$limit" --requests 2000 --seconds 30 --warmup-seconds 10 \
      | grep phase=measure | sed "s/^RESULT /RESULT limit=$limit /" | tee -a "$results/pagesize.txt"
    stop_server > /dev/null
    memory_summary "pagesize-$limit" | sed "s/^MEMORY /MEMORY limit=$limit /" | tee -a "$results/pagesize.txt"
  done
}

scaling() {
  machine | tee "$results/scaling.txt"
  for size in 10k 100k 1M; do
    start_server "$size" "scaling-$size"
    "$java" -cp "$(classpath)" iocd.bench.BundleLoadDriver --url "$server_url" --keys "$work/store-$size/keys.txt" \
      --clients 1 --requests "${BENCH_REQUESTS:-1000}" --seconds 60 --warmup-seconds 15 \
      | sed "s/^RESULT /RESULT size=$size /" | tee -a "$results/scaling.txt"
    stop_server > /dev/null
  done
}

render() {
  machine | tee "$results/render.txt"
  "$java" -cp "$(classpath)" org.openjdk.jmh.Main iocd.bench.RenderBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
    -rf text -rff "$results/render-jmh.txt" | tee -a "$results/render.txt"
}

case "${1:-}" in
  build) build ;;
  generate) generate ;;
  import) run_import "${2:?sqlite or postgres}" "${3:-1M}" ;;
  store) store "${2:?size such as 1M}" ;;
  bundle) bundle "${2:-1M}" ;;
  taxii) taxii "${2:-1M}" ;;
  render) render ;;
  pagesize) pagesize ;;
  scaling) scaling ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
