#!/usr/bin/env bash
# demo.sh [seed|walkthrough|totp USER|sms|events] : a demo environment on the running services.
#
#   seed          (default) makes, through the admin APIs and only where missing, an org per sample OU,
#                 a sign-on policy with factor chains, the sample directory imported (alice, bob, carol),
#                 and factors for alice (question + TOTP) and bob (sms + a command-line push device);
#                 then prints the walkthrough. Running it again changes nothing that is in place.
#   walkthrough   prints the walkthrough again
#   totp USER     the current TOTP code of USER's authenticator (what their phone app would show)
#   sms [USER]    the last one-time codes sent to phones (to USER only, when given) (notification.sms on sequent.notifications.outbound)
#   events [USER] the last sign-in audit events (sequent.auth.events), of USER only when given: why a sign-in was refused
#
# Needs the four services on 8080-8083 (deploy/local/services.sh start) and the sample directory.
# Demo secrets (alice's TOTP seed, bob's device key) are kept in $SEQUENT_RUN_DIR/demo, readable by the owner only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
SCRIPT_NAME=demo

AUTH=http://127.0.0.1:8080 POLICY=http://127.0.0.1:8081 FACTOR=http://127.0.0.1:8082 DIRECTORY=http://127.0.0.1:8083
DEMO_DIR="$RUN_DIR/demo"
POLICY_NAME="Demo sign-in"
CHAINS='[["sms", "push"], ["push", "question"], ["question", "token:software:totp"]]'
ALICE_ANSWER="Elite"
BOB_PHONE="+15555550123"
# shellcheck source=/dev/null
[[ -f "$RUN_DIR/directory/ad.env" ]] && source "$RUN_DIR/directory/ad.env"
AD_LDAP_URL="${AD_LDAP_URL:-ldap://127.0.0.1:389}"
AD_BIND_DN="${AD_BIND_DN:-CN=Administrator,CN=Users,DC=corp,DC=example,DC=test}"
AD_BIND_PASSWORD="${AD_BIND_PASSWORD:-Adm1n-Passw0rd}"
AD_BASE_DN="${AD_BASE_DN:-DC=corp,DC=example,DC=test}"

# ------------------------------------------------------------------ HTTP
TOKEN=""
token() {
  [[ -n "$TOKEN" ]] && return 0
  TOKEN="$(curl -fsS -m 10 -u admin-cli:local-admin-secret -d grant_type=client_credentials "$AUTH/oauth2/v1/token" |
    jq -r .access_token)" || die "no admin token from $AUTH/oauth2/v1/token (is auth-flow-service running?)"
}

# api METHOD URL [JSON] : the response body on stdout; dies naming the call on any status but 2xx and
# those listed in $OK_ALSO (e.g. OK_ALSO=404 api GET ...). The status is left in $STATUS.
STATUS=""
api() {
  local method="$1" url="$2" out data=()
  [[ -n "${3:-}" ]] && data=(--data "$3")
  token
  out="$(mktemp)"
  STATUS="$(curl -sS -m 30 -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' "${data[@]}" "$url")" || { rm -f "$out"; die "$method $url: no answer"; }
  if [[ "$STATUS" != 2* && " ${OK_ALSO:-} " != *" $STATUS "* ]]; then
    warn "$method $url answered $STATUS: $(head -c 600 "$out")"; rm -f "$out"; exit 1
  fi
  cat "$out"; rm -f "$out"
}

# ------------------------------------------------------------------ codes, topics
totp_now() { # totp_now BASE32-SECRET [STEP-OFFSET] : RFC 6238 (SHA-1, 6 digits, 30 s)
  python3 - "$1" "${2:-0}" <<'PY'
import base64, hmac, hashlib, struct, sys, time
secret = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
step = int(time.time()) // 30 + int(sys.argv[2])
h = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}

# topic TOPIC : the topic's records (values) from the start, until 8 s pass without a new one
topic() {
  [[ -d "$RUN_DIR/kafka/libs" ]] || die "no Kafka jars in $RUN_DIR/kafka/libs: run deploy/local/infra.sh start"
  timeout 120 "$(java_bin)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m \
    -Dlog4j2.configurationFile="$RUN_DIR/kafka/log4j2-tools.properties" -cp "$RUN_DIR/kafka/libs/*" \
    org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 --topic "$1" \
    --from-beginning --timeout-ms 8000 2>/dev/null || true
}

user_id() { # user_id USERNAME : the id directory-sync gave the user, or nothing
  api GET "$DIRECTORY/api/v1/users?username=$1" | jq -r --arg u "$1" 'first(.[] | select(.username == $u) | .userId) // empty'
}

active_factor() { # active_factor USER-ID TYPE : the id of the user's ACTIVE factor of TYPE, or nothing
  api GET "$FACTOR/api/v1/users/$1/factors" | jq -r --arg t "$2" 'first(.[] | select(.factorType == $t and .status == "ACTIVE") | .id) // empty'
}

# ------------------------------------------------------------------ seed
seed_policy() {
  local t
  for t in sms push question token:software:totp; do
    api POST "$POLICY/api/v1/factor-types/$t/lifecycle/activate" > /dev/null
  done
  for t in acme globex; do
    OK_ALSO=404 api GET "$POLICY/api/v1/orgs/$t" > /dev/null
    [[ "$STATUS" == 404 ]] && api POST "$POLICY/api/v1/orgs" "{\"id\": \"$t\", \"code\": \"$t\", \"name\": \"${t^}\"}" > /dev/null
  done
  local enrollment
  enrollment="$(api GET "$POLICY/api/v1/enrollment-policies" | jq -r '.[] | select(.name == "Demo enrollment") | .id')"
  if [[ -z "$enrollment" ]]; then
    api POST "$POLICY/api/v1/enrollment-policies" '{"name": "Demo enrollment", "factors": {"sms": "REQUIRED",
      "push": "OPTIONAL", "question": "REQUIRED", "token:software:totp": "REQUIRED"}}' > /dev/null
  fi
  local policy
  policy="$(api GET "$POLICY/api/v1/policies" | jq -r --arg n "$POLICY_NAME" '.[] | select(.name == $n) | .id')"
  if [[ -z "$policy" ]]; then
    policy="$(api POST "$POLICY/api/v1/policies" "{\"name\": \"$POLICY_NAME\", \"type\": \"ORG\"}" | jq -r .id)"
    api POST "$POLICY/api/v1/policies/$policy/rules" "{\"name\": \"Factor sequencing\", \"actions\": {\"access\": \"ALLOW\",
      \"primary\": \"FACTOR_SEQUENCE\", \"chains\": $CHAINS}}" > /dev/null
    say "policy     \"$POLICY_NAME\" with chains $CHAINS"
  else
    say "policy     \"$POLICY_NAME\" already there"
  fi
}

seed_directory() {
  local dir
  dir="$(api GET "$DIRECTORY/api/v1/directories" | jq -r '.[] | select(.name == "Sample directory") | .id')"
  if [[ -z "$dir" ]]; then
    api POST "$DIRECTORY/api/v1/directories" "$(jq -n --arg url "$AD_LDAP_URL" --arg dn "$AD_BIND_DN" \
      --arg pw "$AD_BIND_PASSWORD" --arg base "$AD_BASE_DN" '{name: "Sample directory", url: $url, bindDn: $dn,
        bindPassword: $pw, baseDn: $base, scopeOus: ["OU=acme,\($base)", "OU=globex,\($base)"],
        mapping: {usernameAttribute: "sAMAccountName", orgSource: "OU", groupRoles: [
          {group: "acme-Admins", role: "admin"}, {group: "acme-Staff", role: "staff"},
          {group: "globex-Admins", role: "admin"}, {group: "globex-Staff", role: "staff"}]},
        schedule: {incrementalIntervalSeconds: 5, fullIntervalSeconds: 3600, enabled: true,
          liveStatusEnabled: true, whenUnreachable: "LAST_IMPORTED"}}')" > /dev/null
    say "directory  \"Sample directory\" (OU=acme, OU=globex) added; imports every 5 s"
  else
    say "directory  \"Sample directory\" already there"
  fi
  local u i
  for u in alice bob carol; do
    for ((i = 0; i < 120; i++)); do
      [[ -n "$(user_id "$u")" ]] && break
      sleep 0.5
    done
    [[ -n "$(user_id "$u")" ]] || die "$u was not imported within 60 s (see $LOG_DIR/directory-sync-service.log)"
  done
}

await_factor_service() { # factor-service learns users from the users topic (its first start reads all of it)
  local i
  for ((i = 0; i < 600; i++)); do
    OK_ALSO=404 api GET "$FACTOR/api/v1/users/$1/factors" > /dev/null
    [[ "$STATUS" == 200 ]] && return 0
    ((i == 20)) && say "waiting    for factor-service to read the users topic up to the demo users"
    sleep 0.5
  done
  die "factor-service does not know user $1 after 300 s (see $LOG_DIR/factor-service.log)"
}

seed_alice() {
  local id fid secret
  id="$(user_id alice)"; await_factor_service "$id"
  if [[ -z "$(active_factor "$id" question)" ]]; then
    api POST "$FACTOR/api/v1/users/$id/factors" "{\"factorType\": \"question\",
      \"profile\": {\"question\": \"first_computer_game\", \"answer\": \"$ALICE_ANSWER\"}}" > /dev/null
  fi
  fid="$(active_factor "$id" token:software:totp)"
  if [[ -n "$fid" && ! -s "$DEMO_DIR/alice.totp" ]]; then # enrolled, but its secret is not here: start over
    api DELETE "$FACTOR/api/v1/users/$id/factors/$fid" > /dev/null; fid=""
  fi
  if [[ -z "$fid" ]]; then
    local enrolled
    enrolled="$(api POST "$FACTOR/api/v1/users/$id/factors" '{"factorType": "token:software:totp"}')"
    fid="$(jq -r .id <<<"$enrolled")"; secret="$(jq -r ._embedded.activation.sharedSecret <<<"$enrolled")"
    (umask 077; printf '%s\n' "$secret" > "$DEMO_DIR/alice.totp")
    # activated with the previous step's code, so the current one is still free for the first sign-in
    api POST "$FACTOR/api/v1/users/$id/factors/$fid/lifecycle/activate" "{\"passCode\": \"$(totp_now "$secret" -1)\"}" > /dev/null
  fi
  say "alice      question + TOTP"
}

seed_bob() {
  local id fid code
  id="$(user_id bob)"; await_factor_service "$id"
  if [[ -z "$(active_factor "$id" sms)" ]]; then
    fid="$(api POST "$FACTOR/api/v1/users/$id/factors" "{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"$BOB_PHONE\"}}" |
      jq -r .id)"
    code="$(topic sequent.notifications.outbound | grep -F "\"factorId\":\"$fid\"" | tail -n 1 | jq -r .data.code)"
    [[ "$code" =~ ^[0-9]+$ ]] || die "no activation code for bob's sms factor on sequent.notifications.outbound"
    api POST "$FACTOR/api/v1/users/$id/factors/$fid/lifecycle/activate" "{\"passCode\": \"$code\"}" > /dev/null
  fi
  fid="$(active_factor "$id" push)"
  if [[ -n "$fid" && ! -s "$DEMO_DIR/bob-device.properties" ]]; then
    api DELETE "$FACTOR/api/v1/users/$id/factors/$fid" > /dev/null; fid=""
  fi
  if [[ -z "$fid" ]]; then
    token
    "$(java_bin)" "$ROOT/factor-service/tools/SequentVerify.java" enroll --url "$FACTOR" --user "$id" --token "$TOKEN" \
      --name "bob laptop" --key-file "$DEMO_DIR/bob-device.properties" > /dev/null
  fi
  say "bob        sms + push (command-line device)"
}

seed() {
  command -v curl >/dev/null || apt_install curl
  command -v jq >/dev/null || apt_install jq
  command -v python3 >/dev/null || apt_install python3
  for port in 8080 8081 8082 8083; do
    curl -fsS -m 3 "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 || die "no service ready on :$port (deploy/local/services.sh start)"
  done
  if [[ "${SEQUENT_NO_DIRECTORY:-}" == 1 ]]; then
    warn "SEQUENT_NO_DIRECTORY=1: no sample directory, so no demo users; skipping the demo"; return 0
  fi
  mkdir -p "$DEMO_DIR"; chmod 700 "$DEMO_DIR"
  local t0; t0="$(now_us)"
  seed_policy
  seed_directory
  seed_alice
  seed_bob
  say "demo       ready in $(secs_since "$t0") s"
  walkthrough
}

# ------------------------------------------------------------------ walkthrough
walkthrough() {
  local me="deploy/local/demo.sh"
  cat <<TXT

Demo: sign-on policy "$POLICY_NAME" signs everyone in WITHOUT a password, with one of these chains
of factors (DESIGN S4): $CHAINS
  alice  holds a security question (answer: $ALICE_ANSWER) and TOTP ($me totp alice shows her app's code)
  bob    holds sms ($me sms bob shows the codes sent) and push (a command-line device, below)
  carol  holds nothing, so she cannot sign in; she gets the answers an unknown user gets (S1)

1. A factor-sequenced sign-in as alice, from this terminal (copy line by line; jq only prettifies):

  A=$AUTH/api/v1/authn
  R=\$(curl -s -H 'Content-Type: application/json' -d '{"username": "alice"}' \$A); echo "\$R" | jq .
      # "status": "UNAUTHENTICATED", one factor offered: her question, the first step of a chain she holds
  ST=\$(echo "\$R" | jq -r .stateToken)
  Q=\$(echo "\$R" | jq -r '._embedded.factors[] | select(.factorType == "question") | .id')
  R=\$(curl -s -H 'Content-Type: application/json' -d "{\\"stateToken\\": \\"\$ST\\", \\"answer\\": \\"$ALICE_ANSWER\\"}" \$A/factors/\$Q/verify); echo "\$R" | jq .
      # "status": "MFA_REQUIRED", the next step of the chain offered: TOTP
  T=\$(echo "\$R" | jq -r '._embedded.factors[] | select(.factorType == "token:software:totp") | .id')
  curl -s -H 'Content-Type: application/json' -d "{\\"stateToken\\": \\"\$ST\\", \\"passCode\\": \\"\$($me totp alice)\\"}" \$A/factors/\$T/verify | jq .
      # "status": "SUCCESS" with a sessionToken. (A code works once: on E0000082 wait for the next one.)

2. Disable alice in the directory, as an AD administrator would, then sign in again:

  deploy/local/directory/user.sh disable alice
  sleep 6     # directory-sync imports changes every 5 s and publishes alice's "disabled" event
  # ... now repeat step 1. It still answers UNAUTHENTICATED with a question among the factors (S1: a
  # refused user is offered the first factors of every chain, as an unknown one is, and never told why),
  # but the answer "$ALICE_ANSWER" is refused (403 E0000068): this transaction can never succeed. Had you
  # been quicker than the import, the live directory status read before SUCCESS refuses it (401 E0000004).
  $me events alice    # the audit trail says why: auth.signin.refused ... USER_DISABLED
  deploy/local/directory/user.sh enable alice     # and she can sign in again a few seconds later

3. bob: sms, then push with number matching (two terminals):

  java factor-service/tools/SequentVerify.java watch --url $FACTOR --key-file $DEMO_DIR/bob-device.properties
  # in the other terminal: start with {"username": "bob"}, verify his sms factor with {"stateToken"} alone
  # (a code is sent: $me sms bob), then with {"stateToken", "passCode"}; then verify the push factor with
  # {"stateToken"}: the answer shows _embedded.factor._embedded.challenge.correctAnswer; pick that number
  # in the device terminal and POST the same verify again (the poll) until "SUCCESS".

4. In a browser, the same sign-ins on the hosted page, and the admin console:

  $AUTH/signin/                 # alice: Next, her question ("Elite"), then the TOTP code ($me totp alice)
  $POLICY/console/              # sign in as alice (an acme admin): chains, org MFA, simulation, audit

Admin APIs (token: curl -s -u admin-cli:local-admin-secret -d grant_type=client_credentials $AUTH/oauth2/v1/token):
  policies $POLICY/q/swagger-ui   factors $FACTOR/q/swagger-ui   directory $DIRECTORY/q/swagger-ui
TXT
}

# ------------------------------------------------------------------ small commands
show_totp() {
  [[ -s "$DEMO_DIR/$1.totp" ]] || die "no TOTP secret for $1 in $DEMO_DIR (run $0 seed)"
  totp_now "$(cat "$DEMO_DIR/$1.totp")"
}

show_sms() { # show_sms [USERNAME]: the last five codes sent by sms, newest last (to USERNAME only, when given)
  local id=""
  if [[ -n "${1:-}" ]]; then
    id="$(user_id "$1")"; [[ -n "$id" ]] || die "no user $1 in directory-sync"
  fi
  topic sequent.notifications.outbound | jq -r --arg id "$id" 'select(.type == "io.sequent.notification.sms.v1"
    and ($id == "" or .data.userId == $id)) | "\(.time)  to \(.data.destination)  code \(.data.code)"' | sort | tail -n 5
}

show_events() { # show_events [USERNAME]: the last ten, oldest first (of USERNAME only, when given)
  local id=""
  if [[ -n "${1:-}" ]]; then
    id="$(user_id "$1")"; [[ -n "$id" ]] || die "no user $1 in directory-sync"
  fi
  topic sequent.auth.events | jq -r --arg id "$id" 'select($id == "" or .data.userId == $id)
    | "\(.time)  \(.type | sub("^io.sequent."; ""))  user \(.data.userId // "-")  \(.data.reason // "")"' | sort | tail -n 10
}

case "${1:-seed}" in
  seed) seed ;;
  walkthrough) walkthrough ;;
  totp) [[ -n "${2:-}" ]] || die "usage: $0 totp USER"; show_totp "$2" ;;
  sms) show_sms "${2:-}" ;;
  events) show_events "${2:-}" ;;
  *) echo "usage: $0 [seed|walkthrough|totp USER|sms|events]" >&2; exit 2 ;;
esac
