#!/usr/bin/env bash
# seed.sh [--demo] N : make sure users user00001..userN exist (only the missing ones are added).
# User i goes to OU=acme (odd i) or OU=globex (even i). Per org: global security groups
# <org>-Admins, <org>-Staff, <org>-Contractors and <org>-Everyone (which holds the other three).
# By i % 10: 0 Admins and Staff, 1-6 Staff, 7-8 Contractors, 9 none. Password SEED_PASSWORD
# (default Seed-Passw0rd1, NT hash only: LDAP simple binds and NTLM work, Kerberos does not).
# --demo also adds alice (acme-Admins), bob (acme-Staff), carol (globex-Staff), password
# DEMO_PASSWORD (default Demo-Passw0rd1).
# Writes the local database in big batched transactions (10,000 users in about 15 s), whether
# samba runs or not; over LDAP (slower) when start.sh reused another server.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
demo=()
[[ "${1:-}" == --demo ]] && { demo=(--demo); shift; }
[[ "${1:-}" =~ ^[0-9]+$ && $# -eq 1 ]] || die "usage: seed.sh [--demo] N"
ad_py seed "$1" "${demo[@]}"
