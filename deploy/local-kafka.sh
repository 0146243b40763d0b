#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on loopback from the Maven Central artifacts, secured as the platform's
# broker (libs/kafka-setup): every client logs in with SASL/SCRAM as its own principal and may do only what the
# access policy of libs/events allows; topics are created here, never by a client. Data stays under
# $TOKEN_PLATFORM_VAR/kafka so that a second start reuses it; logs go to $TOKEN_PLATFORM_VAR/kafka/broker.log.
# Needs libs/events and libs/kafka-setup built (./mvnw package).
#
# Sourced by the other scripts: defines ensure_kafka_secrets, start_kafka and stop_kafka. The passwords
# (KAFKA_ADMIN_PASSWORD, KAFKA_CONTROLLER_PASSWORD and KAFKA_<PRINCIPAL>_PASSWORD for TOKEN_REGISTRY, AUTH_SERVICE,
# UNLOCK_SERVICE and OBSERVER) are shell variables of the caller, read from the owner-only secrets file that
# ensure_kafka_secrets fills; they reach a process only in its environment, never on a command line.
set -euo pipefail

kafka_root() { echo "${TOKEN_PLATFORM_VAR:?}/kafka"; }

# The broker's class path (resolved once) plus the platform's setup tool and the access policy it applies.
kafka_classpath() {
  local root dir setup_jar events_jar
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  dir=$(kafka_root)
  mkdir -p "$dir"
  if [ ! -s "$dir/classpath.txt" ]; then
    "$root/mvnw" -B -q -f "$root/deploy/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$dir/classpath.txt" >/dev/null
  fi
  setup_jar=$(ls "$root"/libs/kafka-setup/target/kafka-setup-*.jar 2>/dev/null | head -1 || true)
  events_jar=$(ls "$root"/libs/events/target/events-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$setup_jar" ] || [ -z "$events_jar" ]; then
    echo "local-kafka: libs/kafka-setup and libs/events are not built; run ./mvnw -B -q package -DskipTests" >&2
    return 1
  fi
  echo "$(cat "$dir/classpath.txt"):$setup_jar:$events_jar"
}

# kafka_setup COMMAND ARGS...: the setup tool; the caller puts the passwords it needs into its environment.
kafka_setup() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$(kafka_classpath)" hu.tokenplatform.kafkasetup.KafkaSetup "$@"
}

# ensure_kafka_secrets SECRETS-FILE: adds the broker's passwords that are missing (random, 256 bits) to the file.
ensure_kafka_secrets() {
  local secrets=$1 name
  for name in $(kafka_setup password-variables); do
    grep -q "^$name=" "$secrets" || echo "$name=$(openssl rand -hex 32)" >> "$secrets"
  done
}

start_kafka() {
  local port controller_port dir cp variables marker fingerprint aside name
  port=${KAFKA_PORT:-9092}
  controller_port=${KAFKA_CONTROLLER_PORT:-9093}
  dir=$(kafka_root)
  cp=$(kafka_classpath)
  variables=$(kafka_setup password-variables)
  for name in $variables; do
    [ -n "${!name:-}" ] || { echo "local-kafka: $name is not set (see ensure_kafka_secrets)" >&2; return 1; }
  done

  # Storage formatted before the broker was secured has no admin credential, and one formatted for another admin
  # password would lock the broker out of itself: either is moved aside, and a secured broker starts afresh.
  marker="$dir/admin-credential.sha256"
  fingerprint=$(printf '%s' "$KAFKA_ADMIN_PASSWORD" | openssl dgst -sha256 -hex | sed 's/^.* //')
  if [ -f "$dir/data/meta.properties" ] && [ "$(cat "$marker" 2>/dev/null || true)" != "$fingerprint" ]; then
    aside="$dir/data.unauthenticated-$(date +%Y%m%d-%H%M%S)"
    mv "$dir/data" "$aside"
    rm -f "$marker"
    printf '%s\n' "local-kafka: the Kafka data in $dir was formatted without broker authentication (or for another" \
      "  admin password). It is moved to $aside," \
      "  and a new broker with authentication and ACLs is formatted. The services keep their state in PostgreSQL;" \
      "  events in the old topics are not delivered again." >&2
  fi

  # server.properties holds the admin's and the controller's passwords: written under the caller's umask 077.
  {
    KAFKA_ADMIN_PASSWORD=$KAFKA_ADMIN_PASSWORD KAFKA_CONTROLLER_PASSWORD=$KAFKA_CONTROLLER_PASSWORD \
      kafka_setup server-properties 127.0.0.1 "$port" "$controller_port"
    cat <<PROPS
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  } > "$dir/server.properties"
  chmod 600 "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    KAFKA_ADMIN_PASSWORD=$KAFKA_ADMIN_PASSWORD kafka_setup format "$dir/server.properties" >>"$dir/broker.log" 2>&1 \
      || { tail -20 "$dir/broker.log" >&2; return 1; }
    echo "$fingerprint" > "$marker"
  fi
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" kafka.Kafka "$dir/server.properties" \
    >>"$dir/broker.log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      # Topics, the principals' credentials and the ACLs, as the admin; every start, so the broker follows the policy.
      ( for name in $variables; do export "$name=${!name}"; done
        exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" hu.tokenplatform.kafkasetup.KafkaSetup \
          apply "127.0.0.1:$port" ) >>"$dir/broker.log" 2>&1 \
        || { tail -20 "$dir/broker.log" >&2; echo "local-kafka: the broker setup failed; see $dir/broker.log" >&2; return 1; }
      return 0
    fi
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
