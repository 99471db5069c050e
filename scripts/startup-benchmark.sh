#!/usr/bin/env bash
# Start-up to first request served, as the service logs it: starts the built jar in demo mode N times
# (default 5), asks for /health as soon as the port answers, and prints each figure and the median.
# Build first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port=18089
figures=()
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  PORT=$port "$java_bin" -jar bootstrap/target/dondelocompro.jar --demo >"$log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.01; done
  sleep 0.2
  ms=$(sed -n 's/.*first request served \([0-9,]*\) ms.*/\1/p' "$log" | tr -d ',')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: first request served ${ms} ms after the JVM started"
  figures+=("$ms")
  rm -f "$log"
done
median=$(printf '%s\n' "${figures[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $runs runs: ${median} ms ($(nproc) cores, $(uname -m))"
