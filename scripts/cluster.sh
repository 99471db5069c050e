#!/usr/bin/env bash
# Many instances on this machine: N instances of the built jar sharing the local PostgreSQL and Redis, with HAProxy
# (Debian's package) in front on one port, round-robin, event streams passed through unbuffered.
#
#   scripts/cluster.sh N              start N instances (default 3) and HAProxy; prints the balancer's URL
#   scripts/cluster.sh status         what runs, and each instance's /health
#   scripts/cluster.sh check-proxy    the trusted-proxy check behind HAProxy (see README, "Many instances")
#   scripts/cluster.sh stop           stops HAProxy and the instances this script started (SIGTERM, then waits)
#   scripts/cluster.sh haproxy-config PORT HOST:PORT...
#                                     prints HAProxy's configuration (scripts/haproxy.cfg.template) for a balancer on
#                                     127.0.0.1:PORT in front of the instances at HOST:PORT...
#
# Variables: CLUSTER_PORT (8090, the balancer), CLUSTER_BASE_PORT (8100: instances on 8101, 8102, ...),
# CLUSTER_DEMO (true: the bundled demo stores, no internet needed), CLUSTER_DATABASE_URL (a JDBC URL; default the
# local PostgreSQL's database dlc_cluster, created if missing; "none" for in-memory), REDIS_URL
# (redis://127.0.0.1:6379, started if it does not answer), REDIS_KEY_PREFIX (dlc-cluster), RATE_LIMIT_PER_MINUTE,
# JAVA_OPTS (-Xmx256m). Build the jar first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=target/cluster
JAR=bootstrap/target/dondelocompro.jar
CLUSTER_PORT="${CLUSTER_PORT:-8090}"
CLUSTER_BASE_PORT="${CLUSTER_BASE_PORT:-8100}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
REDIS_KEY_PREFIX="${REDIS_KEY_PREFIX:-dlc-cluster}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"

pick_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      echo "$candidate/bin/java"; return
    fi
  done
  echo java
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # url seconds
  for _ in $(seq 1 "$(( $2 * 10 ))"); do
    curl -s -o /dev/null -m 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}

ensure_haproxy() {
  # Debian installs it in /usr/sbin, which a non-root PATH may lack
  case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/usr/local/sbin" ;; esac
  if ! command -v haproxy >/dev/null 2>&1; then
    echo "installing haproxy (Debian's package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || true
    apt-get install -y -q haproxy
  fi
}

ensure_redis() {
  local hostport="${REDIS_URL#*://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
  local host="${hostport%:*}" port="${hostport##*:}"
  if redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then return; fi
  if [ "$host" != "127.0.0.1" ] && [ "$host" != "localhost" ]; then
    echo "Redis at $REDIS_URL does not answer" >&2; exit 1
  fi
  echo "starting Redis on $host:$port"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1 && return; sleep 0.2; done
  echo "Redis did not start" >&2; exit 1
}

database_url() {
  if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then echo "$CLUSTER_DATABASE_URL"; return; fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "PostgreSQL on 127.0.0.1:5432 does not answer (set CLUSTER_DATABASE_URL, or CLUSTER_DATABASE_URL=none)" >&2; exit 1
  fi
  if ! psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname = 'dlc_cluster'" | grep -q 1; then
    createdb -h 127.0.0.1 -U postgres dlc_cluster
  fi
  echo "jdbc:postgresql://127.0.0.1:5432/dlc_cluster?user=postgres"
}

# The balancer's configuration on stdout: scripts/haproxy.cfg.template listening on 127.0.0.1:PORT, one server per
# HOST:PORT, round-robin. The cluster runs exactly this, and so does bootstrap's TrustedProxyBehindHaproxyTest.
haproxy_config() { # port host:port...
  local port="${1:-}"; shift || true
  if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$#" -eq 0 ]; then
    echo "usage: scripts/cluster.sh haproxy-config PORT HOST:PORT... (the balancer's port on 127.0.0.1, then each instance)" >&2
    exit 2
  fi
  local servers="" i=0 backend
  for backend in "$@"; do
    if ! [[ "$backend" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]]; then
      echo "haproxy-config: '$backend' is not HOST:PORT (such as 127.0.0.1:8101)" >&2; exit 2
    fi
    i=$((i + 1))
    servers+="    server instance$i $backend check inter 1s fall 2 rise 1"$'\n'
  done
  local config
  config="$(cat scripts/haproxy.cfg.template)"
  # bash 5.2 would read & in a replacement as "what matched"
  shopt -u patsub_replacement 2>/dev/null || true
  config="${config//@LISTEN@/127.0.0.1:$port}"
  config="${config//@SERVERS@/${servers%$'\n'}}"
  printf '%s\n' "$config"
}

write_haproxy_config() { # n
  local backends=()
  for i in $(seq 1 "$1"); do backends+=("127.0.0.1:$((CLUSTER_BASE_PORT + i))"); done
  haproxy_config "$CLUSTER_PORT" "${backends[@]}" > "$STATE/haproxy.cfg"
}

start() { # n
  local n="$1"
  [ -f "$JAR" ] || { echo "no $JAR: build it first (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
  if alive "$STATE/haproxy.pid" || ls "$STATE"/instance*.pid >/dev/null 2>&1; then
    echo "a cluster already runs (scripts/cluster.sh stop first)" >&2; exit 1
  fi
  mkdir -p "$STATE"
  ensure_haproxy
  ensure_redis
  local db java demo=()
  db="$(database_url)"
  java="$(pick_java)"
  [ "${CLUSTER_DEMO:-true}" = "true" ] && demo=(--demo)
  echo "${RATE_LIMIT_PER_MINUTE:-30}" > "$STATE/rate-limit"
  # one after the other: the first migrates the schema (Flyway), the others find it migrated
  for i in $(seq 1 "$n"); do
    local port=$((CLUSTER_BASE_PORT + i))
    (
      export PORT="$port" REDIS_URL REDIS_KEY_PREFIX TRUSTED_PROXIES="127.0.0.1" DLC_ROLE="${DLC_ROLE:-all}"
      [ -n "${RATE_LIMIT_PER_MINUTE:-}" ] && export RATE_LIMIT_PER_MINUTE
      if [ "$db" != "none" ]; then export DATABASE_URL="$db"; fi
      # shellcheck disable=SC2086
      exec "$java" $JAVA_OPTS -jar "$JAR" "${demo[@]}" > "$STATE/instance$i.log" 2>&1
    ) &
    echo $! > "$STATE/instance$i.pid"
    if ! wait_for "http://127.0.0.1:$port/" 120; then
      echo "instance $i did not start; see $STATE/instance$i.log" >&2; stop; exit 1
    fi
  done
  write_haproxy_config "$n"
  haproxy -c -q -f "$STATE/haproxy.cfg"
  haproxy -D -p "$STATE/haproxy.pid" -f "$STATE/haproxy.cfg"
  wait_for "http://127.0.0.1:$CLUSTER_PORT/" 10 || { echo "HAProxy did not answer" >&2; stop; exit 1; }
  echo "$n instances behind http://127.0.0.1:$CLUSTER_PORT/ (instances on $((CLUSTER_BASE_PORT + 1))..$((CLUSTER_BASE_PORT + n)); logs in $STATE/)"
}

stop() {
  if alive "$STATE/haproxy.pid"; then
    kill "$(cat "$STATE/haproxy.pid")"
  fi
  rm -f "$STATE/haproxy.pid"
  local pids=()
  for f in "$STATE"/instance*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then
      kill -TERM "$(cat "$f")"
      pids+=("$(cat "$f")")
    fi
    rm -f "$f"
  done
  # graceful: running searches finish (up to their deadline), the recorder flushes
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "instance $pid still running after 30 s: SIGKILL"; kill -KILL "$pid"; }
  done
  echo "stopped"
}

status() {
  if alive "$STATE/haproxy.pid"; then echo "haproxy: running on 127.0.0.1:$CLUSTER_PORT"; else echo "haproxy: not running"; fi
  for f in "$STATE"/instance*.pid; do
    [ -f "$f" ] || continue
    local i="${f##*/instance}"; i="${i%.pid}"
    local port=$((CLUSTER_BASE_PORT + i))
    if alive "$f"; then
      echo "instance $i (pid $(cat "$f"), port $port): $(curl -s -m 2 "http://127.0.0.1:$port/health" | head -c 200)"
    else
      echo "instance $i: not running"
    fi
  done
}

# The trusted-proxy check: two clients with different addresses (127.0.0.2 and 127.0.0.3, both loopback) each get
# their own bucket through HAProxy; a forged X-Forwarded-For, sent through HAProxy or straight to an instance from
# an untrusted address, changes nothing.
check_proxy() {
  alive "$STATE/haproxy.pid" || { echo "no cluster runs (scripts/cluster.sh N first)" >&2; exit 1; }
  local limit; limit="$(cat "$STATE/rate-limit")"
  local lb="http://127.0.0.1:$CLUSTER_PORT/search?use_cache=true" direct="http://127.0.0.1:$((CLUSTER_BASE_PORT + 1))/search?use_cache=true"
  post() { # source-address url [extra header]
    curl -s -o /dev/null -w '%{http_code}' --interface "$1" -X POST "$2" -H 'Content-Type: application/json' \
      ${3:+-H "$3"} -d '{"query": "licuadora oster", "max_results": 3}'
  }
  local failures=0 code
  expect() { # what wanted got
    if [ "$2" = "$3" ]; then echo "  ok   $1: $3"; else echo "  FAIL $1: wanted $2, got $3"; failures=$((failures + 1)); fi
  }
  # a fresh minute for both clients: their buckets are keyed by address in Redis
  redis-cli -u "$REDIS_URL" --scan --pattern "$REDIS_KEY_PREFIX:rate:*127.0.0.[23]" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
  local ok=0
  for _ in $(seq 1 "$limit"); do
    code="$(post 127.0.0.2 "$lb")"; [ "$code" = 200 ] && ok=$((ok + 1))
  done
  expect "client 127.0.0.2 through HAProxy, its $limit searches of the minute (round-robin over the instances)" "$limit" "$ok"
  expect "client 127.0.0.2, one more (the limit holds across instances)" 429 "$(post 127.0.0.2 "$lb")"
  expect "client 127.0.0.3 through HAProxy: a bucket of its own" 200 "$(post 127.0.0.3 "$lb")"
  expect "client 127.0.0.2 through HAProxy claiming X-Forwarded-For 127.0.0.9" 429 "$(post 127.0.0.2 "$lb" 'X-Forwarded-For: 127.0.0.9')"
  expect "client 127.0.0.2 through HAProxy claiming Forwarded for=127.0.0.9" 429 "$(post 127.0.0.2 "$lb" 'Forwarded: for=127.0.0.9')"
  expect "client 127.0.0.2 straight to an instance (untrusted) claiming X-Forwarded-For 127.0.0.9" 429 \
    "$(post 127.0.0.2 "$direct" 'X-Forwarded-For: 127.0.0.9')"
  expect "client 127.0.0.2 straight to an instance claiming Forwarded for=127.0.0.9" 429 \
    "$(post 127.0.0.2 "$direct" 'Forwarded: for=127.0.0.9')"
  local sse; sse="$(curl -s --interface 127.0.0.3 -X POST "$lb" -H 'Content-Type: application/json' \
    -H 'X-Forwarded-Host: evil.example' -d '{"query": "televisor"}' | sed -n 's/.*"sse_url":"\([^"]*\)".*/\1/p')"
  expect "sse_url through HAProxy: the balancer's scheme and the client's Host" "http://127.0.0.1:$CLUSTER_PORT/" \
    "$(echo "$sse" | grep -o '^http://[^/]*/' || echo "$sse")"
  if [ "$failures" -gt 0 ]; then echo "trusted-proxy check: $failures failed"; exit 1; fi
  echo "trusted-proxy check: all passed"
}

case "${1:-3}" in
  stop) stop ;;
  status) status ;;
  check-proxy) check_proxy ;;
  haproxy-config) shift; haproxy_config "$@" ;;
  ''|*[!0-9]*) echo "usage: scripts/cluster.sh N | status | check-proxy | stop | haproxy-config PORT HOST:PORT..." >&2; exit 2 ;;
  *) start "$1" ;;
esac
