#!/usr/bin/env bash
# user.sh COMMAND NAME [ARG]: change one account as an AD administrator would.
# NAME is a sAMAccountName (alice, user00042), GROUP a group's sAMAccountName (acme-Staff) or DN,
# OU an OU name under the base DN (globex) or a DN. The bind result each change gives is in ():
#
#   disable NAME                 userAccountControl |= 0x2             (49, data 533)
#   enable NAME                  userAccountControl &= ~0x2
#   expire-password NAME         pwdLastSet=0, must change at next logon (49, data 773)
#   age-password NAME [DAYS]     pwdLastSet=now-DAYS (365) > maxPwdAge 42 d (49, data 532)
#   lock NAME                    lockoutTime=now; unlocks after 30 min  (49, data 775)
#   unlock NAME                  lockoutTime=0
#   expire-account NAME          accountExpires=1, in the past          (49, data 701)
#   unexpire-account NAME        accountExpires=never
#   set-password NAME PASSWORD   administrator reset (clears pwdLastSet=0)
#   delete NAME                  the entry becomes a tombstone in CN=Deleted Objects
#   move NAME OU                 same objectGUID, new DN
#   add-to-group NAME GROUP
#   remove-from-group NAME GROUP
#   add-ou OU
#   show NAME                    the attributes an import reads
#
# lock and age-password write the local database (over LDAP, AD accepts only 0 for those);
# the rest goes over LDAP as Administrator. Each change bumps uSNChanged and whenChanged.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
(($# >= 2)) || usage
cmd="$1" name="$2" arg="${3:-}"

dn_of() { # the DN of sAMAccountName $1 (or $1 itself if it is a DN)
  local out
  if [[ "$1" == *=* ]]; then echo "$1"; return; fi
  out="$(ldap_admin ldapsearch -LLL -o ldif-wrap=no -b "$AD_BASE_DN" "(sAMAccountName=$1)" 1.1 | grep -E '^dn::? ' || true)"
  [[ -n "$out" ]] || die "no such account: $1"
  [[ "$(wc -l <<<"$out")" == 1 ]] || die "more than one entry for $1"
  if [[ "$out" == "dn:: "* ]]; then base64 -d <<<"${out#dn:: }"; else echo "${out#dn: }"; fi
}
get() { ldap_admin ldapsearch -LLL -o ldif-wrap=no -s base -b "$1" '(objectClass=*)' "$2" | sed -n "s/^$2: //p"; }
modify() { # modify DN ATTR VALUE [replace|add|delete]
  printf 'dn: %s\nchangetype: modify\n%s: %s\n%s: %s\n' "$1" "${4:-replace}" "$2" "$2" "$3" |
    ldap_admin ldapmodify >/dev/null
}
set_attr() { local dn; dn="$(dn_of "$name")"; modify "$dn" "$1" "$2"; say "$dn: $1=$2"; }
need_arg() { [[ -n "$arg" ]] || usage; }

case "$cmd" in
  disable | enable)
    dn="$(dn_of "$name")"; old="$(get "$dn" userAccountControl)"
    if [[ "$cmd" == disable ]]; then new=$((old | 2)); else new=$((old & ~2)); fi
    modify "$dn" userAccountControl "$new"
    say "$dn: userAccountControl $old -> $new" ;;
  expire-password) set_attr pwdLastSet 0 ;;
  age-password) ad_py age-password "$name" "${arg:-365}" ;;
  lock) ad_py lock "$name" ;;
  unlock) set_attr lockoutTime 0 ;;
  expire-account) set_attr accountExpires 1 ;;
  unexpire-account) set_attr accountExpires 9223372036854775807 ;;
  set-password)
    need_arg; dn="$(dn_of "$name")"
    printf 'dn: %s\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: %s\n' "$dn" \
      "$(printf '"%s"' "$arg" | iconv -f utf-8 -t utf-16le | base64 -w0)" | ldap_admin ldapmodify >/dev/null
    say "$dn: password set" ;;
  delete) dn="$(dn_of "$name")"; ldap_admin ldapdelete "$dn"; say "$dn: deleted" ;;
  move)
    need_arg; dn="$(dn_of "$name")"; ou="$arg"; [[ "$ou" == *=* ]] || ou="OU=$ou,$AD_BASE_DN"
    ldap_admin ldapmodrdn -r -s "$ou" "$dn" "${dn%%,*}" >/dev/null
    say "$dn -> ${dn%%,*},$ou" ;;
  add-to-group | remove-from-group)
    need_arg; dn="$(dn_of "$name")"; gdn="$(dn_of "$arg")"
    if [[ "$cmd" == add-to-group ]]; then op=add; else op=delete; fi
    modify "$gdn" member "$dn" "$op"
    say "$gdn: member $op $dn" ;;
  add-ou)
    dn="$name"; [[ "$dn" == *=* ]] || dn="OU=$dn,$AD_BASE_DN"
    printf 'dn: %s\nobjectClass: organizationalUnit\n' "$dn" | ldap_admin ldapadd >/dev/null
    say "$dn: added" ;;
  show)
    dn="$(dn_of "$name")"
    ldap_admin ldapsearch -LLL -o ldif-wrap=no -s base -b "$dn" '(objectClass=*)' \
      objectGUID sAMAccountName userPrincipalName userAccountControl msDS-User-Account-Control-Computed \
      pwdLastSet accountExpires lockoutTime badPwdCount memberOf whenChanged uSNChanged ;;
  *) usage ;;
esac
