#!/usr/bin/env bash
# up.sh : everything Sequent needs on this machine, then the four services, then the demo environment
# (deploy/local/demo.sh; SEQUENT_NO_DEMO=1 skips it) and its walkthrough.
# Idempotent: what already runs is left running. Stop it all with deploy/local/down.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
"$HERE/infra.sh" start
"$HERE/services.sh" start
# shellcheck source=/dev/null
[[ -f "$RUN_DIR/directory/ad.env" ]] && source "$RUN_DIR/directory/ad.env"
cat <<TXT

Sequent is up.

  auth-flow-service       http://127.0.0.1:8080   (end-user Authentication API)
  policy-service          http://127.0.0.1:8081
  factor-service          http://127.0.0.1:8082
  directory-sync-service  http://127.0.0.1:8083
  API docs                http://127.0.0.1:<port>/q/swagger-ui   (OpenAPI: /q/openapi)
  health and metrics      http://127.0.0.1:<port>/q/health/ready, /q/metrics

Try the admin APIs (the local-run admin client is admin-cli / local-admin-secret; see auth-flow's application.properties):
  curl -s http://127.0.0.1:8083/q/health/ready
  TOKEN=\$(curl -s -u admin-cli:local-admin-secret -d grant_type=client_credentials \\
      http://127.0.0.1:8080/oauth2/v1/token | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
      -d '{"username": "dana", "memberships": [{"orgId": "acme", "roles": ["staff"]}]}' http://127.0.0.1:8083/api/v1/users
  ldapsearch -x -H ${AD_LDAP_URL:-ldap://127.0.0.1:389} -D '${AD_BIND_DN:-CN=Administrator,CN=Users,DC=corp,DC=example,DC=test}' \\
      -w '${AD_BIND_PASSWORD:-Adm1n-Passw0rd}' -b '${AD_BASE_DN:-DC=corp,DC=example,DC=test}' '(sAMAccountName=alice)' memberOf
  deploy/local/directory/user.sh disable alice      # a change in the sample directory

Logs: $LOG_DIR/   Stop: deploy/local/down.sh
TXT
# the demo environment (org, policy with factor chains, alice/bob/carol with factors) and its walkthrough
if [[ "${SEQUENT_NO_DEMO:-}" != 1 ]]; then
  "$HERE/demo.sh" seed
fi
