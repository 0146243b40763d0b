#!/usr/bin/env bash
# The whole token platform on this machine, in one command: a KRaft Kafka broker and Keycloak from Maven
# Central artifacts, the three services' databases on the local PostgreSQL, token-registry, auth-service and
# unlock-service as built, the demo relying party standing in for Electra and e-posta, and Token Manager with a
# virtual token handed over to a demo user. Ctrl-C stops everything; a second start reuses the data in
# $TOKEN_PLATFORM_VAR (default ./var).
#
#   deploy/run-platform.sh [--no-build] [--no-agent]
#     --no-build   do not build; use the artifacts as they are (the end-to-end test's mode)
#     --no-agent   do not run the demo user's Token Manager in this terminal; wait until stopped
#
# Kafka authenticates every service as its own principal (SASL/SCRAM) and lets it write only its own topics; the
# passwords are generated into $TOKEN_PLATFORM_VAR/secrets.env like every other secret, and each process gets only
# its own (the e2e test reads the events with KAFKA_OBSERVER_PASSWORD).
# Ports (environment): KAFKA_PORT 9092, KAFKA_CONTROLLER_PORT 9093, KEYCLOAK_PORT 8180, KEYCLOAK_MANAGEMENT_PORT 9000,
# REGISTRY_HTTP_PORT 8081, AUTH_HTTP_PORT 8082, AUTH_AGENT_PORT 8443, UNLOCK_HTTP_PORT 8083, DEMO_RP_PORT 8090, TOKEN_MANAGER_PORT 17380,
# PROMETHEUS_PORT 9190 (Prometheus with the platform's alert rules, started when the prometheus command is installed),
# CONSOLE_HTTP_PORT 8084 (the staff console).
# PLATFORM_INSTANCES (1) or 2: with 2, a second token-registry, unlock-service and auth-service run beside the first
# on REGISTRY_HTTP_PORT_2 8091, UNLOCK_HTTP_PORT_2 8093, AUTH_HTTP_PORT_2 8092, AUTH_AGENT_PORT_2 8444, same databases, broker
# and secrets, as replicas behind one Service would (the second auth-service presents the first's public origin).
# PostgreSQL: PGHOST 127.0.0.1, PGPORT 5432, PGUSER postgres (trust or PGPASSWORD); databases REGISTRY_DB_NAME
# token_registry, AUTH_DB_NAME auth_service, UNLOCK_DB_NAME unlock_service (created when missing, without psql too).
# When nothing listens on a loopback PGHOST:PGPORT, a PostgreSQL 17 from Maven Central's binaries runs there as user
# postgres, its data in $TOKEN_PLATFORM_VAR/postgres (kept, like Keycloak's), stopped last. KEYCLOAK_START_SECONDS
# (300) bounds the wait for Keycloak's first start. LOG_JSON=true: the services log JSON, as in production.
# SERVICE_JAVA_OPTS: more JVM options for token-registry, auth-service and unlock-service, split on spaces; e.g. a
# flight recording per process in a directory under $TOKEN_PLATFORM_VAR (the services' secrets come through their
# environment, which JFR records unless told not to):
# -XX:StartFlightRecording=filename=var/jfr,settings=profile,jdk.InitialEnvironmentVariable#enabled=false
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=true
agent=true
for argument in "$@"; do
  case "$argument" in
    --no-build) build=false ;;
    --no-agent) agent=false ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $argument (see --help)" >&2; exit 2 ;;
  esac
done

export TOKEN_PLATFORM_VAR=${TOKEN_PLATFORM_VAR:-$root/var}
var=$TOKEN_PLATFORM_VAR
# Secrets, keys, logs and the demo token live here: only this user may read it, and only this user's
# directory is trusted (its secrets file is read as shell code).
umask 077
mkdir -p "$var"
if [ ! -O "$var" ] || [ -n "$(find "$var" -maxdepth 0 -perm /022)" ]; then
  printf 'run-platform: %s must belong to you and be writable by nobody else\n' "$var" >&2
  exit 1
fi
chmod 700 "$var"
mkdir -p "$var/logs" "$var/run"
export KAFKA_PORT=${KAFKA_PORT:-9092} KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180} KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-9000}
registry_port=${REGISTRY_HTTP_PORT:-8081}
auth_port=${AUTH_HTTP_PORT:-8082}
agent_port=${AUTH_AGENT_PORT:-8443}
unlock_port=${UNLOCK_HTTP_PORT:-8083}
rp_port=${DEMO_RP_PORT:-8090}
console_port=${CONSOLE_HTTP_PORT:-8084}
token_manager_port=${TOKEN_MANAGER_PORT:-17380}
# Not 9090: Debian's prometheus package runs a system Prometheus there.
prometheus_port=${PROMETHEUS_PORT:-9190}
instances=${PLATFORM_INSTANCES:-1}
if [ "$instances" = 2 ]; then
  registry_port_2=${REGISTRY_HTTP_PORT_2:-8091}
  auth_port_2=${AUTH_HTTP_PORT_2:-8092}
  agent_port_2=${AUTH_AGENT_PORT_2:-8444}
  unlock_port_2=${UNLOCK_HTTP_PORT_2:-8093}
elif [ "$instances" != 1 ]; then
  printf 'run-platform: PLATFORM_INSTANCES must be 1 or 2, not %s\n' "$instances" >&2
  exit 2
fi
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
pg_user=${PGUSER:-postgres}
registry_db=${REGISTRY_DB_NAME:-token_registry}
auth_db=${AUTH_DB_NAME:-auth_service}
unlock_db=${UNLOCK_DB_NAME:-unlock_service}
source "$root/deploy/local-kafka.sh"
source "$root/deploy/local-keycloak.sh"

# Output may have nowhere to go when the terminal is gone; stopping must go on regardless.
say() { printf '%s\n' "$*" 2>/dev/null || true; }
fail() { printf 'run-platform: %s\n' "$*" >&2; exit 1; }

# --- what this machine must have --------------------------------------------------------------------------
command -v java >/dev/null || fail "Java 17 is needed (java not found)"
command -v openssl >/dev/null || fail "openssl is needed to create the local TLS certificates"
command -v curl >/dev/null || fail "curl is needed to wait for the services"

# --- build what is missing ---------------------------------------------------------------------------------
registry_jar=$root/token-registry/target/quarkus-app/quarkus-run.jar
auth_jar=$root/auth-service/target/quarkus-app/quarkus-run.jar
unlock_jar=$root/unlock-service/target/quarkus-app/quarkus-run.jar
console_jar=$root/staff-console/target/quarkus-app/quarkus-run.jar
token_manager_jar=$(ls "$root"/token-manager/target/token-manager-*.jar 2>/dev/null | head -1 || true)
demo_jar=$(ls "$root"/deploy/demo/target/platform-demo-*.jar 2>/dev/null | head -1 || true)
kafka_setup_jar=$(ls "$root"/libs/kafka-setup/target/kafka-setup-*.jar 2>/dev/null | head -1 || true)
local_postgres_jar=$(ls "$root"/libs/local-postgres/target/local-postgres-*.jar 2>/dev/null | head -1 || true)
if $build && { [ ! -f "$registry_jar" ] || [ ! -f "$auth_jar" ] || [ ! -f "$unlock_jar" ] || [ ! -f "$console_jar" ] || [ -z "$token_manager_jar" ] || [ -z "$demo_jar" ] || [ -z "$kafka_setup_jar" ] || [ -z "$local_postgres_jar" ]; }; then
  say "Building the platform (first start; later starts reuse the build) ..."
  (cd "$root" && ./mvnw -B -q install -DskipTests)
  token_manager_jar=$(ls "$root"/token-manager/target/token-manager-*.jar | head -1)
  demo_jar=$(ls "$root"/deploy/demo/target/platform-demo-*.jar | head -1)
  kafka_setup_jar=$(ls "$root"/libs/kafka-setup/target/kafka-setup-*.jar | head -1)
  local_postgres_jar=$(ls "$root"/libs/local-postgres/target/local-postgres-*.jar | head -1)
fi
for artifact in "$registry_jar" "$auth_jar" "$unlock_jar" "$console_jar" "$token_manager_jar" "$demo_jar" "$kafka_setup_jar" "$local_postgres_jar"; do
  [ -f "$artifact" ] || fail "missing $artifact: run without --no-build, or ./mvnw install -DskipTests"
done

# --- processes ---------------------------------------------------------------------------------------------
pids=()
postgres_pid=
stop_all() {
  trap - EXIT INT TERM
  trap '' PIPE
  say "Stopping the platform ..."
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  done
  stop_keycloak
  stop_kafka
  # PostgreSQL last: whatever stops before it may still write.
  if [ -n "$postgres_pid" ]; then
    kill "$postgres_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$postgres_pid" 2>/dev/null || break; sleep 1; done
  fi
  say "Stopped. Data stays in $var; the next start reuses it."
}
trap stop_all EXIT
trap 'exit 0' INT TERM

# --- PostgreSQL: the machine's, or one of the platform's own when nothing listens ----------------------------
# Whether anything listens, bounded: a connection to an unroutable PGHOST would otherwise hang for minutes.
pg_listening() { timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$pg_host" "$pg_port" 2>/dev/null; }
local_postgres() { java -Xmx64m -jar "$local_postgres_jar" "$@"; }
if pg_listening; then
  if command -v psql >/dev/null; then
    if ! psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
      fail "PostgreSQL is not reachable at $pg_host:$pg_port as $pg_user. Start it (e.g. pg_ctlcluster 15 main start) or set PGHOST, PGPORT, PGUSER, PGPASSWORD."
    fi
    for database in "$registry_db" "$auth_db" "$unlock_db"; do
      psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc "select 1 from pg_database where datname = '$database'" | grep -q 1 \
        || psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "create database $database"
    done
    # Older registries had migrations V2 and V3 (folded into V1 since, with service-kit's tables from
    # db/service-kit): Flyway would refuse such a database with a checksum error, so say plainly what to do.
    if psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$registry_db" -Atqc \
         "select 1 from flyway_schema_history where version in ('2', '3') limit 1" 2>/dev/null | grep -q 1; then
      fail "the database $registry_db was made by an older token-registry whose migrations have since been folded into one. Stop the platform, drop $registry_db, $auth_db and $unlock_db (dropdb ...), remove var/ and start again."
    fi
  else
    # No psql: the databases are created over JDBC.
    local_postgres create-databases --host "$pg_host" --port "$pg_port" --user "$pg_user" \
      --database "$registry_db" --database "$auth_db" --database "$unlock_db" >>"$var/logs/local-postgres.log" 2>&1 \
      || { tail -5 "$var/logs/local-postgres.log" >&2; fail "the databases could not be created on PostgreSQL at $pg_host:$pg_port as $pg_user; set PGHOST, PGPORT, PGUSER, PGPASSWORD"; }
  fi
else
  case "$pg_host" in
    127.0.0.1|localhost|::1) ;;
    *) fail "PostgreSQL is not reachable at $pg_host:$pg_port. Start it or set PGHOST, PGPORT, PGUSER, PGPASSWORD (with nothing on a loopback PGHOST, the platform starts a PostgreSQL of its own there)." ;;
  esac
  # The platform's own server has the user postgres with trust, on IPv4 loopback.
  pg_host=127.0.0.1 pg_user=postgres
  say "No PostgreSQL on $pg_host:$pg_port: starting PostgreSQL 17 from Maven Central there, its data in $var/postgres ..."
  rm -f "$var/run/postgres.ready"
  # java itself, not the function (a subshell), so that postgres_pid is the launcher's. In the background of a
  # non-interactive shell it ignores Ctrl-C's SIGINT: it stops on stop_all's SIGTERM, after everything else.
  java -Xmx64m -jar "$local_postgres_jar" serve --binaries "$var/postgres-binaries" --data "$var/postgres" --port "$pg_port" \
    --ready-file "$var/run/postgres.ready" --database "$registry_db" --database "$auth_db" --database "$unlock_db" \
    >>"$var/logs/postgres.log" 2>&1 &
  postgres_pid=$!
  for _ in $(seq 1 120); do
    [ -f "$var/run/postgres.ready" ] && break
    kill -0 "$postgres_pid" 2>/dev/null || { tail -20 "$var/logs/postgres.log" >&2; fail "PostgreSQL stopped; see $var/logs/postgres.log"; }
    sleep 1
  done
  [ -f "$var/run/postgres.ready" ] || fail "PostgreSQL did not become ready in 120 s; see $var/logs/postgres.log"
fi

# --- secrets and local TLS material, created once ----------------------------------------------------------
# Read into this shell only: each process below gets just the secrets it needs.
touch "$var/secrets.env"
ensure_secret() {
  grep -q "^$1=" "$var/secrets.env" || echo "$1=$2" >> "$var/secrets.env"
}
for staff in KEYCLOAK_ADMIN OFFICER HELPDESK OPS AUDITOR; do ensure_secret "${staff}_PASSWORD" "$(openssl rand -hex 12)"; done
ensure_secret REGISTRY_CA_KEYSTORE_PASSWORD "$(openssl rand -hex 24)"
ensure_secret REGISTRY_DOCUMENT_HASH_KEY "$(openssl rand -hex 32)"
ensure_secret UNLOCK_MASTER_KEYSTORE_PASSWORD "$(openssl rand -hex 24)"
ensure_secret TOKEN_FACTORY_CA_PASSWORD "$(openssl rand -hex 24)"
ensure_secret UNLOCK_E_PIN_PEPPER "$(openssl rand -hex 32)"
ensure_secret AUTH_KEY_ENCRYPTION_KEY "$(openssl rand -base64 32)"
ensure_secret ELECTRA_CLIENT_SECRET "$(openssl rand -hex 24)"
ensure_secret EPOSTA_CLIENT_SECRET "$(openssl rand -hex 24)"
ensure_secret CONSOLE_CLIENT_SECRET "$(openssl rand -hex 24)"
ensure_secret CONSOLE_CSRF_KEY "$(openssl rand -hex 32)"
ensure_kafka_secrets "$var/secrets.env"
source "$var/secrets.env"

tls=$var/tls
if [ ! -f "$tls/agent-tls.crt" ]; then
  mkdir -p "$tls"
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
    -subj "/CN=Local Bank TLS CA/O=Token platform (local)" -keyout "$tls/tls-ca.key" -out "$tls/tls-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$tls/agent-tls.key" -out "$tls/agent-tls.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' > "$tls/agent-tls.ext"
  openssl x509 -req -in "$tls/agent-tls.csr" -CA "$tls/tls-ca.pem" -CAkey "$tls/tls-ca.key" -CAcreateserial \
    -days 825 -extfile "$tls/agent-tls.ext" -out "$tls/agent-tls.crt" 2>/dev/null
fi

# The token-factory CA, created once: its keystore (and password) for the token factory only, its certificate
# for the registry, which certifies a token's keys only with the token's attestation chained to it.
factory_ca=$var/token-factory/factory-ca.p12
factory_ca_certificate=$var/token-factory/factory-ca.pem
if [ ! -f "$factory_ca" ]; then
  mkdir -p "$var/token-factory"
  TOKEN_FACTORY_CA_PASSWORD=$TOKEN_FACTORY_CA_PASSWORD java -jar "$token_manager_jar" --lang en factory-ca \
    --keystore "$factory_ca" --certificate-out "$factory_ca_certificate" >>"$var/logs/token-factory.log" 2>&1 \
    || { tail -5 "$var/logs/token-factory.log" >&2; fail "the token-factory CA could not be created"; }
fi
[ -f "$factory_ca_certificate" ] || fail "$factory_ca_certificate is missing; move $factory_ca away to create a new token-factory CA"

wait_ready() {
  local name=$1 url=$2 pid=$3
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$var/logs/$name.log" >&2; fail "$name stopped; see $var/logs/$name.log"; }
    curl -sf "$url" >/dev/null 2>&1 && return 0
    sleep 1
  done
  fail "$name did not become ready; see $var/logs/$name.log"
}

# More JVM options for the services, as words (no globbing, no re-parsing).
read -r -a service_java_opts <<< "${SERVICE_JAVA_OPTS:-}"

# The services listen on loopback only: this is one machine's platform, not a network service.
start_service() {
  local name=$1 jar=$2 port=$3
  # The services run their production profile, which logs JSON for the bank's log pipeline; here the log files are
  # for a person reading them (LOG_JSON=true keeps the JSON).
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=${LOG_JSON:-false} QUARKUS_HTTP_HOST=127.0.0.1 java -Xmx384m "${service_java_opts[@]}" -jar "$jar" >>"$var/logs/$name.log" 2>&1 &
  pids+=($!)
  # For whoever must stop one instance alone (the scale-out test); the platform's own stop uses pids.
  echo "$!" > "$var/run/$name.pid"
  wait_ready "$name" "http://127.0.0.1:$port/q/health/ready" "$!"
  printf '  %-16s http://127.0.0.1:%s  (OpenAPI /q/openapi, health /q/health, metrics /q/metrics)\n' "$name" "$port"
}

say "Starting Kafka on 127.0.0.1:$KAFKA_PORT and Keycloak on 127.0.0.1:$KEYCLOAK_PORT ..."
start_kafka
start_keycloak
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT
export KEYCLOAK_REALM=token-platform

# The services take only staff tokens issued for them (aud). A Keycloak data directory from before the staff
# clients added the services' audiences would give tokens every service refuses: say so, not fail later.
staff_token_audiences() {
  local token payload
  token=$(printf '%s' "$OPS_PASSWORD" | curl -sf -d grant_type=password -d client_id=staff-console -d username=ops \
    --data-urlencode 'password@-' "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  payload=$(printf '%s' "$token" | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload="$payload="; done
  printf '%s' "$payload" | base64 -d 2>/dev/null | sed -n 's/.*"aud":\(\[[^]]*\]\|"[^"]*"\).*/\1/p'
}
audiences=$(staff_token_audiences)
for service in token-registry unlock-service auth-service; do
  case "$audiences" in *"\"$service\""*) ;; *)
    fail "Keycloak in $var/keycloak gives staff tokens without the audience $service (its realm was imported before the staff clients had it). Stop the platform, remove $var/keycloak/keycloak-*/data/h2 and start again: the realm is imported afresh." ;;
  esac
done

say "Starting the services ..."
mkdir -p "$var/token-registry" "$var/unlock-service" "$var/auth-service"
# Every instance of a service gets the same database, broker login and secrets: replicas, not separate installations.
start_registry() {
  local name=$1 port=$2
  KAFKA_USERNAME=token-registry KAFKA_PASSWORD=$KAFKA_TOKEN_REGISTRY_PASSWORD \
  REGISTRY_HTTP_PORT=$port REGISTRY_CA_KEYSTORE_PASSWORD=$REGISTRY_CA_KEYSTORE_PASSWORD \
  REGISTRY_DOCUMENT_HASH_KEY=$REGISTRY_DOCUMENT_HASH_KEY \
  REGISTRY_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$registry_db" REGISTRY_DB_USER=$pg_user \
  REGISTRY_CA_KEYSTORE="$var/token-registry/ca.p12" REGISTRY_CA_CREATE_IF_MISSING=true \
  REGISTRY_CRL_URL="http://127.0.0.1:$registry_port/ca/crl" REGISTRY_OCSP_URL="http://127.0.0.1:$registry_port/ocsp" \
  REGISTRY_FACTORY_CA_CERTIFICATES="$factory_ca_certificate" \
    start_service "$name" "$registry_jar" "$port"
}
start_registry token-registry "$registry_port"
if [ "$instances" = 2 ]; then start_registry token-registry-2 "$registry_port_2"; fi
# auth-service trusts the issuing CA only: the first certificate of the registry's chain.
curl -sf "http://127.0.0.1:$registry_port/ca/chain.pem" \
  | awk '{ print } /-----END CERTIFICATE-----/ { exit }' > "$var/auth-service/issuing-ca.pem"

unlock_master_keystore="$var/unlock-service/master-unlock-key.p12"
start_unlock() {
  local name=$1 port=$2
  KAFKA_USERNAME=unlock-service KAFKA_PASSWORD=$KAFKA_UNLOCK_SERVICE_PASSWORD \
  UNLOCK_MASTER_KEYSTORE=$unlock_master_keystore UNLOCK_MASTER_KEYSTORE_PASSWORD=$UNLOCK_MASTER_KEYSTORE_PASSWORD \
  UNLOCK_E_PIN_PEPPER=$UNLOCK_E_PIN_PEPPER UNLOCK_HTTP_PORT=$port \
  UNLOCK_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$unlock_db" UNLOCK_DB_USER=$pg_user \
  UNLOCK_MASTER_KEY_CREATE_IF_MISSING=true \
    start_service "$name" "$unlock_jar" "$port"
}
start_unlock unlock-service "$unlock_port"
if [ "$instances" = 2 ]; then start_unlock unlock-service-2 "$unlock_port_2"; fi

demo_rp=http://127.0.0.1:$rp_port
secret_hash() { printf 'sha256:%s' "$(printf '%s' "$1" | openssl dgst -sha256 -hex | sed 's/^.* //')"; }
# The public origin (also the OIDC issuer, signed into every token login) is the first instance's address for
# every instance, as a load balancer presents one origin for all replicas; each instance has its own agent port.
start_auth() {
  local name=$1 port=$2 agent=$3
  KAFKA_USERNAME=auth-service KAFKA_PASSWORD=$KAFKA_AUTH_SERVICE_PASSWORD \
  ELECTRA_CLIENT_SECRET_HASH=$(secret_hash "$ELECTRA_CLIENT_SECRET") EPOSTA_CLIENT_SECRET_HASH=$(secret_hash "$EPOSTA_CLIENT_SECRET") \
  AUTH_KEY_ENCRYPTION_KEY=$AUTH_KEY_ENCRYPTION_KEY AUTH_HTTP_PORT=$port AUTH_AGENT_PORT=$agent AUTH_AGENT_HOST=127.0.0.1 \
  AUTH_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$auth_db" AUTH_DB_USER=$pg_user \
  AUTH_AGENT_TLS_CERT="$tls/agent-tls.crt" AUTH_AGENT_TLS_KEY="$tls/agent-tls.key" \
  AUTH_ISSUING_CA="$var/auth-service/issuing-ca.pem" AUTH_CRL_URL="http://127.0.0.1:$registry_port/ca/crl" \
  AUTH_OCSP_URL="http://127.0.0.1:$registry_port/ocsp" \
  AUTH_PUBLIC_ORIGIN="http://127.0.0.1:$auth_port" AUTH_TOKEN_MANAGER_URL="http://127.0.0.1:$token_manager_port" \
  ELECTRA_REDIRECT_URIS="$demo_rp/callback/electra" EPOSTA_REDIRECT_URIS="$demo_rp/callback/e-posta" \
    start_service "$name" "$auth_jar" "$port"
}
start_auth auth-service "$auth_port" "$agent_port"
if [ "$instances" = 2 ]; then start_auth auth-service-2 "$auth_port_2" "$agent_port_2"; fi

# Prometheus scrapes the three services and evaluates the alert rules the bank's cluster runs
# (deploy/prometheus/); optional, as a developer's machine may not have it (Debian package prometheus).
# The staff console's Ops screen asks it for rates when it runs.
# Every instance is a target of its service's job: the alerts sum or take the maximum over a job's instances.
prometheus_url=
scrape_targets() {
  if [ "$instances" = 2 ]; then printf '"127.0.0.1:%s", "127.0.0.1:%s"' "$1" "$2"; else printf '"127.0.0.1:%s"' "$1"; fi
}
if command -v prometheus >/dev/null; then
  mkdir -p "$var/prometheus/data"
  sed -e "s|@RULES@|$root/deploy/prometheus/rules/token-platform.rules.yml|" \
      -e "s|@REGISTRY_TARGETS@|$(scrape_targets "$registry_port" "${registry_port_2:-}")|" \
      -e "s|@AUTH_TARGETS@|$(scrape_targets "$auth_port" "${auth_port_2:-}")|" \
      -e "s|@UNLOCK_TARGETS@|$(scrape_targets "$unlock_port" "${unlock_port_2:-}")|" \
      "$root/deploy/prometheus/prometheus.yml" > "$var/prometheus/prometheus.yml"
  prometheus --config.file="$var/prometheus/prometheus.yml" --storage.tsdb.path="$var/prometheus/data" \
    --storage.tsdb.retention.time=7d --web.listen-address="127.0.0.1:$prometheus_port" >>"$var/logs/prometheus.log" 2>&1 &
  pids+=($!)
  wait_ready prometheus "http://127.0.0.1:$prometheus_port/-/ready" "$!"
  prometheus_url=http://127.0.0.1:$prometheus_port
  printf '  %-16s http://127.0.0.1:%s  (alerts /alerts, scraped services /targets)\n' prometheus "$prometheus_port"
else
  say "  prometheus       not installed (Debian package prometheus): no local alerts"
fi

# --- the demo user and the stand-in for Electra and e-posta ------------------------------------------------
export DEMO_VAR=$var/demo REGISTRY_URL=http://127.0.0.1:$registry_port UNLOCK_URL=http://127.0.0.1:$unlock_port \
  AUTH_URL=http://127.0.0.1:$auth_port AUTH_AGENT_URL=https://127.0.0.1:$agent_port TOKEN_MANAGER_JAR=$token_manager_jar \
  TOKEN_MANAGER_PORT=$token_manager_port BANK_TLS_CA="$tls/tls-ca.pem" DEMO_RP_PORT=$rp_port
UNLOCK_MASTER_KEYSTORE=$unlock_master_keystore UNLOCK_MASTER_KEYSTORE_PASSWORD=$UNLOCK_MASTER_KEYSTORE_PASSWORD \
TOKEN_FACTORY_CA=$factory_ca TOKEN_FACTORY_CA_PASSWORD=$TOKEN_FACTORY_CA_PASSWORD \
OFFICER_PASSWORD=$OFFICER_PASSWORD OPS_PASSWORD=$OPS_PASSWORD SECRETS_FILE="$var/secrets.env" \
  java -jar "$demo_jar" setup >>"$var/logs/demo-setup.log" 2>&1 || { tail -30 "$var/logs/demo-setup.log" >&2; fail "the demo setup failed"; }
ELECTRA_CLIENT_SECRET=$ELECTRA_CLIENT_SECRET EPOSTA_CLIENT_SECRET=$EPOSTA_CLIENT_SECRET \
  java -jar "$demo_jar" relying-party >>"$var/logs/demo-relying-party.log" 2>&1 &
pids+=($!)
wait_ready demo-relying-party "$demo_rp/health" "$!"

# --- the staff console: staff sign in through Keycloak; it calls the services with their own access token ----
# A Keycloak data directory from before the console had its client lacks staff-console-web: say so, not fail later.
curl -sf "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/auth?client_id=staff-console-web&response_type=code&redirect_uri=http://127.0.0.1:$console_port/&scope=openid" -o /dev/null \
  || fail "Keycloak in $var/keycloak has no client staff-console-web (its realm was imported before the console existed). Stop the platform, remove $var/keycloak/keycloak-*/data/h2 and start again: the realm is imported afresh."
CONSOLE_CLIENT_SECRET=$CONSOLE_CLIENT_SECRET CONSOLE_CSRF_KEY=$CONSOLE_CSRF_KEY CONSOLE_HTTP_PORT=$console_port CONSOLE_SECURE_COOKIES=false QUARKUS_HTTP_HOST=127.0.0.1 \
CONSOLE_PROMETHEUS_URL=$prometheus_url \
  java -Xmx256m -jar "$console_jar" >>"$var/logs/staff-console.log" 2>&1 &
pids+=($!)
wait_ready staff-console "http://127.0.0.1:$console_port/q/health/ready" "$!"

cat "$var/demo/summary.txt"
say "  staff console               http://127.0.0.1:$console_port  (sign in as helpdesk, auditor, officer or ops; passwords in $var/secrets.env)"
say "Token platform is running."

if $agent; then
  say ""
  say "Token Manager for the demo user runs below; the PIN of a browser login is asked here. Ctrl-C stops the platform."
  "$var/demo/bin/token-manager" serve --pin-entry terminal || true
else
  while true; do sleep 1; done
fi
