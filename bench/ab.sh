#!/usr/bin/env bash
# A/B of two Signet jars on the signing path, built for a shared, noisy machine: both run side by side
# with bench/run.sh's settings (bench/settings.sh: Java 25, the image's JVM options, rate limits on and
# set too high to refuse, one API key, a local JWK set); after a warm-up, wrk drives them in alternating rounds, and every round measures, per jar,
# requests/s, heap bytes allocated per request (the JVM's own count, bench/AllocProbe.java) and CPU time
# of the Signet process per request (/proc). Allocation per request does not depend on the machine's
# load; CPU per request depends on it far less than requests/s do. Prints each round and the medians.
#
#   bench/ab.sh before.jar after.jar                    # WARMUP=60 ROUNDS=7 DURATION=10 CONNECTIONS=32
#   TARGETS="key jwt widget" bench/ab.sh a.jar b.jar    # which requests: key (default), jwt, widget
#   JFR=1 bench/ab.sh a.jar b.jar                       # also record JFR (profile settings) per jar
#   B_JAVA_OPTS="-XX:+UseParallelGC ..." bench/ab.sh x.jar x.jar   # JVM options of the second (A_JAVA_OPTS: first)
#
# Build the "before" jar in a worktree: git worktree add --detach /tmp/before <commit> &&
# (cd /tmp/before && ./mvnw -B -q -o -DskipTests package) -> /tmp/before/target/signet.jar. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
JARS=("$1" "$2")
WARMUP=${WARMUP:-60} ROUNDS=${ROUNDS:-7} DURATION=${DURATION:-10} CONNECTIONS=${CONNECTIONS:-32}
TARGETS=${TARGETS:-key}
WORK=$(mktemp -d /tmp/signet-ab.XXXX)
source bench/settings.sh
PORTS=(18190 18191) JWKS_PORT=18192
CLIENT_KEY=$BENCH_CLIENT_KEY BODY=$BENCH_BODY
bench_install wrk=wrk

TOKEN=$(node bench/node/mint-jwt.js "$WORK/jwks.json")
(cd "$WORK" && exec python3 -m http.server -b 127.0.0.1 "$JWKS_PORT" >/dev/null 2>&1) & pids+=($!)
signet=()
for i in 0 1; do
  jfr=(); [ -n "${JFR:-}" ] && jfr=("-XX:StartFlightRecording=settings=profile,filename=$WORK/jar$i.jfr,dumponexit=true")
  (bench_env "${PORTS[$i]}" "http://127.0.0.1:$JWKS_PORT/jwks.json" \
    "$JAVA" $([ "$i" -eq 0 ] && echo "${A_JAVA_OPTS:-$SIGNET_JAVA_OPTS}" || echo "${B_JAVA_OPTS:-$SIGNET_JAVA_OPTS}") \
    "${jfr[@]}" -jar "${JARS[$i]}") >/dev/null 2>"$WORK/jar$i.err" & signet[$i]=$!; pids+=($!)
done
for i in 0 1; do
  until curl -sf "http://127.0.0.1:${PORTS[$i]}/readyz" >/dev/null; do
    kill -0 "${signet[$i]}" 2>/dev/null || { tail -20 "$WORK/jar$i.err"; exit 1; }; sleep 0.1
  done
  curl -sf -XPOST "http://127.0.0.1:${PORTS[$i]}/v1/signatures" -H "X-Api-Key: $CLIENT_KEY" \
    -H 'Content-Type: application/json' -d "$BODY" >/dev/null || { echo "${JARS[$i]} refuses the body"; exit 1; }
done
WIDGET_BODY="{\"paramsToSign\":{\"source\":\"uw\",\"timestamp\":$(date +%s),\"folder\":\"avatars\",\"tags\":\"profile,user\"}}"

load() { # jar-index target seconds -> wrk output
  local port=${PORTS[$1]} body=$BODY key=$CLIENT_KEY auth="" path=/v1/signatures
  case $2 in jwt) key=""; auth="Bearer $TOKEN";; widget) body=$WIDGET_BODY; path=/v1/signatures/widget;; esac
  BENCH_BODY=$body BENCH_API_KEY=$key BENCH_AUTHORIZATION=$auth \
    wrk -t1 -c"$CONNECTIONS" -d"${3}s" -s bench/sign.lua "http://127.0.0.1:$port$path"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
allocated() { "$JAVA" bench/AllocProbe.java "$1" | awk '{print $2}'; }

for t in $TARGETS; do
  for _ in $(seq 1 $(( WARMUP / 10 ))); do for i in 0 1; do load "$i" "$t" 10 >/dev/null; done; done
done
echo "jar0 = ${JARS[0]}"; echo "jar1 = ${JARS[1]}"
echo "round target jar req/s bytes/req cpu_us/req non2xx" | tee "$WORK/rounds.txt"
hz=$(getconf CLK_TCK)
for r in $(seq 1 "$ROUNDS"); do
  for t in $TARGETS; do
    order=(0 1); (( r % 2 == 0 )) && order=(1 0)      # alternate which jar goes first
    for i in "${order[@]}"; do
      pid=${signet[$i]}; a0=$(allocated "$pid"); c0=$(cpu_ticks "$pid")
      out=$(load "$i" "$t" "$DURATION")
      c1=$(cpu_ticks "$pid"); a1=$(allocated "$pid")
      n=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
      bad=$(awk '/Non-2xx/ {print $5}' <<<"$out"); bad=${bad:-0}
      echo "$r $t jar$i $rps $(( (a1 - a0) / n )) $(( (c1 - c0) * 1000000 / hz / n )) $bad" | tee -a "$WORK/rounds.txt"
    done
  done
done
python3 - "$WORK/rounds.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
print(f"\n{'target':<8}{'jar':<6}{'rounds':>7}{'req/s':>9}{'bytes/req':>11}{'cpu_us/req':>12}   (medians)")
med = {}
for t in dict.fromkeys(r[1] for r in rows):
    for j in ("jar0", "jar1"):
        sel = [r for r in rows if r[1] == t and r[2] == j]
        m = [statistics.median(int(r[k]) for r in sel) for k in (3, 4, 5)]
        med[t, j] = m
        print(f"{t:<8}{j:<6}{len(sel):>7}{m[0]:>9.0f}{m[1]:>11.0f}{m[2]:>12.0f}")
    wins = sum(1 for r in range(1, 1 + max(int(x[0]) for x in rows))
               if (a := [x for x in rows if x[0] == str(r) and x[1] == t]) and len(a) == 2
               and int(next(x for x in a if x[2] == "jar1")[3]) > int(next(x for x in a if x[2] == "jar0")[3]))
    a, b = med[t, "jar0"], med[t, "jar1"]
    print(f"{t:<8}jar1/jar0: req/s {b[0] / a[0]:.3f}, bytes/req {b[1] / a[1]:.3f}, cpu/req {b[2] / a[2]:.3f}; "
          f"jar1 faster in {wins} of the rounds")
PY
echo "raw rounds and logs: $WORK"
