#!/usr/bin/env bash
# The load benchmark (issue 13): the service (Main, -Xmx512m, a process of its own) against five loopback stores of
# 50-800 ms at default politeness (max_concurrency 2, min_delay_ms 500), driven over HTTP by shoppers on virtual
# threads (POST /search, then its event stream to completed); 1, 50, 200 and 1,000 concurrent searches, 30% of each
# burst repeating a query of the burst, with the database off and on; then 100 identical searches at once; and CPU per
# search of 3 stores and 30 offers with one shopper. Each figure is the median of 3 runs. Takes about 15 minutes.
# Usage: scripts/load-benchmark.sh [table|cpu]... [-Dload.levels=1,50 -Dload.runs=1 -Dload.database=off
#        -Dload.maxConcurrency=2 -Dload.minDelayMs=500 -Dload.latenciesMs=50,150,300,500,800 -Dload.repeated=0.3
#        -Dload.jfr=/tmp/search.jfr ...]   (LoadBenchmarkTest's Javadoc lists them all)
# "on" uses DLC_TEST_DATABASE_URL's server (a fresh database, dropped afterwards), else an embedded PostgreSQL.
# The figures are the [load] lines; the Maven log is target/load-benchmark.log, the service's bootstrap/target/load/.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
fi
tests=()
props=()
for arg in "$@"; do
  case "$arg" in
    table) tests+=("LoadBenchmarkTest#the_load_table") ;;
    cpu) tests+=("LoadBenchmarkTest#cpu_per_search_of_3_stores_and_30_offers") ;;
    -D*) props+=("$arg") ;;
    *) echo "unknown argument '$arg' (table, cpu, -Dload.*=...)"; exit 2 ;;
  esac
done
[ ${#tests[@]} -eq 0 ] && tests=("LoadBenchmarkTest")
mkdir -p target
selection=$(IFS=+; echo "${tests[*]}")
./mvnw -B -q verify -pl bootstrap -am -Pload -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$selection" \
    "${props[@]}" > target/load-benchmark.log 2>&1
status=$?
grep -E '^\[load\]' target/load-benchmark.log | grep -v ', run [0-9]' 
echo "($(nproc) cores, $(uname -m); every run: grep '\[load\]' target/load-benchmark.log)"
[ $status -ne 0 ] && echo "FAILED (see target/load-benchmark.log)"
exit $status
