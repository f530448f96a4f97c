#!/usr/bin/python3
"""Direct writes to the sample directory's database, for seed.sh and user.sh.

  ad.py seed N [--demo]      users user00001..userN (only the missing ones), the OUs and groups;
                             --demo also adds alice, bob and carol
  ad.py lock NAME            lockoutTime = now   (LDAP accepts only 0 for it)
  ad.py age-password NAME D  pwdLastSet = now - D days (LDAP accepts only 0 or -1 for it)

AD_URL is the local sam.ldb (with AD_SMB_CONF), or ldap://... with AD_BIND_PASSWORD for a
directory this machine runs elsewhere. Needs Debian's /usr/bin/python3 (samba bindings).
"""
import os
import sys
import time

import ldb
from samba import unix2nttime
from samba.auth import system_session
from samba.credentials import Credentials, DONT_USE_KERBEROS
from samba.param import LoadParm
from samba.samdb import SamDB

URL = os.environ["AD_URL"]
LOCAL = not URL.startswith("ldap")

# Samba-internal controls (source4/dsdb/samdb/samdb.h); honoured on the local database only
BYPASS_PASSWORD_HASH = "local_oid:1.3.6.1.4.1.7165.4.3.12:0"    # store the given NT hash as is
PASSWORD_BYPASS_LAST_SET = "local_oid:1.3.6.1.4.1.7165.4.3.20:0"  # accept any pwdLastSet

ORGS = os.environ.get("SEED_ORGS", "acme globex").split()
GROUPS = ["Admins", "Staff", "Contractors"]
GIVEN = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
         "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe"]
SURNAME = ["Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Moore", "Taylor",
           "Thomas", "White", "Harris", "Martin", "Clark", "Lewis", "Walker", "Young", "King"]
DEPARTMENT = ["Engineering", "Sales", "Finance", "Support", "Marketing", "Operations", "Legal"]
TITLE = ["Engineer", "Manager", "Analyst", "Specialist", "Director", "Associate"]
# name, given, surname, org, groups, title
DEMO = [("alice", "Alice", "Archer", "acme", ["Admins"], "Director"),
        ("bob", "Bob", "Baker", "acme", ["Staff"], "Engineer"),
        ("carol", "Carol", "Carter", "globex", ["Staff"], "Analyst")]
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Demo-Passw0rd1")


def open_db(batch=False):
    lp = LoadParm()
    if LOCAL:
        lp.load(os.environ["AD_SMB_CONF"])
        # batch_mode: no sub-transaction per add; otherwise every add copies the big index lists
        # and 10,000 users take minutes instead of seconds
        opts = ["batch_mode:1", "transaction_index_cache_size:202481"] if batch else None
        return SamDB(url=URL, session_info=system_session(), lp=lp,
                     flags=ldb.FLG_DONT_CREATE_DB | ldb.FLG_NOSYNC, options=opts)
    creds = Credentials()
    creds.guess(lp)
    creds.set_domain(os.environ.get("AD_DOMAIN", "CORP"))
    creds.set_username("Administrator")
    creds.set_password(os.environ["AD_BIND_PASSWORD"])
    creds.set_kerberos_state(DONT_USE_KERBEROS)
    return SamDB(url=URL, credentials=creds, lp=lp)


def password_attrs(password, nt_hash=None):
    """unicodePwd: the NT hash alone (fast, local only) or a real password set (all keys)."""
    if nt_hash is not None:
        return {"unicodePwd": nt_hash, "pwdLastSet": str(unix2nttime(int(time.time())))}
    return {"unicodePwd": ('"%s"' % password).encode("utf-16-le")}


def exists(db, dn):
    try:
        db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["dn"])
        return True
    except ldb.LdbError as e:
        if e.args[0] != ldb.ERR_NO_SUCH_OBJECT:
            raise
        return False


def ensure_orgs(db, base):
    for org in ORGS:
        ou = "OU=%s,%s" % (org, base)
        if not exists(db, ou):
            db.add({"dn": ou, "objectClass": "organizationalUnit", "description": "Organization " + org})
        for g in GROUPS + ["Everyone"]:
            dn = "CN=%s-%s,%s" % (org, g, ou)
            if exists(db, dn):
                continue
            msg = {"dn": dn, "objectClass": "group", "sAMAccountName": "%s-%s" % (org, g),
                   "groupType": str(-2147483646), "description": "%s %s" % (org, g)}  # global security
            if g == "Everyone":  # nested: the other three groups
                msg["member"] = ["CN=%s-%s,%s" % (org, x, ou) for x in GROUPS]
            db.add(msg)


def user_msg(dn, name, realm, given, sn, org, title, dept, emp_id):
    return {"dn": dn, "objectClass": "user", "sAMAccountName": name,
            "userPrincipalName": "%s@%s" % (name, realm), "givenName": given, "sn": sn,
            "displayName": "%s %s" % (given, sn), "mail": "%s@%s.example" % (name, org),
            "company": org, "department": dept, "title": title, "employeeID": emp_id,
            "userAccountControl": "512"}


def seed(n, demo):
    t0 = time.time()
    prefix = os.environ.get("SEED_PREFIX", "user")
    password = os.environ.get("SEED_PASSWORD", "Seed-Passw0rd1")
    db = open_db(batch=LOCAL)
    base, realm = str(db.domain_dn()), db.domain_dns_name()
    ensure_orgs(db, base)
    existing = {str(r["sAMAccountName"][0]).lower() for r in db.search(
        base=base, scope=ldb.SCOPE_SUBTREE, attrs=["sAMAccountName"], expression="(objectClass=user)")}

    # seeded users: NT hash only on the local database (~800 users/s; LDAP simple binds and NTLM
    # work, Kerberos does not); a real password set over LDAP
    if LOCAL:
        creds = Credentials()
        creds.set_password(password)
        nt, controls = creds.get_nt_hash(), [BYPASS_PASSWORD_HASH, PASSWORD_BYPASS_LAST_SET]
    else:
        nt, controls = None, []
    members, created = {}, 0
    if LOCAL:
        db.transaction_start()
    try:
        for i in range(1, n + 1):
            num = "%05d" % i
            name = prefix + num
            if name.lower() in existing:
                continue
            org = ORGS[(i - 1) % len(ORGS)]
            ou = "OU=%s,%s" % (org, base)
            dn = "CN=%s,%s" % (name, ou)
            msg = user_msg(dn, name, realm, GIVEN[i % len(GIVEN)], SURNAME[(i // len(GIVEN)) % len(SURNAME)],
                           org, TITLE[i % len(TITLE)], DEPARTMENT[i % len(DEPARTMENT)], num)
            msg.update(password_attrs(password, nt))
            db.add(msg, controls=controls)
            k = i % 10  # 10% Admins + Staff, 60% Staff, 20% Contractors, 10% no group
            for g in (["Admins", "Staff"] if k == 0 else ["Staff"] if k <= 6 else ["Contractors"] if k <= 8 else []):
                members.setdefault("CN=%s-%s,%s" % (org, g, ou), []).append(dn)
            created += 1
            if LOCAL and created % 2000 == 0:
                db.transaction_commit()
                db.transaction_start()
        if demo:
            for j, (name, given, sn, org, groups, title) in enumerate(DEMO, 1):
                if name in existing:
                    continue
                ou = "OU=%s,%s" % (org, base)
                dn = "CN=%s,%s" % (name, ou)
                msg = user_msg(dn, name, realm, given, sn, org, title, "Engineering", "D%04d" % j)
                msg.update(password_attrs(DEMO_PASSWORD))  # real password set: Kerberos works too
                db.add(msg)
                for g in groups:
                    members.setdefault("CN=%s-%s,%s" % (org, g, ou), []).append(dn)
                created += 1
        for gdn, dns in members.items():
            m = ldb.Message(ldb.Dn(db, gdn))
            m["member"] = ldb.MessageElement(dns, ldb.FLAG_MOD_ADD, "member")
            db.modify(m)
        if LOCAL:
            db.transaction_commit()
    except BaseException:
        if LOCAL:
            db.transaction_cancel()
        raise
    dt = time.time() - t0
    print("seeded %d users (%d accounts were there) in %.1f s%s" % (
        created, len(existing), dt, " = %.0f users/s" % (created / dt) if created > 100 else ""))


def set_attr(name, attr, value, controls=()):
    db = open_db()
    res = db.search(base=db.domain_dn(), scope=ldb.SCOPE_SUBTREE, attrs=["dn"],
                    expression="(sAMAccountName=%s)" % ldb.binary_encode(name))
    if len(res) != 1:
        sys.exit("no such account: %s" % name)
    m = ldb.Message(res[0].dn)
    m[attr] = ldb.MessageElement(str(value), ldb.FLAG_MOD_REPLACE, attr)
    db.modify(m, controls=list(controls))
    print("%s: %s=%s" % (m.dn, attr, value))


def main(args):
    if args[:1] == ["seed"] and len(args) in (2, 3) and args[2:] in ([], ["--demo"]):
        seed(int(args[1]), demo=len(args) == 3)
    elif args[:1] in (["lock"], ["age-password"]) and not LOCAL:
        sys.exit("%s needs the local database; the directory in use is another server's" % args[0])
    elif args[:1] == ["lock"] and len(args) == 2:
        set_attr(args[1], "lockoutTime", unix2nttime(int(time.time())))
    elif args[:1] == ["age-password"] and len(args) == 3:
        set_attr(args[1], "pwdLastSet", unix2nttime(int(time.time()) - int(args[2]) * 86400),
                 controls=[PASSWORD_BYPASS_LAST_SET])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
