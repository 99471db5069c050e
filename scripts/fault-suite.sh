#!/usr/bin/env bash
# The fault suite (issue 10), on this machine's loopback, each probe bounded in time:
#   fuzz     10,000 fuzzed raw-socket requests over every endpoint (FuzzServerTest, -Dfuzz.requests)
#   hostile  hostile stores: slow-loris, huge bodies and headers, gzip bombs, redirect loops, captcha pages (HostileStoresTest)
#   service  the service as a process of its own on a PostgreSQL of its own (never the machine's), under concurrent
#            clients: database stopped 30 s, SIGTERM, kill -9 and restart, event streams left unread or vanished
#            (FaultSuiteTest, tag "faults", Maven profile -Pfaults)
# Usage: scripts/fault-suite.sh [fuzz|hostile|service]...   (default: all three). Figures are the lines printed
# at the end; logs in target/fault-suite/. Exit code non-zero when a probe fails.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
fi
probes=("$@")
[ ${#probes[@]} -eq 0 ] && probes=(fuzz hostile service)
out=target/fault-suite
mkdir -p "$out"
failed=()
run() { # name, time limit in seconds, maven arguments...
  local name=$1 limit=$2
  shift 2
  local start=$SECONDS
  echo "== $name (at most ${limit} s)"
  if timeout "$limit" ./mvnw -B -q verify -Dsurefire.failIfNoSpecifiedTests=false "$@" > "$out/$name.log" 2>&1; then
    echo "   passed in $((SECONDS - start)) s"
  else
    echo "   FAILED after $((SECONDS - start)) s (see $out/$name.log)"
    failed+=("$name")
  fi
}
for probe in "${probes[@]}"; do
  case "$probe" in
    fuzz) run fuzz 300 -pl adapters-http -am -Dtest=FuzzServerTest -Dfuzz.requests="${FUZZ_REQUESTS:-10000}" ;;
    hostile) run hostile 300 -pl adapters-scraping -am -Dtest=HostileStoresTest ;;
    service) run service 900 -pl bootstrap -am -Pfaults -Dtest=FaultSuiteTest ;;
    *) echo "unknown probe '$probe' (fuzz, hostile, service)"; exit 2 ;;
  esac
done
echo "== figures ($(nproc) cores, $(uname -m))"
cat "$out"/*.log 2>/dev/null | grep -E '^(fuzz:|\[faults\])|Tests run:.*(Hostile|Fuzz|FaultSuite)' | sed 's/^/   /'
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all probes passed"
