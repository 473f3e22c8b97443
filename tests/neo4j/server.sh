#!/usr/bin/env bash
# A Neo4j Community server for the tests (see TestServer.java).
#
#   bash tests/neo4j/server.sh start DIR   build the launcher if needed, start the server
#                                          with its data in DIR, wait until Bolt answers,
#                                          print NEO4J_URI=, NEO4J_USERNAME=, NEO4J_PASSWORD=
#   bash tests/neo4j/server.sh stop DIR    stop it and wait for the process to end
#
# Needs java (17+) and mvn; the first build fetches Neo4j's jars from Maven Central.
# Messages go to stderr; DIR/neo4j.out holds the server's own output.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1"
mkdir -p "$2"
dir="$(cd "$2" && pwd)"
pidfile="$dir/neo4j.pid"

running_pid() {  # the pid in DIR/neo4j.pid when it is our launcher and alive
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "minegraph.TestServer $dir" \
    && echo "$pid"
}

build() {
  local jar="$HERE/target/neo4j-test-server-1.jar"
  if [ ! -f "$jar" ] || [ ! -d "$HERE/target/lib" ] || [ "$HERE/pom.xml" -nt "$jar" ] \
      || [ -n "$(find "$HERE/src" -newer "$jar" -print -quit)" ]; then
    echo "Building the Neo4j test server (Neo4j's jars come from Maven Central the first time)..." >&2
    (cd "$HERE" && mvn -q -B -Dstyle.color=never package -DskipTests >&2)
  fi
}

case "$action" in
  start)
    command -v java >/dev/null || { echo "java is not installed" >&2; exit 1; }
    command -v mvn >/dev/null || { echo "mvn is not installed" >&2; exit 1; }
    if [ -n "$(running_pid)" ]; then
      echo "a Neo4j test server already runs on $dir (pid $(running_pid))" >&2
      exit 1
    fi
    build
    rm -f "$dir/connection.env"
    # setsid: the server is not in the caller's process group, so a Ctrl-C meant for
    # pytest does not kill it; the caller stops it with 'stop'.
    setsid java -Xms128m -Xmx768m -XX:+UseSerialGC -cp "$HERE/target/neo4j-test-server-1.jar:$HERE/target/lib/*" \
      minegraph.TestServer "$dir" </dev/null >"$dir/neo4j.out" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
    deadline=$((SECONDS + START_TIMEOUT))
    until [ -s "$dir/connection.env" ]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "the Neo4j test server exited; last lines of $dir/neo4j.out:" >&2
        tail -n 20 "$dir/neo4j.out" >&2
        exit 1
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "the Neo4j test server did not start within $START_TIMEOUT s (see $dir/neo4j.out)" >&2
        kill "$pid" 2>/dev/null || true
        exit 1
      fi
      sleep 0.5
    done
    uri="$(grep '^NEO4J_URI=' "$dir/connection.env" | cut -d= -f2-)"
    hostport="${uri#bolt://}"
    # Bolt answers: a TCP connection to its port succeeds
    until (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; do
      [ "$SECONDS" -lt "$deadline" ] || { echo "Bolt at $uri does not answer" >&2; exit 1; }
      sleep 0.2
    done
    cat "$dir/connection.env"
    ;;
  stop)
    pid="$(running_pid || true)"
    if [ -z "$pid" ]; then
      echo "no Neo4j test server runs on $dir" >&2
      rm -f "$pidfile" "$dir/connection.env"
      exit 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 600); do  # a clean shutdown flushes the store; then SIGKILL
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "the Neo4j test server did not stop within 60 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$pidfile" "$dir/connection.env"
    ;;
  *) usage ;;
esac
