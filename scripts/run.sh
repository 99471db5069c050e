#!/usr/bin/env bash
# Runs the built service, java -jar bootstrap/target/dondelocompro.jar with these arguments (--demo ...), with the AOT
# cache the build wrote beside it (bootstrap/target/dondelocompro.aot) when this java can use it: a JDK >= 25, and
# DLC_AOT_CACHE not "off", and the cache written after the jar (the JVM itself checks that it fits this JDK and
# class path, and starts without it when it does not). JAVA_OPTS go to java as they are.
# Build first: ./mvnw -B -q package -DskipTests          Usage: scripts/run.sh [--demo]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
else
  java_bin="$(command -v java)"
fi
jar="$root/bootstrap/target/dondelocompro.jar"
cache="$root/bootstrap/target/dondelocompro.aot"
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw -B -q package -DskipTests" >&2; exit 1; }

# the JDK's major version from its release file, without starting a JVM
release="$(dirname "$(dirname "$(readlink -f "$java_bin")")")/release"
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null | head -n1)
flags=()
if [ -f "$cache" ] && [ "${DLC_AOT_CACHE:-on}" != off ] && [ "${major:-0}" -ge 25 ]; then
  # written after the jar and its libraries by the same build (a jar rebuilt with -Daot.skip=true leaves an old one)
  if [ "$cache" -nt "$jar" ] && [ -z "$(find "$root/bootstrap/target/libs" -newer "$cache" -print -quit)" ]; then
    flags+=("-XX:AOTCache=$cache")
  else
    echo "run.sh: $cache is older than the jar or its libraries: starting without it" >&2
  fi
fi
exec "$java_bin" "${flags[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
