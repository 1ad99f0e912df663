# Real clients (sourced by .ci/run under set -euo pipefail): Debian's Chromium, the npm packages of
# the example page and of the Node test clients, and the built page. Exports where they are for the
# JUnit tests in dev.signet.clients, which fail under CI=true when any of them is missing.
# Never downloads a browser of its own (no `npx playwright install`).
clients_start=$(date +%s)
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
chromium --version 2>/dev/null  # Debian's wrapper warns on stderr about its memory check
node --version
npm --version
for dir in examples/react-upload src/test/node; do
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
done
npm run --prefix examples/react-upload build --silent -- --logLevel=warn
export SIGNET_NODE="$(command -v node)"
export SIGNET_CHROMIUM="$(command -v chromium)"
export SIGNET_REACT_DIST="$PWD/examples/react-upload/dist"
echo "== .ci: clients ready in $(( $(date +%s) - clients_start )) s"
