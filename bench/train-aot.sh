#!/usr/bin/env bash
# Trains Java's AOT cache as the Dockerfile does (a start up to a refreshed context, with throwaway
# settings), from the folder of the extracted jar:
#   train-aot.sh <cache file> <JVM options...>
# A training run that also signed 20,000 times on each of the API-key, JWT and widget paths (so that
# the cache carries their JIT profiles) measured no faster warm-up and a 17 MB larger cache:
# docs/performance.md.
set -euo pipefail
out=$1; shift
CLOUDINARY_URL=cloudinary://000000000000000:aot-training-only@aot-training \
SIGNET_API_KEYS=aot-training:aot-training-only-key SIGNET_CONFIG_TREE=/nonexistent/ \
  "${JAVA:-java}" -XX:AOTCacheOutput="$out" "$@" -Dspring.context.exit=onRefresh -jar signet.jar
