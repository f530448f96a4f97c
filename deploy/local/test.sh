#!/usr/bin/env bash
# test.sh : every test of every module against the real infrastructure, which it starts if needed.
# Extra arguments go to Maven (for example: -pl policy-service -am).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
"$HERE/infra.sh" start
# the manifests test renders deploy/k8s with kubectl kustomize (offline); the sign-in page's browser test
# drives the system's headless Chromium (Playwright never downloads a browser of its own)
# (only the packages whose command is missing: kubectl may come from another package than Debian's, which
# kubernetes-client would conflict with)
needed=()
command -v kubectl >/dev/null || needed+=(kubernetes-client)
command -v chromium >/dev/null || needed+=(chromium)
command -v chromedriver >/dev/null || needed+=(chromium-driver)
if ((${#needed[@]})); then
  SCRIPT_NAME=test
  source "$HERE/lib.sh"
  apt_install "${needed[@]}"
fi
# Tests start from empty test databases, so a run never depends on what an earlier one left.
for db in sequent_{policy,factor,directory}_{test,e2e}; do
  PGOPTIONS='-c client_min_messages=warning' runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
    -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION ${db%_*};"
done
# An empty broker of their own (127.0.0.1:29092) and empty Redis databases 1 and 2: the tests' users and
# events never pile up in the compacted topics the demo reads, and a run never replays an earlier one's.
"$HERE/infra.sh" test-kafka start
trap '"$HERE/infra.sh" test-kafka stop > /dev/null' EXIT
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092
redis-cli -n 1 flushdb > /dev/null
redis-cli -n 2 flushdb > /dev/null
cd "$ROOT"
./mvnw -B verify "$@"
