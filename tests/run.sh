#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine.
# The test fixtures install the emulators from tests/Emulators/package-lock.json (npm ci) and start
# Azurite and the Cosmos-compatible server on free loopback ports, and stop them when done.
# Headless Chromium (for the viewer tests) is installed from Debian's packages when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium for the viewer tests..."
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/graphfusion-chromium-install.log 2>&1; then
      echo "chromium could not be installed (see /tmp/graphfusion-chromium-install.log); viewer tests will be skipped"
    fi
  else
    echo "chromium is not installed; the viewer tests will be skipped (apt-get install chromium to run them)"
  fi
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Serverless.sln --logger "trx" --results-directory "$results" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(grep -c 'outcome="NotExecuted"' "$trx" || true); skipped=$((skipped + ${n:-0}))
done

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
