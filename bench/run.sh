#!/usr/bin/env bash
# Load benchmark: Signet against a Fastify + official Cloudinary SDK signer and an nginx fixed answer
# (the machine's floor), all on this machine, driven by wrk with the same body, connections and
# duration, after a JIT warm-up, in alternating rounds so that machine drift cancels out.
#
#   bench/run.sh                      # defaults: WARMUP=90 ROUNDS=3 DURATION=20 CONNECTIONS=32
#   JAVA_HOME=/usr/lib/jvm/temurin-17-jdk-amd64 bench/run.sh   # Signet on another JDK
#
# Signet runs as the container image ships it: Java 25 (the Temurin 25 JDK under /usr/lib/jvm when
# JAVA_HOME is not set) with the image's JVM options and its Java AOT cache, sized as in the Helm chart
# (-XX:MaxRAM=512m stands in for the 512Mi memory limit). Before the load it measures the time from
# process start to a 200 from /readyz three ways: plain `java -jar`, the extracted jar, and the extracted
# jar with the AOT cache (median of STARTS starts each).
#
# Prints the warm-up curve (requests/s per 10 s slice), then requests/s, p50/p99 latency and errors per
# target (median of the rounds) and the ratios Signet/Fastify and Signet/nginx, the start-up times and
# Signet's RSS after the load. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-90} ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-20} CONNECTIONS=${CONNECTIONS:-32} STARTS=${STARTS:-3}
WORK=$(mktemp -d /tmp/signet-bench.XXXX); chmod 755 "$WORK"   # nginx workers (nobody) serve the JWK set from here
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -1 || true)
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The image's options (Dockerfile ENTRYPOINT) and the chart's memory limit.
SIGNET_JAVA_OPTS=${SIGNET_JAVA_OPTS:--XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m}
SIGNET_PORT=18080 FASTIFY_PORT=18081 NGINX_PORT=18082
CLOUDINARY_URL="cloudinary://123456789012345:benchSecretNotForProduction_1@bench"
CLIENT_KEY="bench-key-0123456789abcdef"
BODY='{"params":{"folder":"avatars","public_id":"alice","tags":["profile","user"],"context":"alt=Alice"}}'
# No upload_preset: the default profile signs none since the attack review (issue 12, finding 13).
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
need=(); command -v wrk >/dev/null || need+=(wrk); command -v nginx >/dev/null || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
(cd bench/node && npm ci --no-audit --no-fund --silent)
./mvnw -q -B package -DskipTests
"$JAVA" -version 2>&1 | head -1

TOKEN=$(node bench/node/mint-jwt.js "$WORK/jwks.json"); chmod 644 "$WORK/jwks.json"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto; daemon off; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /jwks.json { default_type application/json; alias $WORK/jwks.json; }
    location / { default_type application/json; return 200 '{"signature":"0123456789abcdef0123456789abcdef01234567","timestamp":1764377000,"api_key":"123456789012345"}'; }
  }
}
NGINX
nginx -p "$WORK" -c "$WORK/nginx.conf" & pids+=($!)
CLOUDINARY_URL=$CLOUDINARY_URL CLIENT_KEY=$CLIENT_KEY PORT=$FASTIFY_PORT node bench/node/fastify-signer.js >"$WORK/fastify.log" 2>&1 & pids+=($!)

signet_env() {   # exec: backgrounded, the subshell becomes Java itself, so $! is Java's PID
  exec env CLOUDINARY_URL=$CLOUDINARY_URL SIGNET_API_KEYS="bench:$CLIENT_KEY" SERVER_PORT=$SIGNET_PORT \
    SIGNET_RATE_LIMIT_ENABLED=false SIGNET_SIGNING_WIDGET_TIMESTAMP_TOLERANCE=1h SIGNET_CONFIG_TREE=/nonexistent/ \
    SIGNET_JWT_JWK_SET_URI="http://127.0.0.1:$NGINX_PORT/jwks.json" SIGNET_JWT_AUDIENCE=signet "$@"
}
# start_signet <log> <java args...>: starts Signet, waits for /readyz, sets signet_pid and ready_ms.
start_signet() {
  local log=$1; shift
  local start_ms; start_ms=$(date +%s%3N)
  signet_env "$JAVA" $SIGNET_JAVA_OPTS "$@" >"$log" 2>&1 & signet_pid=$!; pids+=($signet_pid)
  until curl -sf "http://127.0.0.1:$SIGNET_PORT/readyz" >/dev/null; do
    kill -0 "$signet_pid" 2>/dev/null || { tail -20 "$log"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( $(date +%s%3N) - start_ms ))
}
stop_signet() {
  kill "$signet_pid"; wait "$signet_pid" 2>/dev/null || true
  while curl -s -o /dev/null "http://127.0.0.1:$SIGNET_PORT/livez"; do sleep 0.05; done   # the port is free
}
in_app() { local dir=$PWD; cd "$WORK/app"; "$@"; cd "$dir"; }   # run from the extracted jar's folder
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Start-up: plain jar, extracted jar, extracted jar with the AOT cache (trained as the Dockerfile does).
"$JAVA" -Djarmode=tools -jar target/signet.jar extract --destination "$WORK/app" >/dev/null
train() { (signet_env "$JAVA" $SIGNET_JAVA_OPTS -XX:AOTCacheOutput=signet.aot -Dspring.context.exit=onRefresh \
  -jar signet.jar) >"$WORK/aot-training.log" 2>&1 || { tail -20 "$WORK/aot-training.log"; exit 1; }; }
in_app train
declare -A STARTUP
for kind in jar extracted aot; do
  times=()
  for _ in $(seq 1 "$STARTS"); do
    case $kind in
      jar) start_signet "$WORK/start.log" -jar target/signet.jar;;
      extracted) in_app start_signet "$WORK/start.log" -jar signet.jar;;
      aot) in_app start_signet "$WORK/start.log" -XX:AOTCache=signet.aot -XX:AOTMode=on -jar signet.jar;;
    esac
    times+=("$ready_ms"); stop_signet
  done
  STARTUP[$kind]=$(median "${times[@]}")
  echo "time to ready, $kind: ${times[*]} ms (median ${STARTUP[$kind]})"
done

# The instance under load: as shipped (extracted, AOT cache).
in_app start_signet "$WORK/signet.log" -XX:AOTCache=signet.aot -XX:AOTMode=on -jar signet.jar
# Every target must sign the body, else the load measures refusals.
curl -sf -XPOST "http://127.0.0.1:$SIGNET_PORT/v1/signatures" -H "X-Api-Key: $CLIENT_KEY" -H 'Content-Type: application/json' \
  -d "$BODY" >/dev/null || { echo "Signet refuses the benchmark body:"; curl -s -XPOST "http://127.0.0.1:$SIGNET_PORT/v1/signatures" \
  -H "X-Api-Key: $CLIENT_KEY" -H 'Content-Type: application/json' -d "$BODY"; exit 1; }
until curl -sf -XPOST "http://127.0.0.1:$FASTIFY_PORT/v1/signatures" -H "X-Api-Key: $CLIENT_KEY" -H 'Content-Type: application/json' -d "$BODY" >/dev/null; do sleep 0.1; done

NOW=$(date +%s)
WIDGET_BODY="{\"paramsToSign\":{\"source\":\"uw\",\"timestamp\":$NOW,\"folder\":\"avatars\",\"tags\":\"profile,user\"}}"
declare -A URL=( [signet]="http://127.0.0.1:$SIGNET_PORT/v1/signatures" [signet-jwt]="http://127.0.0.1:$SIGNET_PORT/v1/signatures"
  [signet-widget]="http://127.0.0.1:$SIGNET_PORT/v1/signatures/widget" [fastify]="http://127.0.0.1:$FASTIFY_PORT/v1/signatures"
  [nginx]="http://127.0.0.1:$NGINX_PORT/" )
targets=(signet fastify nginx signet-jwt signet-widget)

load() { # target duration -> wrk output
  local t=$1 d=$2 body=$BODY key=$CLIENT_KEY auth=""
  case $t in signet-jwt) key=""; auth="Bearer $TOKEN";; signet-widget) body=$WIDGET_BODY;; esac
  BENCH_BODY=$body BENCH_API_KEY=$key BENCH_AUTHORIZATION=$auth \
    wrk -t1 -c"$CONNECTIONS" -d"${d}s" --latency -s bench/sign.lua "${URL[$t]}"
}
rps() { awk '/Requests\/sec/ {printf "%d", $2}'; }
curve=()
for _ in $(seq 1 $(( WARMUP / 10 ))); do curve+=("$(load signet 10 | rps)"); done
echo "warm-up, API key, req/s per 10 s: ${curve[*]}"
echo "warm-up, JWT and widget 20 s each: $(load signet-jwt 20 | rps) $(load signet-widget 20 | rps); peers 10 s each"
for t in fastify nginx; do load "$t" 10 >/dev/null; done

for r in $(seq 1 "$ROUNDS"); do
  for t in "${targets[@]}"; do
    load "$t" "$DURATION" >"$WORK/$t.$r.txt"
    echo "round $r $t: $(grep 'Requests/sec' "$WORK/$t.$r.txt")"
  done
done
rss_kb=$(ps -o rss= -p "$signet_pid" | tr -d ' ')

python3 - "$WORK" "$ROUNDS" "${STARTUP[jar]}" "${STARTUP[extracted]}" "${STARTUP[aot]}" "$rss_kb" "${targets[@]}" <<'PY'
import re, statistics, sys
work, rounds, jar_ms, extracted_ms, aot_ms, rss_kb, targets = sys.argv[1], int(sys.argv[2]), *sys.argv[3:7], sys.argv[7:]
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rows = {}
for t in targets:
    rps, p50, p99, errors = [], [], [], 0
    for r in range(1, rounds + 1):
        text = open(f"{work}/{t}.{r}.txt").read()
        rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
        p50.append(ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups()))
        p99.append(ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()))
        m = re.search(r"Non-2xx or 3xx responses: (\d+)", text); errors += int(m.group(1)) if m else 0
        m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        errors += sum(map(int, m.groups())) if m else 0
    rows[t] = (statistics.median(rps), statistics.median(p50), statistics.median(p99), errors)
print(f"\n{'target':<15}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
for t, (rps, p50, p99, err) in rows.items():
    print(f"{t:<15}{rps:>10.0f}{p50:>10.2f}{p99:>10.2f}{err:>8}")
s, f, n = rows["signet"][0], rows["fastify"][0], rows["nginx"][0]
print(f"\nSignet/Fastify (API key) {s / f:.2f}   Signet/nginx {s / n:.2f}   "
      f"Signet JWT/Fastify {rows['signet-jwt'][0] / f:.2f}   Signet widget/Fastify {rows['signet-widget'][0] / f:.2f}")
print(f"Signet time to ready: java -jar {jar_ms} ms, extracted {extracted_ms} ms, extracted + AOT cache {aot_ms} ms; "
      f"RSS after load {int(rss_kb) // 1024} MB")
PY
echo "logs and raw wrk output: $WORK"
