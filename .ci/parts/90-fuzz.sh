# Sourced by .ci/run (set -euo pipefail) before the README test command: a time-bounded Jazzer run of
# each fuzz target (issue 8). The plain test run only replays the seeds; here Jazzer generates inputs for
# SIGNET_FUZZ_SECONDS (default 20) per target, 4 targets, under 5 minutes in all with Maven and JVM start-up. Heap is capped so the
# fuzzing JVM stays well under 2.5 GB RSS. A crash fails CI; Jazzer writes the crashing input under
# src/test/resources/<package>/<Class>Inputs/<method>/ where it then stays as a regression seed.
# SIGNET_FUZZ_SECONDS=0 skips this part.
signet_fuzz_seconds=${SIGNET_FUZZ_SECONDS:-20}
if [ "$signet_fuzz_seconds" != "0" ]; then
  ./mvnw -B -q test-compile
  mkdir -p target/fuzz
  for signet_fuzz_target in \
    'dev.signet.signing.SigningFuzzTests#distinctAcceptedParameterMapsNeverShareAStringToSign' \
    'dev.signet.signing.SigningFuzzTests#requestBytesEndInA4xxOrASignatureWithinTheAllowList' \
    'dev.signet.cloudinary.CloudinaryUrlFuzzTests#anyTextParsesOrFailsWithInvalidSettingOnly' \
    'dev.signet.diagnostics.SignatureDiagnosisFuzzTests#anyErrorTextIsDiagnosedOrRefusedWithIllegalArgumentOnly'; do
    signet_fuzz_log="target/fuzz/${signet_fuzz_target##*#}.log"
    if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${signet_fuzz_seconds}s" ./mvnw -B surefire:test@fuzz \
      -Dtest="$signet_fuzz_target" -DargLine=-Xmx512m -Dsurefire.failIfNoSpecifiedTests=false \
      >"$signet_fuzz_log" 2>&1; then
      tail -60 "$signet_fuzz_log" >&2
      echo "fuzzing $signet_fuzz_target failed: see $signet_fuzz_log" >&2
      exit 1
    fi
    echo "fuzz $signet_fuzz_target: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$signet_fuzz_log" | tail -1)"
  done
fi
