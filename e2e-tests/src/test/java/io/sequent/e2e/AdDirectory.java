package io.sequent.e2e;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One scenario's corner of the real sample directory (the Samba AD domain controller): an OU of its
 * own ({@code e2e<random>}, so the demo users alice, bob and carol are never touched), users added
 * over LDAP, changes made with the project's {@code deploy/local/directory/user.sh} as an AD
 * administrator would, and a directory-sync directory importing just that OU. Closing it stops the
 * directory's schedule and deletes the OU.
 */
final class AdDirectory implements AutoCloseable {

    static final String URL = env("AD_LDAP_URL", "ldap://127.0.0.1:389");
    static final String ADMIN_DN = env("AD_BIND_DN", "CN=Administrator,CN=Users,DC=corp,DC=example,DC=test");
    static final String ADMIN_PASSWORD = env("AD_BIND_PASSWORD", "Adm1n-Passw0rd");
    static final String BASE_DN = env("AD_BASE_DN", "DC=corp,DC=example,DC=test");
    static final String PASSWORD = "E2e-Passw0rd1";

    /** The OU's name, which directory-sync maps to the users' org. */
    final String org = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final String ou = "OU=" + org + "," + BASE_DN;
    private final LDAPConnection conn;
    private final boolean scheduled;
    private final boolean liveStatus;
    String directoryId;

    /**
     * @param scheduled  incremental imports every second (the seed's "next import", made seconds)
     * @param liveStatus the S2 live status read before SUCCESS of a passwordless sign-in
     */
    AdDirectory(boolean scheduled, boolean liveStatus) {
        this.scheduled = scheduled;
        this.liveStatus = liveStatus;
        try {
            LDAPURL url = new LDAPURL(URL);
            conn = new LDAPConnection(url.getHost(), url.getPort(), ADMIN_DN, ADMIN_PASSWORD);
            conn.getConnectionOptions().setFollowReferrals(false);
            conn.add(ou, new Attribute("objectClass", "top", "organizationalUnit"));
        } catch (LDAPException e) {
            throw new IllegalStateException("the sample directory is not running at " + URL + ": " + e.getMessage(), e);
        }
    }

    /** Adds an enabled user {@code <org>-<name>} (sAMAccountName, at most 20 characters) with {@link #PASSWORD}. */
    String addUser(String name) {
        String sam = org + "-" + name;
        try {
            conn.add("CN=" + sam + "," + ou,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("cn", sam),
                    new Attribute("sAMAccountName", sam),
                    new Attribute("userPrincipalName", sam + "@corp.example.test"),
                    new Attribute("givenName", "E2E"),
                    new Attribute("sn", name),
                    new Attribute("mail", sam + "@" + org + ".example"),
                    new Attribute("unicodePwd", ("\"" + PASSWORD + "\"").getBytes(StandardCharsets.UTF_16LE)),
                    new Attribute("userAccountControl", "512"));
            return sam;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot add " + sam + ": " + e.getMessage(), e);
        }
    }

    /** Creates the directory in directory-sync (scope: this OU) and runs a full import. */
    void connect() {
        String body = """
                {"name": "%s", "url": "%s", "bindDn": "%s", "bindPassword": "%s", "baseDn": "%s",
                 "scopeOus": ["%s"], "connectTimeoutMs": 2000, "responseTimeoutMs": 5000, "poolSize": 2,
                 "mapping": {"usernameAttribute": "sAMAccountName", "orgSource": "OU"},
                 "schedule": {"incrementalIntervalSeconds": 1, "fullIntervalSeconds": 3600, "enabled": %s,
                              "liveStatusEnabled": %s, "whenUnreachable": "LAST_IMPORTED"}}"""
                .formatted(org, URL, ADMIN_DN, ADMIN_PASSWORD, BASE_DN, ou, scheduled, liveStatus);
        directoryId = Users.admin().body(body).post("/api/v1/directories").then().statusCode(201).extract().path("id");
        if (!scheduled) {
            importNow("FULL");
        }
    }

    /** A manual import through the API (the seed's mitigation), waited for; its final state. */
    JsonPath importNow(String kind) {
        String importId = Users.admin().body("{\"kind\": \"" + kind + "\"}")
                .post("/api/v1/directories/" + directoryId + "/imports").then().statusCode(202).extract().path("id");
        JsonPath[] run = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            run[0] = Users.admin().get("/api/v1/directories/" + directoryId + "/imports/" + importId)
                    .then().statusCode(200).extract().jsonPath();
            return !"RUNNING".equals(run[0].getString("state"));
        });
        if (!"SUCCEEDED".equals(run[0].getString("state"))) {
            throw new AssertionError("import " + importId + " ended " + run[0].prettify());
        }
        return run[0];
    }

    /** The id directory-sync gave the imported user, once auth-flow (its username index) and factor-service know it. */
    String importedUserId(String sam) {
        String key = "sequent:authflow:username:" + sam.toLowerCase(java.util.Locale.ROOT);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Redis.get(Suite.REDIS_DB, key) != null);
        String id = Redis.get(Suite.REDIS_DB, key);
        Factors.awaitKnown(id);
        return id;
    }

    /** {@code deploy/local/directory/user.sh COMMAND NAME [ARG]}: disable, enable, expire-password, set-password, ... */
    static void userScript(String... args) {
        Path script = Suite.root().resolve("deploy/local/directory/user.sh");
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

    /** Stops the directory's schedule, then deletes the OU with everything in it (tree delete). */
    @Override
    public void close() {
        if (directoryId != null && scheduled) {
            String body = """
                    {"name": "%s", "url": "%s", "bindDn": "%s", "baseDn": "%s", "scopeOus": ["%s"],
                     "mapping": {"usernameAttribute": "sAMAccountName", "orgSource": "OU"},
                     "schedule": {"enabled": false, "liveStatusEnabled": %s}}"""
                    .formatted(org, URL, ADMIN_DN, BASE_DN, ou, liveStatus);
            Users.admin().body(body)
                    .put("/api/v1/directories/" + directoryId);
        }
        try {
            DeleteRequest delete = new DeleteRequest(ou);
            delete.addControl(new Control("1.2.840.113556.1.4.805", true)); // tree delete
            conn.delete(delete);
        } catch (LDAPException e) {
            // best effort: the OU name is unique per scenario
        }
        conn.close();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
