#!/usr/bin/env bash
# Signed-in GET throughput of the sample app with in-memory sessions vs sessions in PostgreSQL (Jetty's JDBC
# store behind a NullSessionCache, plus the filter's PostgreSQL refresh coordinator and logout registry), in
# one run: a private PostgreSQL, one devserver, two sample nodes pinned to core 1, wrk pinned to core 0.
# Usage (from the repository root, after `mvn -q -B -pl sample-app -am package -DskipTests`):
#   benchmarks/scripts/session-store-throughput.sh [DURATION (default 10s)] [CONNECTIONS (default 16)]
set -euo pipefail
DURATION=${1:-10s}
CONNECTIONS=${2:-16}
PG=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/meshagent-bench-XXXXXX)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PGPORT=$(free_port); DEVPORT=$(free_port); MEMPORT=$(free_port); SQLPORT=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PG/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG/initdb" -D "$WORK/pg" -U postgres -A trust --no-locale -E UTF8 >/dev/null
as_pg "$PG/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $WORK/pg" -w start >/dev/null
"$PG/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres sessions

java -jar meshagent-devserver/target/meshagent-devserver.jar --port "$DEVPORT" \
  --redirect-uri "http://localhost:$MEMPORT/meshagent/callback" \
  --redirect-uri "http://localhost:$SQLPORT/meshagent/callback" > "$WORK/devserver.env.part" 2>"$WORK/devserver.log" &
PIDS+=($!)
until [ "$(wc -l < "$WORK/devserver.env.part")" -ge 5 ]; do sleep 1; done; cp "$WORK/devserver.env.part" "$WORK/devserver.env"
set -a; . "$WORK/devserver.env"; set +a

PORT=$MEMPORT taskset -c 1 java -jar sample-app/target/sample-app.jar > "$WORK/memory.log" 2>&1 &
PIDS+=($!)
SAMPLE_SESSION_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/sessions" SAMPLE_SESSION_JDBC_USER=postgres \
  SAMPLE_SESSION_JDBC_PASSWORD= PORT=$SQLPORT taskset -c 1 java -jar sample-app/target/sample-app.jar > "$WORK/postgres.log" 2>&1 &
PIDS+=($!)
for log in memory postgres; do until grep -q "Sample app ready" "$WORK/$log.log"; do sleep 1; done; done

# signs in through the devserver's form like a browser; prints the session cookie
sign_in() {
  local port=$1 jar="$WORK/jar-$1" auth form pending callback
  auth=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "http://localhost:$port/meshagent/login?return_to=/rooms")
  form=$(curl -s -c "$jar" -b "$jar" "$auth")
  pending=$(printf '%s' "$form" | grep -o 'name="pending" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -H "Origin: http://127.0.0.1:$DEVPORT" \
    --data-urlencode "pending=$pending" --data-urlencode "email=bench@example.com" -d allow=allow \
    "http://127.0.0.1:$DEVPORT/oauth/authorize")
  curl -s -c "$jar" -b "$jar" -o /dev/null "$callback"
  test "$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "http://localhost:$port/rooms")" = 200
  awk '$6 == "JSESSIONID" { print "JSESSIONID=" $7 }' "$jar"
}

for node in memory:$MEMPORT postgres:$SQLPORT; do
  name=${node%%:*}; port=${node#*:}
  cookie=$(sign_in "$port")
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d3s -H "Cookie: $cookie" "http://localhost:$port/rooms" >/dev/null # warm-up
  echo "== $name sessions: taskset -c 0 wrk -t1 -c$CONNECTIONS -d$DURATION -H 'Cookie: JSESSIONID=…' http://localhost:$port/rooms"
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $cookie" "http://localhost:$port/rooms" | tee "$WORK/wrk-$name.txt"
done
mem=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-memory.txt")
sql=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-postgres.txt")
echo "ratio postgres/memory: $(python3 -c "print(round($sql/$mem, 3))") ($sql / $mem requests/s)"
