package io.sequent.directory.it;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP server (not AD: no uSNChanged, no tombstones), run by the project's script as an instance of
 * its own under this module's target directory on 127.0.0.1:3389. It is started when it does not answer (and
 * then stopped again by {@link #close}); every test works in an OU of its own.
 */
public final class OpenLdapDirectory implements AutoCloseable {

    public static final int PORT = Integer.getInteger("openldap.port", 3389);
    public static final String URL = "ldap://127.0.0.1:" + PORT;
    public static final String BASE_DN = "dc=example,dc=org";
    public static final String ADMIN_DN = "cn=admin," + BASE_DN;
    public static final String ADMIN_PASSWORD = "Admin-Passw0rd";
    static final Path DIR = Path.of("target", "openldap").toAbsolutePath();
    static final Path SCRIPT = Path.of("..", "deploy", "local", "directory", "openldap.sh").toAbsolutePath().normalize();

    public final String prefix = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    public final String ou = "ou=" + prefix + "," + BASE_DN;
    private final boolean started;
    private final LDAPConnection conn;

    public OpenLdapDirectory() {
        started = !answers();
        if (started) {
            script("start", DIR.toString(), Integer.toString(PORT));
        }
        try {
            conn = new LDAPConnection("127.0.0.1", PORT, ADMIN_DN, ADMIN_PASSWORD);
            conn.add(ou, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", prefix));
        } catch (LDAPException e) {
            throw new IllegalStateException("OpenLDAP on " + URL + ": " + e.getMessage(), e);
        }
    }

    private static boolean answers() {
        try (LDAPConnection probe = new LDAPConnection("127.0.0.1", PORT)) {
            return probe.getRootDSE() != null;
        } catch (LDAPException e) {
            return false;
        }
    }

    /** Adds {@code uid=<prefix>-<name>} (inetOrgPerson) in the test OU; returns the uid. */
    public String addUser(String name) {
        String uid = prefix + "-" + name;
        try {
            conn.add(dn(uid), new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
                    new Attribute("cn", "Given " + name), new Attribute("sn", "Sur-" + name), new Attribute("givenName", "Given-" + name),
                    new Attribute("mail", uid + "@example.org"));
            return uid;
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public String dn(String uid) {
        return "uid=" + uid + "," + ou;
    }

    public void set(String uid, String attribute, String value) {
        try {
            conn.modify(dn(uid), new Modification(ModificationType.REPLACE, attribute, value));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public void delete(String uid) {
        try {
            conn.delete(dn(uid));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public String body(boolean scheduled) {
        return """
                {"name": "%s", "url": "%s", "bindDn": "%s", "bindPassword": "%s", "baseDn": "%s",
                 "userFilter": "(objectClass=inetOrgPerson)", "scopeOus": ["%s"], "poolSize": 2,
                 "mapping": {"usernameAttribute": "uid", "orgSource": "FIXED", "fixedOrgId": "%s"},
                 "schedule": {"incrementalIntervalSeconds": 5, "fullIntervalSeconds": 3600, "enabled": %s}}"""
                .formatted(prefix, URL, ADMIN_DN, ADMIN_PASSWORD, BASE_DN, ou, prefix, scheduled);
    }

    @Override
    public void close() {
        try {
            List<String> dns = new ArrayList<>();
            conn.search(ou, com.unboundid.ldap.sdk.SearchScope.ONE, "(objectClass=*)", "1.1").getSearchEntries()
                    .forEach(e -> dns.add(e.getDN()));
            for (String dn : dns) {
                conn.delete(dn);
            }
            conn.delete(ou);
        } catch (LDAPException e) {
            // best effort: the OU names are unique per run
        }
        conn.close();
        if (started) {
            script("stop", DIR.toString());
        }
    }

    private static void script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openldap.sh " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
