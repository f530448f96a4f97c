# shellcheck shell=bash
# shellcheck disable=SC2034  # used by the scripts that source this file
# Settings of the sample directory (a Samba AD domain controller), sourced by the scripts beside it.
SCRIPT_NAME="directory/$(basename "$0" .sh)"
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

AD_REALM=CORP.EXAMPLE.TEST
AD_DOMAIN=CORP
AD_ADMIN_PASSWORD=Adm1n-Passw0rd
AD_BASE_DN=DC=corp,DC=example,DC=test
AD_BIND_DN="CN=Administrator,CN=Users,$AD_BASE_DN"
AD_LDAP_URL=ldap://127.0.0.1:389
AD_LDAPS_URL=ldaps://127.0.0.1:636

DIR_HOME="$RUN_DIR/directory"
DOMAIN_DIR="$DIR_HOME/domain"       # the live domain (database, smb.conf, state)
PRISTINE_DIR="$DIR_HOME/pristine"   # the domain right after provisioning: a reset is a copy
FOREIGN_MARK="$DIR_HOME/reused"     # present while another server on 127.0.0.1:389 is used instead
SMB_CONF="$DOMAIN_DIR/etc/smb.conf"
SAMBA_LOG="$LOG_DIR/samba.log"
AD_ENV="$DIR_HOME/ad.env"
PY=/usr/bin/python3   # Debian's python: the samba bindings are not in other pythons

# The self-signed certificate is for DC1.corp.example.test; clients on 127.0.0.1 cannot verify it.
export LDAPTLS_REQCERT="${LDAPTLS_REQCERT:-never}"

samba_pid() { pid_of samba samba; }

# ldap_admin TOOL ARGS...: an ldap-utils tool bound as Administrator (at most 60 s)
ldap_admin() {
  local tool="$1"; shift
  timeout 60 "$tool" -x -H "$AD_LDAP_URL" -o nettimeout=5 -D "$AD_BIND_DN" -w "$AD_ADMIN_PASSWORD" "$@"
}

# Does 127.0.0.1:389 answer as this domain, with this Administrator password?
ldap_is_our_domain() {
  timeout 5 ldapsearch -x -H "$AD_LDAP_URL" -o nettimeout=3 -D "$AD_BIND_DN" -w "$AD_ADMIN_PASSWORD" \
    -LLL -s base -b '' defaultNamingContext 2>/dev/null |
    grep -qi "^defaultNamingContext: $AD_BASE_DN\$"
}

# ad_py ARGS...: run ad.py against the local database, or over LDAP when another server is reused
ad_py() {
  if [[ -e "$FOREIGN_MARK" ]]; then
    AD_URL="$AD_LDAP_URL" AD_DOMAIN="$AD_DOMAIN" AD_BIND_PASSWORD="$AD_ADMIN_PASSWORD" "$PY" "$(dirname "${BASH_SOURCE[0]}")/ad.py" "$@"
  else
    [[ -f "$DOMAIN_DIR/private/sam.ldb" ]] || die "no directory in $DOMAIN_DIR; run deploy/local/directory/start.sh first"
    AD_URL="$DOMAIN_DIR/private/sam.ldb" AD_SMB_CONF="$SMB_CONF" "$PY" "$(dirname "${BASH_SOURCE[0]}")/ad.py" "$@"
  fi
}
