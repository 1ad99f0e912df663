# Sourced by .ci/run (set -euo pipefail): Prometheus' promtool, for the test that runs
# `promtool check rules` on the Helm chart's PrometheusRule (dev.signet.deploy.MonitoringChartTests,
# Tool.PROMTOOL, which fails under CI=true without it). Debian's prometheus package ships
# /usr/bin/promtool; rather than installing the package (its JavaScript dependencies, a user and a
# Prometheus server that systemd would start), this unpacks promtool alone from the .deb (about 20 MB)
# and puts it on the PATH.
if ! command -v promtool >/dev/null 2>&1; then
  signet_ci_promtool=${SIGNET_CI_WORK:-/tmp/signet-ci}/promtool
  if [ ! -x "$signet_ci_promtool/usr/bin/promtool" ]; then
    mkdir -p "$signet_ci_promtool"
    (cd "$signet_ci_promtool" && { apt-get download -qq prometheus 2>/dev/null \
      || { apt-get update -qq && apt-get download -qq prometheus; }; } \
      && dpkg-deb -x prometheus_*.deb . && rm -f prometheus_*.deb)
  fi
  export PATH="$signet_ci_promtool/usr/bin:$PATH"
fi
echo "promtool: $(promtool --version 2>&1 | head -1)"
