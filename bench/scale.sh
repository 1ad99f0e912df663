#!/usr/bin/env bash
# What sharing costs per signature: Signet behind a local nginx in three set-ups, each after a warm-up,
# in alternating rounds:
#   one     one replica, limits and upload records in process (the embedded default)
#   one+r   one replica sharing limits and upload records through a real Redis (isolates Redis's cost)
#   two+r   two replicas behind nginx (round robin, keep-alive) sharing one Redis
# For each: requests/s, p50/p99, CPU per signature of the Signet JVMs and of Redis (from /proc),
# Redis commands per signature (INFO commandstats, by command) and Redis's memory per live upload
# record. On 2 cores two replicas cannot sign faster than one: the figures are costs, not capacity;
# docs/scaling.md turns them into replicas and Redis sizes.
#
#   bench/scale.sh          # WARMUP=40 ROUNDS=3 DURATION=15 CONNECTIONS=32
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-40} ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-15} CONNECTIONS=${CONNECTIONS:-32}
WORK=$(mktemp -d /tmp/signet-scale.XXXX); chmod 755 "$WORK"
source bench/settings.sh
REDIS_PORT=18390 NGINX_PORT=18382 PORTS=(18380 18381 18383)
bench_install wrk=wrk nginx=nginx-light redis-server=redis-server
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B package -DskipTests
(cd bench/node && npm ci --no-audit --no-fund --silent)

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 & redis_pid=$!; pids+=($!)
until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; do sleep 0.1; done
node bench/node/mint-jwt.js "$WORK/jwks.json" >/dev/null; chmod 644 "$WORK/jwks.json"
# One nginx: the JWK set, and one upstream per set-up.
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1; daemon off; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 2048; }
http {
  access_log off;
  upstream one { server 127.0.0.1:${PORTS[0]}; keepalive 64; }
  upstream oner { server 127.0.0.1:${PORTS[1]}; keepalive 64; }
  upstream twor { server 127.0.0.1:${PORTS[1]}; server 127.0.0.1:${PORTS[2]}; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /jwks.json { default_type application/json; alias $WORK/jwks.json; }
    location /one/ { proxy_pass http://one/; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location /oner/ { proxy_pass http://oner/; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location /twor/ { proxy_pass http://twor/; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -p "$WORK" -c "$WORK/nginx.conf" & nginx_pid=$!; pids+=($!)

signet=()
for i in 0 1 2; do
  redis=(); (( i > 0 )) && redis=(SIGNET_REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
  (bench_env "${PORTS[$i]}" "http://127.0.0.1:$NGINX_PORT/jwks.json" env "${redis[@]}" \
    "$JAVA" $SIGNET_JAVA_OPTS -jar target/signet.jar) >"$WORK/signet$i.log" 2>&1 & signet[$i]=$!; pids+=($!)
done
for i in 0 1 2; do
  until curl -sf "http://127.0.0.1:${PORTS[$i]}/readyz" >/dev/null; do
    kill -0 "${signet[$i]}" 2>/dev/null || { tail -20 "$WORK/signet$i.log"; exit 1; }; sleep 0.1
  done
done
declare -A JVMS=( [one]="${signet[0]}" [oner]="${signet[1]}" [twor]="${signet[1]} ${signet[2]}" )
setups=(one oner twor)
load() { BENCH_BODY=$BENCH_BODY BENCH_API_KEY=$BENCH_CLIENT_KEY BENCH_AUTHORIZATION="" \
  wrk -t1 -c"$CONNECTIONS" -d"${2}s" --latency -s bench/sign.lua "http://127.0.0.1:$NGINX_PORT/$1/v1/signatures"; }
for s in "${setups[@]}"; do
  load "$s" 1 | grep -q Non-2xx && { echo "set-up $s refuses the benchmark body"; exit 1; }
done
# Warm-up: each JVM gets the same share; two+r warms the second replica.
for _ in $(seq 1 $(( WARMUP / 10 ))); do for s in "${setups[@]}"; do load "$s" 10 >/dev/null; done; done

ticks() { local sum=0; for p in "$@"; do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$sum"; }
stats() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\),.*/\1 \2/p'; }
for r in $(seq 1 "$ROUNDS"); do
  order=("${setups[@]}"); (( r % 2 == 0 )) && order=(twor oner one)
  for s in "${order[@]}"; do
    # shellcheck disable=SC2086
    c0=$(ticks ${JVMS[$s]}); rc0=$(ticks "$redis_pid"); nc0=$(ticks "$nginx_pid"); stats >"$WORK/$s.$r.before"
    load "$s" "$DURATION" >"$WORK/$s.$r.txt"
    # shellcheck disable=SC2086
    c1=$(ticks ${JVMS[$s]}); rc1=$(ticks "$redis_pid"); nc1=$(ticks "$nginx_pid"); stats >"$WORK/$s.$r.after"
    echo "$(( c1 - c0 )) $(( rc1 - rc0 )) $(( nc1 - nc0 ))" >"$WORK/$s.$r.cpu"
    echo "round $r $s: $(grep 'Requests/sec' "$WORK/$s.$r.txt")"
  done
done
records=$(redis-cli -p "$REDIS_PORT" --scan --pattern 'signet:upload:*' | wc -l)
used=$(redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | sed -n 's/^used_memory:\([0-9]*\)/\1/p')
keys=$(redis-cli -p "$REDIS_PORT" dbsize)
python3 - "$WORK" "$ROUNDS" "$(getconf CLK_TCK)" "$records" "$used" "$keys" "${setups[@]}" <<'PY'
import re, statistics, sys, collections
work, rounds, hz, records, used, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:7])
setups = sys.argv[7:]
names = {"one": "one replica, in process", "oner": "one replica + Redis", "twor": "two replicas + Redis"}
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
def stats(path): return {l.split()[0]: int(l.split()[1]) for l in open(path) if l.strip()}
print("\n| set-up (behind nginx) | req/s | p50 ms | p99 ms | errors | Signet CPU us/sig | Redis CPU us/sig | Redis commands/sig |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for s in setups:
    rps, p50, p99, cpu, rcpu, err, cmds = [], [], [], [], [], 0, collections.Counter()
    total = 0
    for r in range(1, rounds + 1):
        text = open(f"{work}/{s}.{r}.txt").read()
        n = int(re.search(r"(\d+) requests in", text).group(1)); total += n
        rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
        p50.append(ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups()))
        p99.append(ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()))
        m = re.search(r"Non-2xx or 3xx responses: (\d+)", text); err += int(m.group(1)) if m else 0
        c, rc, _ = map(int, open(f"{work}/{s}.{r}.cpu").read().split())
        cpu.append(c / hz * 1e6 / n); rcpu.append(rc / hz * 1e6 / n)
        before, after = stats(f"{work}/{s}.{r}.before"), stats(f"{work}/{s}.{r}.after")
        for k, v in after.items():
            if k not in ("info", "ping", "scan", "dbsize"):
                cmds[k] += v - before.get(k, 0)
    per = ", ".join(f"{k} {v / total:.2f}" for k, v in cmds.most_common() if v / total >= 0.01) or "none"
    allc = sum(cmds.values()) / total
    print(f"| {names[s]} | {statistics.median(rps):,.0f} | {statistics.median(p50):.2f} | {statistics.median(p99):.2f} "
          f"| {err} | {statistics.median(cpu):.0f} | {statistics.median(rcpu):.0f} | {allc:.2f} ({per}) |")
print(f"\nRedis after the run: {keys} keys, {records} upload records, used_memory {used / 2**20:.1f} MiB "
      f"({used / max(records, 1):.0f} bytes per upload record, all keys included)")
PY
echo "raw output: $WORK"
