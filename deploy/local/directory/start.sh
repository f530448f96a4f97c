#!/usr/bin/env bash
# Start the sample directory: a Samba Active Directory domain controller serving only LDAP
# (389, 636, and the global catalog 3268/3269) on 127.0.0.1, realm CORP.EXAMPLE.TEST.
# Idempotent. Installs the Debian packages if missing, provisions the domain once (and keeps a
# pristine copy), starts samba, waits until the rootDSE answers and writes $RUN_DIR/directory/ad.env.
# Prints one line: what it did.
#
#   start.sh [--reset]   --reset (or SEQUENT_DIRECTORY_RESET=1): back to the freshly provisioned domain
#
# If another server already listens on 127.0.0.1:389, it is used only if it answers as this realm
# with this Administrator password; otherwise start.sh fails. Needs root (packages, port 389).
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

reset="${SEQUENT_DIRECTORY_RESET:-0}"
case "${1:-}" in --reset) reset=1 ;; "") ;; *) die "usage: start.sh [--reset]" ;; esac
[[ "$(id -u)" == 0 ]] || die "the directory needs root (Debian packages, port 389)"
take_lock
t0="$(now_us)"
mkdir -p "$DIR_HOME"

write_env() { # write_env CA_CERT
  cat > "$AD_ENV" <<EOF
AD_LDAP_URL=$AD_LDAP_URL
AD_LDAPS_URL=$AD_LDAPS_URL
AD_BIND_DN=$AD_BIND_DN
AD_BIND_PASSWORD=$AD_ADMIN_PASSWORD
AD_BASE_DN=$AD_BASE_DN
AD_REALM=$AD_REALM
AD_DOMAIN=$AD_DOMAIN
AD_CA_CERT=$1
EOF
}

wait_ready() { # until the rootDSE answers (60 s); fail early if samba exits
  local pid="$1" i
  for ((i = 0; i < 1200; i++)); do
    timeout 3 ldapsearch -x -H "$AD_LDAP_URL" -o nettimeout=2 -s base -b '' defaultNamingContext >/dev/null 2>&1 && return 0
    alive "$pid" || die "samba exited during start-up; see $SAMBA_LOG"
    sleep 0.05
  done
  die "samba (pid $pid) did not answer LDAP on 127.0.0.1:389 within 60 s; see $SAMBA_LOG"
}

write_conf() { # smb.conf: everything under $DOMAIN_DIR, LDAP only, loopback only; tests only
  mkdir -p "$DOMAIN_DIR/etc" "$DOMAIN_DIR/run"
  cat > "$SMB_CONF" <<EOF
# Written by deploy/local/directory/start.sh at every start.
[global]
	netbios name = DC1
	workgroup = $AD_DOMAIN
	realm = $AD_REALM
	server role = active directory domain controller
	server services = ldap
	interfaces = 127.0.0.1
	bind interfaces only = yes
	disable netbios = yes
	dns proxy = no
	# a local sample: simple binds and password sets without TLS, no fsync
	ldap server require strong auth = no
	ldb:nosync = true
	prefork children = 2
	private dir = $DOMAIN_DIR/private
	lock directory = $DOMAIN_DIR
	state directory = $DOMAIN_DIR/state
	cache directory = $DOMAIN_DIR/cache
	binddns dir = $DOMAIN_DIR/bind-dns
	pid directory = $PID_DIR
	ncalrpc dir = $DOMAIN_DIR/run/ncalrpc
	winbindd socket directory = $DOMAIN_DIR/run/winbindd
	ntp signd socket directory = $DOMAIN_DIR/run/ntp_signd
	log file = $SAMBA_LOG
	logging = file
	max log size = 10000
	panic action =

[sysvol]
	path = $DOMAIN_DIR/state/sysvol
	read only = no

[netlogon]
	path = $DOMAIN_DIR/state/sysvol/${AD_REALM,,}/scripts
	read only = no
EOF
}

if [[ "$reset" == 1 ]]; then
  "$(dirname "$0")/stop.sh" >/dev/null
  rm -rf "$DOMAIN_DIR"
elif pid="$(samba_pid)"; then
  wait_ready "$pid"
  rm -f "$FOREIGN_MARK"
  write_env "$DOMAIN_DIR/private/tls/ca.pem"
  say "already running (pid $pid) on $AD_LDAP_URL"
  exit 0
fi

# someone else's server on the port: use it only if it is the same domain
if port_open 127.0.0.1 389; then
  if ldap_is_our_domain; then
    touch "$FOREIGN_MARK"
    write_env ""
    say "reusing the LDAP server that already listens on 127.0.0.1:389 (not started here): it answers as $AD_REALM with the same Administrator password"
    exit 0
  fi
  die "another server listens on 127.0.0.1:389 and does not answer as $AD_BASE_DN with Administrator/$AD_ADMIN_PASSWORD; stop it, or run with SEQUENT_NO_DIRECTORY=1"
fi
rm -f "$FOREIGN_MARK"

apt_install samba samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind ldb-tools ldap-utils

if [[ ! -f "$DOMAIN_DIR/private/sam.ldb" ]]; then
  rm -rf "$DOMAIN_DIR"
  if [[ -f "$PRISTINE_DIR/private/sam.ldb" ]]; then
    cp -a "$PRISTINE_DIR" "$DOMAIN_DIR"
  else
    write_conf
    samba-tool domain provision --configfile="$SMB_CONF" --targetdir="$DOMAIN_DIR" \
      --realm="$AD_REALM" --domain="$AD_DOMAIN" --host-name=dc1 --server-role=dc \
      --dns-backend=NONE --adminpass="$AD_ADMIN_PASSWORD" > "$LOG_DIR/samba-provision.log" 2>&1 ||
      die "provisioning the domain failed; see $LOG_DIR/samba-provision.log"
    rm -rf "$PRISTINE_DIR.tmp"
    cp -a "$DOMAIN_DIR" "$PRISTINE_DIR.tmp" && mv -T "$PRISTINE_DIR.tmp" "$PRISTINE_DIR"
  fi
fi

write_conf
rm -f "$PID_DIR/samba.pid"
# samba -D leads its own process group (stop.sh signals the group); 9>&- : not our lock
samba -D -M prefork -s "$SMB_CONF" < /dev/null >> "$SAMBA_LOG" 2>&1 9>&- ||
  die "samba failed to start; see $SAMBA_LOG"
for ((i = 0; i < 200; i++)); do pid="$(samba_pid)" && break; sleep 0.05; done
[[ -n "${pid:-}" ]] || die "samba wrote no pid file ($PID_DIR/samba.pid); see $SAMBA_LOG"
wait_ready "$pid"

# samba makes its TLS key on the first start (about a second): keep it for later resets
if [[ ! -e "$PRISTINE_DIR/private/tls/key.pem" && -e "$DOMAIN_DIR/private/tls/key.pem" ]]; then
  cp -a "$DOMAIN_DIR/private/tls" "$PRISTINE_DIR/private/"
fi
write_env "$DOMAIN_DIR/private/tls/ca.pem"
say "started in $(secs_since "$t0") s (pid $pid) on $AD_LDAP_URL"
