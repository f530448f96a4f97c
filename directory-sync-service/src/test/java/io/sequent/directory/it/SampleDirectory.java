package io.sequent.directory.it;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real sample directory (a Samba AD domain controller on loopback), changed the way an AD admin
 * would. Every test works in its own OU with a unique prefix, so the demo users stay untouched.
 */
public final class SampleDirectory implements AutoCloseable {

    public static final String URL = env("AD_LDAP_URL", "ldap://127.0.0.1:389");
    public static final String ADMIN_DN = env("AD_BIND_DN", "CN=Administrator,CN=Users,DC=corp,DC=example,DC=test");
    public static final String ADMIN_PASSWORD = env("AD_BIND_PASSWORD", "Adm1n-Passw0rd");
    public static final String BASE_DN = env("AD_BASE_DN", "DC=corp,DC=example,DC=test");
    public static final String PASSWORD = "Test-Passw0rd1";

    public final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    public final String ou = "OU=" + prefix + "," + BASE_DN;
    public final String outsideOu = "OU=" + prefix + "-out," + BASE_DN;
    private final LDAPConnection conn;
    private final List<String> created = new ArrayList<>();

    public SampleDirectory() {
        try {
            var url = new com.unboundid.ldap.sdk.LDAPURL(URL);
            conn = new LDAPConnection(url.getHost(), url.getPort(), ADMIN_DN, ADMIN_PASSWORD);
            conn.getConnectionOptions().setFollowReferrals(false);
            addOu(ou);
            addOu(outsideOu);
        } catch (LDAPException e) {
            throw new IllegalStateException("the sample directory is not running at " + URL + ": " + e.getMessage(), e);
        }
    }

    private void addOu(String dn) throws LDAPException {
        conn.add(dn, new Attribute("objectClass", "top", "organizationalUnit"));
        created.add(dn);
    }

    /** Adds an enabled user {@code <prefix>-<name>} in the test OU; returns its sAMAccountName. */
    public String addUser(String name) {
        String sam = prefix + "-" + name;
        String dn = "CN=" + sam + "," + ou;
        try {
            conn.add(dn,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("cn", sam),
                    new Attribute("sAMAccountName", sam),
                    new Attribute("userPrincipalName", sam + "@corp.example.test"),
                    new Attribute("givenName", "Given-" + name),
                    new Attribute("sn", "Sur-" + name),
                    new Attribute("mail", sam + "@" + prefix + ".example"),
                    new Attribute("unicodePwd", ("\"" + PASSWORD + "\"").getBytes(StandardCharsets.UTF_16LE)),
                    new Attribute("userAccountControl", "512"));
            return sam;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot add " + dn + ": " + e.getMessage(), e);
        }
    }

    public String addGroup(String name, String... memberSams) {
        String dn = "CN=" + prefix + "-" + name + "," + ou;
        try {
            conn.add(dn, new Attribute("objectClass", "top", "group"), new Attribute("sAMAccountName", prefix + "-" + name));
            for (String sam : memberSams) {
                addToGroup(dn, sam);
            }
            return dn;
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public void addToGroup(String groupDn, String sam) {
        modify(groupDn, new Modification(ModificationType.ADD, "member", dn(sam)));
    }

    public String dn(String sam) {
        try {
            var entry = conn.search(BASE_DN, SearchScope.SUB, "(sAMAccountName=" + sam + ")", "1.1").getSearchEntries();
            if (entry.isEmpty()) {
                throw new IllegalStateException("no entry " + sam);
            }
            return entry.get(0).getDN();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public void set(String sam, String attribute, String value) {
        modify(dn(sam), new Modification(ModificationType.REPLACE, attribute, value));
    }

    public void disable(String sam) {
        set(sam, "userAccountControl", "514");
    }

    public void enable(String sam) {
        set(sam, "userAccountControl", "512");
    }

    public void delete(String sam) {
        try {
            conn.delete(dn(sam));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public void moveOut(String sam) {
        try {
            String dn = dn(sam);
            conn.modifyDN(dn, "CN=" + sam, true, outsideOu);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AD accepts only 0 for lockoutTime over LDAP: the project's directory script writes it locally. */
    public void lock(String sam) {
        script("lock", sam);
    }

    public void agePassword(String sam) {
        script("age-password", sam, "365");
    }

    private static void script(String... args) {
        Path script = Path.of("..", "deploy", "local", "directory", "user.sh").toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("missing " + script);
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("user.sh " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void modify(String dn, Modification m) {
        try {
            conn.modify(dn, m);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot modify " + dn + ": " + e.getMessage(), e);
        }
    }

    /** Removes the test OUs with everything in them (tree delete). */
    @Override
    public void close() {
        for (String dn : List.of(ou, outsideOu)) {
            try {
                var req = new com.unboundid.ldap.sdk.DeleteRequest(dn);
                req.addControl(new com.unboundid.ldap.sdk.Control("1.2.840.113556.1.4.805", true)); // tree delete
                conn.delete(req);
            } catch (LDAPException e) {
                // best effort: the OU names are unique per run
            }
        }
        conn.close();
    }

    /**
     * The PEM of the sample directory's CA (Samba makes its own and signs its LDAPS certificate with it), from
     * {@code AD_CA_CERT} or from the settings the directory's start script wrote; null when neither is there.
     */
    public static String caCertificate() {
        String path = env("AD_CA_CERT", null);
        if (path == null) {
            Path common = Path.of("..", "deploy", "local", "directory", "common.sh").toAbsolutePath().normalize();
            try {
                Process p = new ProcessBuilder("bash", "-c", "source \"$1\" && [ -r \"$AD_ENV\" ] && sed -n 's/^AD_CA_CERT=//p' \"$AD_ENV\"",
                        "ca", common.toString()).redirectErrorStream(false).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                path = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        try {
            return path == null || !Files.isReadable(Path.of(path)) ? null : Files.readString(Path.of(path));
        } catch (IOException e) {
            return null;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
