# Shared by bench/run.sh, bench/ab.sh and bench/scale.sh (sourced): the settings every Signet under
# load runs with. Rate limits stay on, set far above any rate this machine reaches, so that their cost
# is measured but nothing is refused (the per-caller daily quota included).
BENCH_CLOUDINARY_URL="cloudinary://123456789012345:benchSecretNotForProduction_1@bench"
BENCH_CLIENT_KEY="bench-key-0123456789abcdef"
BENCH_BODY='{"params":{"folder":"avatars","public_id":"alice","tags":["profile","user"],"context":"alt=Alice"}}'
# No upload_preset: the default profile signs none since the attack review (issue 12, finding 13).
# The image's JVM options (Dockerfile ENTRYPOINT) and the chart's memory limit.
SIGNET_JAVA_OPTS=${SIGNET_JAVA_OPTS:--XX:+UseParallelGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m}
if [ -z "${JAVA_HOME:-}" ]; then JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -1 || true); fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# bench_env <port> <jwk-set-uri> <command...>: execs the command with Signet's benchmark settings (call it
# in a subshell: ( bench_env ... ) &, and $! is the command's own PID).
bench_env() {
  local port=$1 jwks=$2; shift 2
  exec env CLOUDINARY_URL=$BENCH_CLOUDINARY_URL SIGNET_API_KEYS="bench:$BENCH_CLIENT_KEY" SERVER_PORT=$port \
    SIGNET_RATE_LIMIT_ENABLED=true SIGNET_RATE_LIMIT_CALLER_CAPACITY=1000000000 SIGNET_RATE_LIMIT_CALLER_PERIOD=1s \
    SIGNET_RATE_LIMIT_CALLER_QUOTA=1000000000 SIGNET_RATE_LIMIT_CALLER_QUOTA_PERIOD=1d SIGNET_RATE_LIMIT_CLIENT_CAPACITY=1000000000 SIGNET_RATE_LIMIT_CLIENT_PERIOD=1s \
    SIGNET_RATE_LIMIT_GLOBAL_CAPACITY=1000000000 SIGNET_RATE_LIMIT_GLOBAL_PERIOD=1s \
    SIGNET_SIGNING_WIDGET_TIMESTAMP_TOLERANCE=1h SIGNET_CONFIG_TREE=/nonexistent/ \
    SIGNET_JWT_JWK_SET_URI="$jwks" SIGNET_JWT_AUDIENCE=signet "$@"
}
# bench_install <command>=<Debian package>...: installs the packages of the commands this machine lacks.
bench_install() {
  local need=() c
  for c in "$@"; do command -v "${c%%=*}" >/dev/null || need+=("${c#*=}"); done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}
# The background processes a script starts (append their PIDs to pids); all stopped when it exits.
pids=()
bench_cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap bench_cleanup EXIT
