#!/usr/bin/env bash
# The side-by-side load benchmark (docs/benchmarks.md). Not part of `mvn verify`.
#   benchmarks/load/run.sh                      # full run: 5 rounds x 6 s, 16 and 64 connections
#   ROUNDS=1 DURATION=3s WARMUP=3s WARMUP_MIN_SLICES=3 benchmarks/load/run.sh   # a quick end-to-end check
# Settings (environment): ROUNDS, DURATION, WARMUP (one warm-up slice; slices repeat until steady, at least WARMUP_MIN_SLICES and at most WARMUP_SLICES), CONNECTIONS (16,64), SERVERS (bare,session,filter,pac4j,spring),
# ENDPOINTS (get,room), JVM_FLAGS (the same for every server JVM; {kind} becomes the server name), CLIENT_CORE (0, wrk and the driver), SERVER_CORE (1), STORM (500; 0 skips the storm),
# SKIP_BUILD=1 to reuse what is built. Results: benchmarks/load/target/load/results.md, server logs next to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is needed (util-linux)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -Pload -pl benchmarks/load,benchmarks/load-spring -am package -DskipTests
fi
LOAD_CP="$PWD/benchmarks/load/target/classes:$(cat benchmarks/load/target/classpath.txt)"
SPRING_CP="$PWD/benchmarks/load-spring/target/classes:$(cat benchmarks/load-spring/target/classpath.txt)"
exec taskset -c "${CLIENT_CORE:-0}" java -Xmx512m \
  -Drounds="${ROUNDS:-5}" -Dduration="${DURATION:-6s}" -Dwarmup="${WARMUP:-5s}" -DwarmupSlices="${WARMUP_SLICES:-15}" -DwarmupMinSlices="${WARMUP_MIN_SLICES:-8}" \
  -Dconnections="${CONNECTIONS:-16,64}" -Dservers="${SERVERS:-bare,session,filter,pac4j,spring}" \
  -DjvmFlags="${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}" \
  -DclientCore="${CLIENT_CORE:-0}" -DserverCore="${SERVER_CORE:-1}" -Dstorm="${STORM:-500}" -Dendpoints="${ENDPOINTS:-get,room}" \
  -DloadCp="$LOAD_CP" -DspringCp="$SPRING_CP" -Dout="$PWD/benchmarks/load/target/load" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$LOAD_CP" com.meshagent.benchmarks.load.LoadBench
