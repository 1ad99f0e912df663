#!/usr/bin/env bash
# JMH microbenchmarks of the signing path below HTTP (see src/test/java/dev/signet/bench).
#   bench/jmh.sh                 # all benchmarks, 1 fork, 3 warm-up and 5 measured iterations of 2 s
#   bench/jmh.sh canonicalString # one benchmark (regex)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
  "SigningBenchmarks.${1:-}" -f 1 -wi 3 -i 5 -w 2s -r 2s
