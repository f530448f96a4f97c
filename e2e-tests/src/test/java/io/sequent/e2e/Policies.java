package io.sequent.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * policy-service's admin API as the scenarios use it, and the wait until auth-flow holds the snapshot
 * a change produced. The environment is one per suite, so every scenario starts with {@link #reset()}.
 */
final class Policies {

    static final String VERSION_HEADER = "Sequent-Policy-Version";
    private static final Pattern IN_FORCE = Pattern.compile("policy snapshot v(\\d+) in force");
    private static long latest;

    private Policies() {
    }

    static RequestSpecification admin() {
        return given().baseUri(Suite.Service.POLICY.url()).auth().oauth2(Suite.adminToken()).contentType(ContentType.JSON);
    }

    /** Remembers the snapshot version a write produced, so {@link #sync()} can wait for it. */
    static Response written(Response response) {
        String version = response.header(VERSION_HEADER);
        if (version != null) {
            synchronized (Policies.class) {
                latest = Math.max(latest, Long.parseLong(version));
            }
        }
        return response;
    }

    /**
     * Back to a known environment: MFA NO, no sign-on or enrollment policy, the factor types the
     * scenarios use activated. Orgs stay (every scenario makes its own).
     */
    static void reset() {
        written(admin().body("{\"mode\": \"NO\"}").put("/api/v1/environment/mfa").then().statusCode(200).extract().response());
        List<String> policies = admin().get("/api/v1/policies").then().statusCode(200).extract().path("id");
        policies.forEach(id -> written(admin().delete("/api/v1/policies/" + id).then().statusCode(204).extract().response()));
        List<String> enrollment = admin().get("/api/v1/enrollment-policies").then().statusCode(200).extract().path("id");
        enrollment.forEach(id -> written(admin().delete("/api/v1/enrollment-policies/" + id)
                .then().statusCode(204).extract().response()));
        for (String type : List.of("sms", "push", "question", "token:software:totp")) {
            written(admin().post("/api/v1/factor-types/" + type + "/lifecycle/activate").then().statusCode(200)
                    .extract().response());
        }
    }

    static void environment(String mode, String... methods) {
        String list = methods.length == 0 ? "null" : "[\"" + String.join("\", \"", methods) + "\"]";
        written(admin().body("{\"mode\": \"" + mode + "\", \"methods\": " + list + "}").put("/api/v1/environment/mfa")
                .then().statusCode(200).extract().response());
    }

    static void org(String id) {
        written(admin().body("{\"id\": \"" + id + "\", \"code\": \"" + id + "\", \"name\": \"Org " + id + "\"}")
                .post("/api/v1/orgs").then().statusCode(201).extract().response());
    }

    /**
     * An enterprise connection of kind IDP whose assertions are checked against {@code idp}'s issuer and
     * JWKS and carry {@code audience}; its id.
     */
    static String idpConnection(io.sequent.testing.TestIdentityProvider idp, String audience) {
        String id = "e2e-idp-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        written(admin().body(java.util.Map.of("id", id, "name", "IdP " + id, "kind", "IDP", "issuer", idp.issuer(),
                        "jwksUrl", idp.jwksUrl(), "audience", audience))
                .post("/api/v1/connections").then().statusCode(201).extract().response());
        return id;
    }

    /** PUT /orgs/{id}/mfa with {@code body}; the response, whatever its status. */
    static Response orgMfa(String orgId, String body) {
        return written(admin().body(body).put("/api/v1/orgs/" + orgId + "/mfa").then().extract().response());
    }

    /** A sign-on policy ({@code ORG}, or {@code APP} for {@code appId}) for everyone; its id. */
    static String signOnPolicy(String type, String appId) {
        String app = appId == null ? "" : ", \"appId\": \"" + appId + "\"";
        return written(admin().body("{\"name\": \"e2e " + type + " " + System.nanoTime() + "\", \"type\": \"" + type + "\"" + app + "}")
                .post("/api/v1/policies").then().statusCode(201).extract().response()).path("id");
    }

    /** POST a rule to the policy; the response, whatever its status. */
    static Response rule(String policyId, String body) {
        return written(admin().body(body).post("/api/v1/policies/" + policyId + "/rules").then().extract().response());
    }

    /** An ORG policy whose one rule signs everyone in with these factor chains (seed 000), MFA not asked for by the rule. */
    static void factorSequence(String chainsJson) {
        String policy = signOnPolicy("ORG", null);
        rule(policy, """
                {"name": "factor sequencing", "actions": {"access": "ALLOW", "primary": "FACTOR_SEQUENCE",
                 "chains": %s}}""".formatted(chainsJson)).then().statusCode(201);
    }

    /** An ORG policy whose one rule signs everyone in with the password (MFA then comes from S7/S8). */
    static void passwordSignIn() {
        String policy = signOnPolicy("ORG", null);
        rule(policy, "{\"name\": \"password\", \"actions\": {\"access\": \"ALLOW\", \"primary\": \"PASSWORD\"}}")
                .then().statusCode(201);
    }

    /**
     * Waits until auth-flow has put in force the latest snapshot this suite produced. auth-flow logs
     * each snapshot it takes; its log is the only outside view of its in-memory copy.
     */
    static void sync() {
        long wanted;
        synchronized (Policies.class) {
            wanted = latest;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = inForce();
            if (seen >= wanted) {
                return;
            }
            Suite.sleep(100);
        }
        throw new AssertionError("auth-flow still holds policy snapshot v" + seen + ", not v" + wanted);
    }

    private static long inForce() {
        try {
            long max = 0;
            Matcher m = IN_FORCE.matcher(Files.readString(Suite.log(Suite.Service.AUTH_FLOW)));
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
