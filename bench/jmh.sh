#!/usr/bin/env bash
# JMH microbenchmarks below HTTP: the signing path (src/test/java/dev/signet/bench/SigningBenchmarks),
# the header checks (src/test/java/dev/signet/security/HeaderCheckBenchmarks), one request through the
# DispatcherServlet, fast path against MVC (src/test/java/dev/signet/signing/DispatchBenchmarks) and the
# rate limiter's spend per signature (src/test/java/dev/signet/ratelimit/RateLimiterBenchmarks).
#   bench/jmh.sh                 # all benchmarks, 1 fork, 3 warm-up and 5 measured iterations of 2 s
#   bench/jmh.sh canonicalString # the benchmarks whose name matches (a regex): HeaderCheckBenchmarks, ...
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
  "${1:-Benchmarks}" -f 1 -wi 3 -i 5 -w 2s -r 2s
