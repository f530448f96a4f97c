package io.sequent.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.Totp;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Disable-to-refused latency: how long after an administrator disables a user in the directory a
 * sign-in of that user is refused. Each try takes one directory user (user00001, user00002, ...,
 * enrolled here in a security question and TOTP, the demo policy's chain [question, totp]), disables
 * them over LDAP as an AD administrator would, and then measures two things from the moment the
 * directory acknowledged the change:
 * <ul>
 *   <li>the first complete sign-in: the live status read before SUCCESS (S2) should refuse it at
 *       once, long before any import;</li>
 *   <li>identification: a new sign-in every {@code --poll-ms} until its first factor is refused,
 *       that is until the {@code disabled} event of the incremental import reached auth-flow's read
 *       model (the window the Okta seed documents).</li>
 * </ul>
 * Before each disable of the second kind the program waits a random time up to {@code --phase-ms}
 * (the import interval), so the changes fall anywhere in the import cycle. The user is enabled again
 * after the try. Polls sign the same user in up to ten times a second, so
 * the suite must run with a per-username rate limit above that (bench/run.sh sets it).
 */
public final class DisableLatency {

    private static final long DISABLED = 0x2;
    private static final String TOTP = Setup.TOTP;

    private final Http http;
    private final Endpoints endpoints;
    private final Setup setup;
    private final LDAPConnection ldap;
    private final String baseDn;

    private DisableLatency(Http http, Endpoints endpoints, LDAPConnection ldap, String baseDn) {
        this.http = http;
        this.endpoints = endpoints;
        this.setup = new Setup(http, endpoints);
        this.ldap = ldap;
        this.baseDn = baseDn;
    }

    /** A directory user prepared for the tries: the DN, the ids, the question's answer and the TOTP secret. */
    private static final class Subject {
        String username;
        String dn;
        BenchUser user = new BenchUser();
    }

    private enum Probe { ACCEPTED, REFUSED }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SignInLoad.options(args);
        Endpoints endpoints = new Endpoints(
                o.getOrDefault("auth-flow", "http://127.0.0.1:8080"), o.getOrDefault("policy", "http://127.0.0.1:8081"),
                o.getOrDefault("factor", "http://127.0.0.1:8082"), o.getOrDefault("directory", "http://127.0.0.1:8083"),
                o.getOrDefault("admin-client", "admin-cli"), o.getOrDefault("admin-secret", "local-admin-secret"));
        int tries = Integer.parseInt(o.getOrDefault("tries", "20"));
        long pollMs = Long.parseLong(o.getOrDefault("poll-ms", "100"));
        long timeoutMs = Long.parseLong(o.getOrDefault("timeout-ms", "30000"));
        LDAPURL url = new LDAPURL(o.getOrDefault("ldap-url", env("AD_LDAP_URL", "ldap://127.0.0.1:389")));
        String bindDn = o.getOrDefault("bind-dn", env("AD_BIND_DN", "CN=Administrator,CN=Users,DC=corp,DC=example,DC=test"));
        String bindPassword = o.getOrDefault("bind-password", env("AD_BIND_PASSWORD", ""));
        String baseDn = o.getOrDefault("base-dn", env("AD_BASE_DN", "DC=corp,DC=example,DC=test"));
        Path out = o.containsKey("out") ? Path.of(o.get("out")) : null;

        try (LDAPConnection ldap = new LDAPConnection(url.getHost(), url.getPort(), bindDn, bindPassword)) {
            String report = new DisableLatency(new Http(java.time.Duration.ofSeconds(10)), endpoints, ldap, baseDn)
                    .run(tries, pollMs, timeoutMs, Long.parseLong(o.getOrDefault("phase-ms", "5000")));
            System.out.println(report);
            if (out != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, report + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
        }
    }

    private String run(int tries, long pollMs, long timeoutMs, long phaseMs) throws Exception {
        java.util.Random random = new java.util.Random();
        List<Subject> subjects = new ArrayList<>();
        for (int i = 1; i <= 2 * tries; i++) {
            subjects.add(prepare(String.format(Locale.ROOT, "user%05d", i)));
        }
        Histogram live = new Histogram(3);
        Histogram gate = new Histogram(3);
        int liveRefused = 0;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            // one user for the live status read; another for the import path alone, because a live read
            // that finds the user disabled publishes the event at once and would shorten the second figure
            Subject s = subjects.get(i);
            setDisabled(s, false);
            awaitProbe(s, Probe.ACCEPTED, pollMs, timeoutMs);
            setDisabled(s, true);
            long changed = System.nanoTime();
            String outcome = fullSignIn(s);
            long liveMicros = (System.nanoTime() - changed) / 1000;
            if (outcome.startsWith("REFUSED")) {
                liveRefused++;
                live.recordValue(liveMicros);
            } else {
                notes.add(s.username + ": the first sign-in after the change ended " + outcome);
            }
            setDisabled(s, false);

            Subject t = subjects.get(tries + i);
            setDisabled(t, false);
            awaitProbe(t, Probe.ACCEPTED, pollMs, timeoutMs);
            // a random moment within the import cycle: a try that starts right after the last one was refused
            // (that is, right after an import) would always wait a whole interval
            Thread.sleep(random.nextLong(phaseMs + 1));
            setDisabled(t, true);
            changed = System.nanoTime();
            long refused = awaitProbe(t, Probe.REFUSED, pollMs, timeoutMs);
            gate.recordValue((refused - changed) / 1000);
            setDisabled(t, false);
            System.out.printf(Locale.ROOT, "try %d: %s first sign-in %s in %.0f ms; %s refused at identification after %.0f ms%n",
                    i + 1, s.username, outcome, liveMicros / 1e3, t.username, (refused - changed) / 1e6);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "### Disable-to-refused latency, %d tries%n%n", tries));
        b.append("| measured from the directory's acknowledgement of the change | refused | p50 ms | p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| the first complete sign-in (live status read before SUCCESS) | %d of %d | %s |%n",
                liveRefused, tries, percentiles(live)));
        b.append(String.format(Locale.ROOT, "| a new sign-in at identification, no live read in between (the incremental import's "
                + "event; polled every %d ms) | %d of %d | %s |%n", pollMs, gate.getTotalCount(), tries, percentiles(gate)));
        for (String note : notes) {
            b.append("\n- ").append(note);
        }
        return b.toString();
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "- | - | -";
        }
        return String.format(Locale.ROOT, "%.0f | %.0f | %.0f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    // ------------------------------------------------------------------ setup

    private Subject prepare(String username) throws Exception {
        Subject s = new Subject();
        s.username = username;
        SearchResultEntry entry = ldap.searchForEntry(baseDn, SearchScope.SUB,
                Filter.createEqualityFilter("sAMAccountName", username), "userAccountControl");
        if (entry == null) {
            throw new IllegalStateException("no " + username + " in the directory: seed it (deploy/local/directory/seed.sh)");
        }
        s.dn = entry.getDN();
        setDisabled(s, false);
        String token = setup.adminToken();
        String id = null;
        for (int i = 0; i < 300 && id == null; i++) {
            Http.Answer found = Setup.require(http.get(endpoints.directory() + "/api/v1/users?username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8), token), "find " + username);
            for (JsonNode u : found.body()) {
                if (username.equals(u.path("username").asText())) {
                    id = u.path("userId").asText();
                }
            }
            if (id == null) {
                Thread.sleep(200);
            }
        }
        if (id == null) {
            throw new IllegalStateException(username + " was not imported; is the demo directory configured (deploy/local/up.sh)?");
        }
        s.user.userId = id;
        s.user.username = username;
        String factors = endpoints.factor() + "/api/v1/users/" + id + "/factors";
        Http.Answer listed = http.get(factors, token);
        for (int i = 0; i < 600 && listed.status() == 404; i++) {
            Thread.sleep(100);
            listed = http.get(factors, token);
        }
        Setup.require(listed, "list factors of " + username);
        for (JsonNode f : listed.body()) { // start from known secrets
            String type = f.path("factorType").asText();
            if (TOTP.equals(type) || "question".equals(type)) {
                Setup.require(http.send("DELETE", factors + "/" + f.path("id").asText(), token), "reset " + type);
            }
        }
        s.user.answer = "latency " + username;
        Setup.require(http.post(factors, Map.of("factorType", "question",
                "profile", Map.of("question", "disliked_food", "answer", s.user.answer)), token), "enroll question");
        Http.Answer totp = Setup.require(http.post(factors, Map.of("factorType", TOTP), token), "enroll totp");
        s.user.totpSecret = totp.body().path("_embedded").path("activation").path("sharedSecret").asText();
        long step = Totp.DEFAULT.step(Instant.now());
        Setup.require(http.post(factors + "/" + totp.text("id") + "/lifecycle/activate",
                Map.of("passCode", Totp.DEFAULT.code(Base32.decode(s.user.totpSecret), step)), token), "activate totp");
        s.user.totpStepUsed(step);
        return s;
    }

    private void setDisabled(Subject s, boolean disabled) throws Exception {
        SearchResultEntry entry = ldap.getEntry(s.dn, "userAccountControl");
        long uac = entry.getAttributeValueAsLong("userAccountControl");
        long wanted = disabled ? uac | DISABLED : uac & ~DISABLED;
        if (wanted != uac) {
            ldap.modify(s.dn, new Modification(ModificationType.REPLACE, "userAccountControl", Long.toString(wanted)));
        }
    }

    // ------------------------------------------------------------------ sign-ins

    /** Sign-ins every pollMs until one ends as wanted; the System.nanoTime() at which it did. */
    private long awaitProbe(Subject s, Probe wanted, long pollMs, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (probe(s) == wanted) {
                return System.nanoTime();
            }
            Thread.sleep(pollMs);
        }
        throw new IllegalStateException(s.username + ": no sign-in " + wanted + " within " + timeoutMs + " ms");
    }

    /** Identification and the first factor: ACCEPTED when the question leads on to the next step. */
    private Probe probe(Subject s) throws Exception {
        Http.Answer started = http.post(endpoints.authFlow() + "/api/v1/authn", Map.of("username", s.username), null);
        String question = factor(started, "question");
        if (question == null) {
            return Probe.REFUSED; // an enrolled, enabled user is always offered the question (S4); a decoy may not be
        }
        Http.Answer verified = verify(question, Map.of("stateToken", started.text("stateToken"), "answer", s.user.answer));
        if ("MFA_REQUIRED".equals(verified.text("status"))) {
            http.post(endpoints.authFlow() + "/api/v1/authn/cancel", Map.of("stateToken", started.text("stateToken")), null);
            return Probe.ACCEPTED;
        }
        return Probe.REFUSED;
    }

    /** The whole chain [question, totp]: "SUCCESS", or "REFUSED" with the step and code that refused it. */
    private String fullSignIn(Subject s) throws Exception {
        Http.Answer started = http.post(endpoints.authFlow() + "/api/v1/authn", Map.of("username", s.username), null);
        String question = factor(started, "question");
        if (question == null) {
            return "REFUSED at identification";
        }
        String stateToken = started.text("stateToken");
        Http.Answer first = verify(question, Map.of("stateToken", stateToken, "answer", s.user.answer));
        String totp = factor(first, TOTP);
        if (totp == null) {
            return "REFUSED at the question (" + first.errorCode() + ")";
        }
        String code = s.user.nextTotpCode(Instant.now());
        if (code == null) {
            return "not tried (no unused TOTP step)";
        }
        Http.Answer second = verify(totp, Map.of("stateToken", stateToken, "passCode", code));
        String status = second.text("status");
        return "SUCCESS".equals(status) ? "SUCCESS" : "REFUSED before SUCCESS (" + second.errorCode() + ")";
    }

    private Http.Answer verify(String factorId, Map<String, Object> body) throws Exception {
        return http.post(endpoints.authFlow() + "/api/v1/authn/factors/" + factorId + "/verify", body, null);
    }

    private static String factor(Http.Answer a, String type) {
        if (!a.ok()) {
            return null;
        }
        for (JsonNode f : a.body().path("_embedded").path("factors")) {
            if (type.equals(f.path("factorType").asText())) {
                return f.path("id").asText();
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
