#!/usr/bin/env bash
# Load benchmark: Signet against a Fastify + official Cloudinary SDK signer and an nginx fixed answer
# (the machine's floor), all on this machine, driven by wrk with the same body, connections and
# duration, after a JIT warm-up, in alternating rounds so that machine drift cancels out. Ends with the
# performance targets (issue 17), each with its goal and whether it holds in this run.
#
#   bench/run.sh                      # defaults: WARMUP=60 ROUNDS=3 DURATION=20 CONNECTIONS=32
#   JAVA_HOME=/usr/lib/jvm/temurin-17-jdk-amd64 bench/run.sh   # Signet on another JDK
#
# Signet runs as the container image ships it: Java 25 (the Temurin 25 JDK under /usr/lib/jvm when
# JAVA_HOME is not set) with the image's JVM options and its Java AOT cache trained as the Dockerfile
# trains it (bench/train-aot.sh), sized as in the Helm chart (-XX:MaxRAM=512m stands in for the 512Mi
# memory limit), rate limits on and set too high to refuse (bench/settings.sh). Before the load it
# measures the time from process start to a 200 from /readyz three ways: plain `java -jar`, the
# extracted jar, and the extracted jar with the AOT cache (median of STARTS starts each).
#
# The instance under load starts with the AOT cache; the load begins at its first 200 from /readyz and
# the first 10 s are measured per second (the warm-up target), then per 10 s up to WARMUP seconds; its
# RSS is read after 60 s of load. Then every target runs ROUNDS rounds. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-60} ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-20} CONNECTIONS=${CONNECTIONS:-32} STARTS=${STARTS:-3}
WORK=$(mktemp -d /tmp/signet-bench.XXXX); chmod 755 "$WORK"   # nginx workers (nobody) serve the JWK set from here
source bench/settings.sh
SIGNET_PORT=18080 FASTIFY_PORT=18081 NGINX_PORT=18082

bench_install wrk=wrk nginx=nginx-light
(cd bench/node && npm ci --no-audit --no-fund --silent)
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B package -DskipTests
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
CLOUDINARY_URL=$BENCH_CLOUDINARY_URL CLIENT_KEY=$BENCH_CLIENT_KEY PORT=$FASTIFY_PORT node bench/node/fastify-signer.js >"$WORK/fastify.log" 2>&1 & pids+=($!)

# start_signet <log> <java args...>: starts Signet, waits for /readyz, sets signet_pid and ready_ms.
start_signet() {
  local log=$1; shift
  local start_ms; start_ms=$(date +%s%3N)
  # bench_env execs: the backgrounded subshell becomes Java itself, so $! is Java's PID
  (bench_env "$SIGNET_PORT" "http://127.0.0.1:$NGINX_PORT/jwks.json" "$JAVA" $SIGNET_JAVA_OPTS "$@") >"$log" 2>&1 &
  signet_pid=$!; pids+=($signet_pid)
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
(cd "$WORK/app" && JAVA=$JAVA bash "$OLDPWD/bench/train-aot.sh" signet.aot $SIGNET_JAVA_OPTS) >"$WORK/aot-training.log" 2>&1 \
  || { tail -20 "$WORK/aot-training.log"; exit 1; }
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

NOW=$(date +%s)
WIDGET_BODY="{\"paramsToSign\":{\"source\":\"uw\",\"timestamp\":$NOW,\"folder\":\"avatars\",\"tags\":\"profile,user\"}}"
declare -A URL=( [signet]="http://127.0.0.1:$SIGNET_PORT/v1/signatures" [signet-jwt]="http://127.0.0.1:$SIGNET_PORT/v1/signatures"
  [signet-widget]="http://127.0.0.1:$SIGNET_PORT/v1/signatures/widget" [fastify]="http://127.0.0.1:$FASTIFY_PORT/v1/signatures"
  [nginx]="http://127.0.0.1:$NGINX_PORT/" )
targets=(signet fastify nginx signet-jwt signet-widget)
load() { # target duration -> wrk output
  local t=$1 d=$2 body=$BENCH_BODY key=$BENCH_CLIENT_KEY auth=""
  case $t in signet-jwt) key=""; auth="Bearer $TOKEN";; signet-widget) body=$WIDGET_BODY;; esac
  BENCH_BODY=$body BENCH_API_KEY=$key BENCH_AUTHORIZATION=$auth \
    wrk -t1 -c"$CONNECTIONS" -d"${d}s" --latency -s bench/sign.lua "${URL[$t]}"
}
rps() { awk '/Requests\/sec/ {printf "%d", $2}'; }
until curl -sf -XPOST "http://127.0.0.1:$FASTIFY_PORT/v1/signatures" -H "X-Api-Key: $BENCH_CLIENT_KEY" \
  -H 'Content-Type: application/json' -d "$BENCH_BODY" >/dev/null; do sleep 0.1; done

# The instance under load: as shipped (extracted, AOT cache); the load starts the moment it is ready.
in_app start_signet "$WORK/signet.log" -XX:AOTCache=signet.aot -XX:AOTMode=on -jar signet.jar
first=$(load signet 1)
grep -q "Non-2xx" <<<"$first" && { echo "Signet refuses the benchmark body:"; curl -s -XPOST "${URL[signet]}" \
  -H "X-Api-Key: $BENCH_CLIENT_KEY" -H 'Content-Type: application/json' -d "$BENCH_BODY"; exit 1; }
early=("$(rps <<<"$first")")
for _ in $(seq 2 10); do early+=("$(load signet 1 | rps)"); done
echo "warm-up, API key, req/s per 1 s from ready: ${early[*]}"
curve=(); elapsed=10
while (( elapsed < WARMUP )); do
  curve+=("$(load signet 10 | rps)"); elapsed=$(( elapsed + 10 ))
  (( elapsed == 60 )) && rss60_kb=$(ps -o rss= -p "$signet_pid" | tr -d ' ')
done
rss60_kb=${rss60_kb:-$(ps -o rss= -p "$signet_pid" | tr -d ' ')}
echo "warm-up, API key, req/s per 10 s after that: ${curve[*]}; RSS after 60 s of load: $(( rss60_kb / 1024 )) MB"
echo "warm-up, JWT and widget 10 s each: $(load signet-jwt 10 | rps) $(load signet-widget 10 | rps); peers 10 s each"
for t in fastify nginx; do load "$t" 10 >/dev/null; done

for r in $(seq 1 "$ROUNDS"); do
  for t in "${targets[@]}"; do
    load "$t" "$DURATION" >"$WORK/$t.$r.txt"
    echo "round $r $t: $(grep 'Requests/sec' "$WORK/$t.$r.txt")"
  done
done
rss_kb=$(ps -o rss= -p "$signet_pid" | tr -d ' ')

python3 - "$WORK" "$ROUNDS" "${STARTUP[jar]}" "${STARTUP[extracted]}" "${STARTUP[aot]}" "$rss60_kb" "$rss_kb" \
  "${early[9]}" "${targets[@]}" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
jar_ms, extracted_ms, aot_ms, rss60_kb, rss_kb, at10 = map(int, sys.argv[3:9])
targets = sys.argv[9:]
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
print(f"\n| target | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|")
for t, (rps, p50, p99, err) in rows.items():
    print(f"| {t} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {err} |")
s, f = rows["signet"], rows["fastify"]
checks = [
    ("API key req/s vs Fastify", ">= 1.25x", f"{s[0] / f[0]:.2f}x", s[0] / f[0] >= 1.25),
    ("API key p99 vs Fastify p99", "<= 1.00x", f"{s[2]:.2f} / {f[2]:.2f} ms", s[2] <= f[2]),
    ("API key errors", "0", str(s[3]), s[3] == 0),
    ("JWT req/s vs Fastify API key", ">= 1.00x", f"{rows['signet-jwt'][0] / f[0]:.2f}x", rows["signet-jwt"][0] >= f[0]),
    ("req/s 9-10 s after ready vs plateau", ">= 80%", f"{at10:,} / {s[0]:,.0f} = {at10 / s[0]:.0%}", at10 >= 0.8 * s[0]),
    ("ready with AOT cache vs plain java -jar", "<= 0.25", f"{aot_ms} / {jar_ms} ms = {aot_ms / jar_ms:.2f}",
     aot_ms <= 0.25 * jar_ms),
    ("RSS after 60 s of load", "< 300 MB", f"{rss60_kb // 1024} MB", rss60_kb < 300 * 1024),
]
print(f"\n| target (issue 17) | goal | this run | holds |\n|---|---|---|---|")
for name, goal, got, ok in checks:
    print(f"| {name} | {goal} | {got} | {'yes' if ok else 'NO'} |")
print(f"\nwidget/Fastify {rows['signet-widget'][0] / f[0]:.2f}, Signet/nginx {s[0] / rows['nginx'][0]:.2f}; "
      f"ready: java -jar {jar_ms} ms, extracted {extracted_ms} ms, AOT cache {aot_ms} ms; "
      f"RSS at the end {rss_kb // 1024} MB")
PY
echo "logs and raw wrk output: $WORK"
