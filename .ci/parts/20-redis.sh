# Sourced by .ci/run (set -euo pipefail): a real Redis for the rate-limit and notification replay tests.
# Installs Debian's redis-server when it is missing, starts one on 127.0.0.1:6390 unless one already
# answers there, and exports SIGNET_TEST_REDIS_URL. Tests that kill and restart Redis start their own
# redis-server processes on free ports.
if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
fi
if [ "$(redis-cli -h 127.0.0.1 -p 6390 ping 2>/dev/null || true)" != "PONG" ]; then
  redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile /tmp/signet-ci-redis-6390.pid --logfile /tmp/signet-ci-redis-6390.log
  for _ in $(seq 1 50); do
    [ "$(redis-cli -h 127.0.0.1 -p 6390 ping 2>/dev/null || true)" = "PONG" ] && break
    sleep 0.1
  done
  [ "$(redis-cli -h 127.0.0.1 -p 6390 ping 2>/dev/null || true)" = "PONG" ] || {
    echo "redis-server did not start on 127.0.0.1:6390" >&2
    exit 1
  }
fi
export SIGNET_TEST_REDIS_URL=redis://127.0.0.1:6390
echo "redis: $(redis-server --version | cut -d' ' -f3) answering at $SIGNET_TEST_REDIS_URL"
