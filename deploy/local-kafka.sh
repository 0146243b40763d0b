#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on loopback from the Maven Central artifacts, keeping its data
# under $TOKEN_PLATFORM_VAR/kafka so that a second start reuses it. Prints nothing but errors; logs go to
# $TOKEN_PLATFORM_VAR/kafka/broker.log. Sourced by the other scripts: defines start_kafka and stop_kafka.
set -euo pipefail

kafka_root() { echo "${TOKEN_PLATFORM_VAR:?}/kafka"; }

start_kafka() {
  local root port controller_port dir cp
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  port=${KAFKA_PORT:-9092}
  controller_port=${KAFKA_CONTROLLER_PORT:-9093}
  dir=$(kafka_root)
  mkdir -p "$dir"
  if [ ! -s "$dir/classpath.txt" ]; then
    "$root/mvnw" -B -q -f "$root/deploy/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$dir/classpath.txt" >/dev/null
  fi
  cp=$(cat "$dir/classpath.txt")
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$dir/broker.log")" \
      -c "$dir/server.properties" >>"$dir/broker.log" 2>&1
  fi
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" kafka.Kafka "$dir/server.properties" \
    >>"$dir/broker.log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -20 "$dir/broker.log" >&2; return 1; }
    sleep 1
  done
  echo "Kafka did not start on 127.0.0.1:$port; see $dir/broker.log" >&2
  return 1
}

stop_kafka() {
  local pid_file
  pid_file="$(kafka_root)/pid"
  [ -f "$pid_file" ] || return 0
  kill "$(cat "$pid_file")" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 1; done
  rm -f "$pid_file"
}
