# Starts a throw-away Redis for the replay-store tests (sourced by .ci/run under set -euo pipefail).
if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
fi
if ! redis-cli -p 6390 ping >/dev/null 2>&1; then
  redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile /tmp/signet-ci-redis.pid
  for _ in $(seq 1 50); do redis-cli -p 6390 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
redis-cli -p 6390 ping
export SIGNET_TEST_REDIS_URL=redis://127.0.0.1:6390
