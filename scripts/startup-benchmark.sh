#!/usr/bin/env bash
# Start-up to first request served, as the service logs it ("first request served N ms after the JVM started"), and
# the CPU the process had used by then: starts the built jar in demo mode N times (default 5) in each of four ways,
# in memory and on the database at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres, migrated
# by a first start that is not counted), each without and with the AOT cache the build wrote
# (bootstrap/target/dondelocompro.aot, JDK >= 25), asks for /health as soon as the port answers, and prints each
# figure and the medians. The four ways take turns, so that a busy machine weighs on each alike.
# Build first: ./mvnw -B -q package -DskipTests          Usage: scripts/startup-benchmark.sh [runs] [memory|database|both]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
which="${2:-both}"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar=bootstrap/target/dondelocompro.jar
cache=bootstrap/target/dondelocompro.aot
database_url="${DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
port=18089
ticks=$(getconf CLK_TCK)

[ -f "$jar" ] || { echo "no $jar: build first (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
archives=(plain)
if [ -f "$cache" ]; then archives+=(aot); else echo "no $cache (JDK < 25, or built with -Daot.skip): without the cache only"; fi
modes=()
case "$which" in
  memory) modes=(memory) ;;
  database) modes=(database) ;;
  both) modes=(memory database) ;;
  *) echo "usage: $0 [runs] [memory|database|both]" >&2; exit 2 ;;
esac

# one start: prints "<ms to first request served> <ms of CPU by then>"
start_once() {
  local mode="$1" archive="$2" log pid ms cpu
  log=$(mktemp)
  local flags=()
  [ "$archive" = aot ] && flags+=("-XX:AOTCache=$cache")
  if [ "$mode" = database ]; then
    DATABASE_URL="$database_url" PORT=$port "$java_bin" "${flags[@]}" -jar "$jar" --demo >"$log" 2>&1 &
  else
    PORT=$port "$java_bin" "${flags[@]}" -jar "$jar" --demo >"$log" 2>&1 &
  fi
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  cpu=$(awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  sleep 0.2
  ms=$(sed -n 's/.*first request served \([0-9,]*\) ms.*/\1/p' "$log" | tr -d ',')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
  echo "$ms $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [[ " ${modes[*]} " == *" database "* ]]; then
  echo "database: $(start_once database plain | awk '{print "a first start brings the schema up to date (" $1 " ms), not counted"}')"
fi
declare -A wall cpu
for i in $(seq 1 "$runs"); do
  for mode in "${modes[@]}"; do
    for archive in "${archives[@]}"; do
      read -r ms used < <(start_once "$mode" "$archive")
      echo "run $i, $mode, $([ "$archive" = aot ] && echo "AOT cache" || echo "no cache"): first request served ${ms} ms after the JVM started, ${used} ms of CPU"
      wall[$mode.$archive]+="$ms "
      cpu[$mode.$archive]+="$used "
    done
  done
done
echo "medians of $runs runs ($(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
for mode in "${modes[@]}"; do
  for archive in "${archives[@]}"; do
    printf '  %-9s %-10s first request served %5s ms, CPU %5s ms\n' "$mode" "$([ "$archive" = aot ] && echo "AOT cache" || echo "no cache")" \
      "$(tr ' ' '\n' <<<"${wall[$mode.$archive]}" | grep . | median)" "$(tr ' ' '\n' <<<"${cpu[$mode.$archive]}" | grep . | median)"
  done
done
