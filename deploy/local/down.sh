#!/usr/bin/env bash
# down.sh : stops the services and the infrastructure that deploy/local/up.sh started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$HERE/services.sh" stop
"$HERE/infra.sh" stop
