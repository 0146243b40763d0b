#!/usr/bin/env bash
# Starts Keycloak for bank staff on loopback from the keycloak-quarkus-dist artifact on Maven Central (no
# Docker), with the token-platform realm imported from deploy/keycloak/ on first start; the staff passwords in
# the realm file are placeholders filled from OFFICER_PASSWORD, HELPDESK_PASSWORD, OPS_PASSWORD and
# AUDITOR_PASSWORD, the staff console's client secret from CONSOLE_CLIENT_SECRET, and the admin's from
# KEYCLOAK_ADMIN_PASSWORD. Its H2 data stays in
# $TOKEN_PLATFORM_VAR/keycloak, so a second start reuses it. Sourced by the other scripts: defines
# start_keycloak and stop_keycloak. Dev mode: for a laptop or a test run, not for production.
set -euo pipefail

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.5.6}

keycloak_root() { echo "${TOKEN_PLATFORM_VAR:?}/keycloak"; }

# Unpacks Keycloak $KEYCLOAK_VERSION into directory $1 (once) and prints its home. Also used by the benchmarks'
# Keycloak target, so that both run the same artifact obtained the same way.
install_keycloak() {
  local root dir home
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  dir=$1
  home="$dir/keycloak-$KEYCLOAK_VERSION"
  mkdir -p "$dir"
  if [ ! -x "$home/bin/kc.sh" ]; then
    "$root/mvnw" -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
      -DoutputDirectory="$dir" >/dev/null
    tar -xzf "$dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" -C "$dir"
    rm -f "$dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  fi
  echo "$home"
}

start_keycloak() {
  local root port management_port dir home
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  port=${KEYCLOAK_PORT:-8180}
  # Keycloak's management interface (health, metrics) has a port of its own, 9000 unless told otherwise.
  management_port=${KEYCLOAK_MANAGEMENT_PORT:-9000}
  dir=$(keycloak_root)
  home=$(install_keycloak "$dir")
  mkdir -p "$home/data/import"
  cp "$root/deploy/keycloak/token-platform-realm.json" "$home/data/import/"
  KC_BOOTSTRAP_ADMIN_USERNAME=${KEYCLOAK_ADMIN_USER:-admin} \
  KC_BOOTSTRAP_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:?} \
  OFFICER_PASSWORD=${OFFICER_PASSWORD:?} HELPDESK_PASSWORD=${HELPDESK_PASSWORD:?} \
  OPS_PASSWORD=${OPS_PASSWORD:?} AUDITOR_PASSWORD=${AUDITOR_PASSWORD:?} CONSOLE_CLIENT_SECRET=${CONSOLE_CLIENT_SECRET:?} \
  JAVA_OPTS_APPEND="-Xmx768m" \
    "$home/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$port" --import-realm \
      --health-enabled true --http-management-port "$management_port" >>"$dir/keycloak.log" 2>&1 &
  echo $! > "$dir/pid"
  # Keycloak's first start builds its server and imports the realm: minutes on a busy machine.
  for _ in $(seq 1 "${KEYCLOAK_START_SECONDS:-300}"); do
    curl -sf "http://127.0.0.1:$port/realms/token-platform/.well-known/openid-configuration" >/dev/null && return 0
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -20 "$dir/keycloak.log" >&2; return 1; }
    sleep 1
  done
  echo "Keycloak did not start on 127.0.0.1:$port; see $dir/keycloak.log" >&2
  return 1
}

stop_keycloak() {
  local pid_file
  pid_file="$(keycloak_root)/pid"
  [ -f "$pid_file" ] || return 0
  kill "$(cat "$pid_file")" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 1; done
  rm -f "$pid_file"
}
