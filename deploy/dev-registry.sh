#!/usr/bin/env bash
# Runs token-registry locally in Quarkus dev mode: a local KRaft broker (logged in to as token-registry, with the
# broker's passwords in the owner-only var/secrets.env), the token_registry database on the local PostgreSQL, and a
# CA and a token-factory CA generated on first start under var/. Ctrl-C stops the registry and the broker; a second
# start reuses the data.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export TOKEN_PLATFORM_VAR=${TOKEN_PLATFORM_VAR:-$root/var}
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
source "$root/deploy/local-kafka.sh"

if ! psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL is not reachable at $pg_host:$pg_port as $pg_user; start it (pg_ctlcluster 15 main start)" >&2
  exit 1
fi
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc \
  "select 1 from pg_database where datname = 'token_registry'" | grep -q 1 \
  || psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc 'create database token_registry'

cd "$root"
./mvnw -B -q install -DskipTests
umask 077
mkdir -p "$TOKEN_PLATFORM_VAR"
if [ ! -O "$TOKEN_PLATFORM_VAR" ] || [ -n "$(find "$TOKEN_PLATFORM_VAR" -maxdepth 0 -perm /022)" ]; then
  echo "$TOKEN_PLATFORM_VAR must belong to you and be writable by nobody else" >&2
  exit 1
fi
touch "$TOKEN_PLATFORM_VAR/secrets.env"
ensure_kafka_secrets "$TOKEN_PLATFORM_VAR/secrets.env"
source "$TOKEN_PLATFORM_VAR/secrets.env"
start_kafka
trap stop_kafka EXIT
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_PORT:-9092} KAFKA_USERNAME=token-registry
export KAFKA_PASSWORD=$KAFKA_TOKEN_REGISTRY_PASSWORD
export REGISTRY_DB_URL="jdbc:postgresql://$pg_host:$pg_port/token_registry"
export REGISTRY_CA_KEYSTORE="$TOKEN_PLATFORM_VAR/token-registry/ca.p12"
# The token-factory CA the registry pins, in the same place as run-platform.sh's (created once, its password in
# the owner-only secrets.env), so that tokens from either one's factory can be handed over here.
factory_ca="$TOKEN_PLATFORM_VAR/token-factory/factory-ca.p12"
export REGISTRY_FACTORY_CA_CERTIFICATES="$TOKEN_PLATFORM_VAR/token-factory/factory-ca.pem"
if [ ! -f "$factory_ca" ]; then
  (umask 077; mkdir -p "$TOKEN_PLATFORM_VAR/token-factory"; touch "$TOKEN_PLATFORM_VAR/secrets.env"
   grep -q '^TOKEN_FACTORY_CA_PASSWORD=' "$TOKEN_PLATFORM_VAR/secrets.env" \
     || echo "TOKEN_FACTORY_CA_PASSWORD=$(openssl rand -hex 24)" >> "$TOKEN_PLATFORM_VAR/secrets.env")
  TOKEN_FACTORY_CA_PASSWORD=$(sed -n 's/^TOKEN_FACTORY_CA_PASSWORD=//p' "$TOKEN_PLATFORM_VAR/secrets.env") \
    java -jar "$(ls token-manager/target/token-manager-*.jar | head -1)" --lang en factory-ca \
    --keystore "$factory_ca" --certificate-out "$REGISTRY_FACTORY_CA_CERTIFICATES"
fi
./mvnw -B -pl token-registry quarkus:dev -Dquarkus.console.enabled=false
