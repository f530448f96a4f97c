#!/usr/bin/env bash
# A plain LDAP server that is not AD, for the non-AD import paths: OpenLDAP slapd (Debian's package) as an
# instance of its own, never debconf's default one. Its configuration, database and pid file live in one
# directory, which is all it writes to; it listens on loopback only.
#
#   openldap.sh start [DIR] [PORT]   idempotent; DIR defaults to $RUN_DIR/openldap, PORT to 3389
#   openldap.sh stop  [DIR]          stops exactly the slapd whose pid file is in DIR
#
# Suffix dc=example,dc=org, root DN cn=admin,dc=example,dc=org, password OPENLDAP_PASSWORD (Admin-Passw0rd).
# OPENLDAP_MAXSIZE: the database's map size in bytes (100 MB; a 100,000-user directory needs more).
# No syncprov overlay: entries carry modifyTimestamp and entryCSN, but the suffix has no contextCSN and there is
# no accesslog, so deletions leave no trace (the importer finds them by reconciling). Tests only (clear-text binds).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
SCRIPT_NAME=directory/openldap

cmd="${1:-}"; dir="${2:-$RUN_DIR/openldap}"; port="${3:-3389}"
password="${OPENLDAP_PASSWORD:-Admin-Passw0rd}"
maxsize="${OPENLDAP_MAXSIZE:-104857600}"
suffix="dc=example,dc=org"
pidfile="$dir/slapd.pid"

running() { [[ -s "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "$cmd" in
  start)
    [[ "$(id -u)" == 0 ]] || die "slapd must be installed and started as root here"
    apt_install slapd ldap-utils
    mkdir -p "$dir/db"
    dir="$(cd "$dir" && pwd)"; pidfile="$dir/slapd.pid"
    if running; then say "openldap already running (pid $(cat "$pidfile")) on ldap://127.0.0.1:$port"; exit 0; fi
    port_open 127.0.0.1 "$port" && die "something else listens on 127.0.0.1:$port"
    cat > "$dir/slapd.conf" <<CONF
# Written by deploy/local/directory/openldap.sh at every start.
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile $pidfile
argsfile $dir/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
sizelimit unlimited
database mdb
maxsize $maxsize
suffix "$suffix"
rootdn "cn=admin,$suffix"
rootpw $(slappasswd -s "$password")
directory $dir/db
index objectClass eq
index uid,entryUUID eq
lastmod on
CONF
    t0="$(now_us)"
    /usr/sbin/slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/" > "$dir/slapd.log" 2>&1 9>&- \
      || die "slapd did not start; see $dir/slapd.log"
    for ((i = 0; i < 300; i++)); do
      ldapsearch -x -H "ldap://127.0.0.1:$port" -s base -b '' namingContexts >/dev/null 2>&1 && break
      sleep 0.05
    done
    if ! ldapsearch -x -H "ldap://127.0.0.1:$port" -D "cn=admin,$suffix" -w "$password" -s base -b "$suffix" >/dev/null 2>&1; then
      printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n' "$suffix" \
        | ldapadd -x -H "ldap://127.0.0.1:$port" -D "cn=admin,$suffix" -w "$password" >/dev/null
    fi
    say "openldap started (pid $(cat "$pidfile")) on ldap://127.0.0.1:$port in $(secs_since "$t0") s"
    ;;
  stop)
    if running; then
      pid="$(cat "$pidfile")"; kill "$pid"
      for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      say "openldap stopped (pid $pid)"
    else
      say "openldap was not running"
    fi
    ;;
  *) die "usage: openldap.sh start|stop [DIR] [PORT]" ;;
esac
