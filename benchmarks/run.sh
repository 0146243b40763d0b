#!/usr/bin/env bash
# The login benchmark in one command: builds what is missing, then runs LoginBenchmark, which starts the platform
# (deploy/run-platform.sh on free loopback ports, its own data directory and databases), hands over the users
# through the staff APIs and measures full token logins beside Keycloak's X.509 login. Options: see README.md
# (--users, --concurrency, --warmup, --duration, --rounds, --smoke, --out, --platform-var).
# BENCH_BUILD=1 rebuilds even when everything is there (after changing the platform's code).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# What run-platform.sh --no-build needs, and the benchmark's own classes with their class path.
needed=(token-registry/target/quarkus-app/quarkus-run.jar auth-service/target/quarkus-app/quarkus-run.jar
  unlock-service/target/quarkus-app/quarkus-run.jar staff-console/target/quarkus-app/quarkus-run.jar
  benchmarks/target/classpath.txt)
missing=false
for file in "${needed[@]}"; do [ -f "$file" ] || missing=true; done
for jar in token-manager/target/token-manager-*.jar deploy/demo/target/platform-demo-*.jar \
  libs/kafka-setup/target/kafka-setup-*.jar libs/local-postgres/target/local-postgres-*.jar benchmarks/target/benchmarks-*.jar; do
  [ -f "$jar" ] || missing=true
done
if $missing || [ "${BENCH_BUILD:-}" = 1 ]; then
  echo "Building the platform and the benchmark (./mvnw package -DskipTests) ..."
  ./mvnw -B -q -DskipTests package \
    -pl benchmarks,token-registry,auth-service,unlock-service,staff-console,libs/kafka-setup,libs/local-postgres -am
fi

benchmark_jar=$(ls benchmarks/target/benchmarks-*.jar | head -1)
exec java -Dplatform.root="$root" -cp "$benchmark_jar:$(cat benchmarks/target/classpath.txt)" \
  hu.tokenplatform.benchmarks.LoginBenchmark "$@"
