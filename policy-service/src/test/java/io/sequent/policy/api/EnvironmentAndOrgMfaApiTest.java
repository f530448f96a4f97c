package io.sequent.policy.api;

import static io.sequent.policy.api.ApiTestSupport.activate;
import static io.sequent.policy.api.ApiTestSupport.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.Topics;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 001 through the API: environment MFA, org MFA with exemptions, S10, and the snapshot on the topic. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class EnvironmentAndOrgMfaApiTest {

    @Inject
    Pool pool;

    @BeforeEach
    void clean() {
        ApiTestSupport.resetConfiguration(pool);
    }

    @Test
    void environmentMfaChangeIsStoredAndPublishedAsANewSnapshotVersion() {
        activate("sms", "push");
        long before = currentSnapshotVersion();
        try (TopicProbe probe = new TopicProbe(Topics.POLICY_CHANGES)) {
            String etag = admin().get("/api/v1/environment/mfa").then().statusCode(200).extract().header("ETag");
            String version = admin().header("If-Match", etag)
                    .body("{\"mode\": \"OPTIONAL\", \"methods\": [\"push\", \"sms\"]}")
                    .put("/api/v1/environment/mfa")
                    .then().statusCode(200)
                    .body("mode", equalTo("OPTIONAL"))
                    .body("methods", contains("push", "sms"))
                    .extract().header(Responses.POLICY_VERSION);
            long snapshotVersion = Long.parseLong(version);
            assertThat(snapshotVersion).isGreaterThan(before);

            var row = pool.preparedQuery("select env_mfa_mode, env_mfa_methods, snapshot_version from policy_state")
                    .execute().await().indefinitely().iterator().next();
            assertThat(row.getString("env_mfa_mode")).isEqualTo("OPTIONAL");
            assertThat(row.getString("env_mfa_methods")).isEqualTo("[\"push\",\"sms\"]");
            assertThat(row.getLong("snapshot_version")).isEqualTo(snapshotVersion);

            CloudEvent<?> event = probe.await(Duration.ofSeconds(20), r -> ApiTestSupport.SUBJECT.equals(r.key())
                    && r.value().contains("\"subjectversion\":" + snapshotVersion + ","));
            assertThat(event.type()).isEqualTo(EventType.POLICY_CHANGED.typeName());
            PolicySnapshot snapshot = ((PolicyChanged) event.data()).snapshot();
            assertThat(snapshot.version()).isEqualTo(snapshotVersion);
            assertThat(snapshot.environmentMfa().mode()).isEqualTo(MfaMode.OPTIONAL);
            assertThat(snapshot.environmentMfa().methods()).containsExactly("push", "sms");
            assertThat(snapshot.activeFactorTypes()).containsExactly("password", "push", "sms");

            admin().get("/api/v1/policy-snapshot").then().statusCode(200)
                    .body("version", equalTo((int) snapshotVersion))
                    .body("environmentMfa.mode", equalTo("OPTIONAL"));
        }
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        String etag = admin().get("/api/v1/environment/mfa").then().extract().header("ETag");
        admin().header("If-Match", etag).body("{\"mode\": \"NO\"}").put("/api/v1/environment/mfa").then().statusCode(200);
        admin().header("If-Match", etag).body("{\"mode\": \"NO\", \"methods\": []}").put("/api/v1/environment/mfa")
                .then().statusCode(412).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(412));
    }

    @Test
    void orgMfaWithExemptRolesAndConnectionsFollowsTheSeed() {
        activate("sms", "push", "token:software:totp");
        admin().body("{\"id\": \"acme\", \"code\": \"ACME\", \"name\": \"Acme Corp\"}").post("/api/v1/orgs")
                .then().statusCode(201).header("ETag", equalTo("\"1\"")).body("mfa.enforced", equalTo(false))
                .body("mfa.methods", nullValue());
        admin().body("""
                {"id": "okta", "name": "Okta workforce", "kind": "OIDC", "orgId": "acme",
                 "issuer": "https://acme.okta.example", "jwksUrl": "https://acme.okta.example/keys", "audience": "sequent"}""")
                .post("/api/v1/connections").then().statusCode(201);

        // switch on MFA for the org with its own methods
        admin().body("{\"enforced\": true, \"methods\": [\"token:software:totp\", \"push\"]}").put("/api/v1/orgs/acme/mfa")
                .then().statusCode(200).body("enforced", equalTo(true)).body("methods", contains("token:software:totp", "push"));
        // add exempt roles and an exempt connection, one at a time, then remove one
        admin().put("/api/v1/orgs/acme/mfa/exempt-roles/viewer").then().statusCode(200).body("exemptRoles", contains("viewer"));
        admin().put("/api/v1/orgs/acme/mfa/exempt-roles/auditor").then().statusCode(200)
                .body("exemptRoles", contains("viewer", "auditor"));
        admin().delete("/api/v1/orgs/acme/mfa/exempt-roles/viewer").then().statusCode(200).body("exemptRoles", contains("auditor"));
        admin().delete("/api/v1/orgs/acme/mfa/exempt-roles/nobody").then().statusCode(404);
        admin().put("/api/v1/orgs/acme/mfa/exempt-connections/okta").then().statusCode(200)
                .body("exemptConnections", contains("okta"));
        admin().put("/api/v1/orgs/acme/mfa/exempt-connections/missing").then().statusCode(400)
                .body("errors.pointer", hasItem("/exemptConnections/1"));

        var row = pool.preparedQuery("select mfa_enforced, mfa_methods, mfa_exempt_roles, mfa_exempt_connections, "
                + "mfa_in_use_since from org where id = $1").execute(Tuple.of("acme")).await().indefinitely().iterator().next();
        assertThat(row.getBoolean("mfa_enforced")).isTrue();
        assertThat(row.getString("mfa_methods")).isEqualTo("[\"token:software:totp\",\"push\"]");
        assertThat(row.getString("mfa_exempt_roles")).isEqualTo("[\"auditor\"]");
        assertThat(row.getString("mfa_exempt_connections")).isEqualTo("[\"okta\"]");
        assertThat(row.getOffsetDateTime("mfa_in_use_since")).isNotNull();

        PolicySnapshot snapshot = admin().get("/api/v1/policy-snapshot").then().statusCode(200).extract().as(PolicySnapshot.class);
        var acme = snapshot.orgs().stream().filter(o -> o.orgId().equals("acme")).findFirst().orElseThrow();
        assertThat(acme.mfa().enforced()).isTrue();
        assertThat(acme.mfa().exemptRoles()).containsExactly("auditor");
        assertThat(acme.mfa().exemptConnections()).containsExactly("okta");
        assertThat(snapshot.connections()).singleElement().satisfies(c -> {
            assertThat(c.issuer()).isEqualTo("https://acme.okta.example");
            assertThat(c.audience()).isEqualTo("sequent");
        });

        // a connection cannot be deleted while exempt, nor an org that a connection serves
        admin().delete("/api/v1/connections/okta").then().statusCode(409).body("detail", containsString("acme"));
        admin().delete("/api/v1/orgs/acme").then().statusCode(409).body("detail", containsString("okta"));
        admin().delete("/api/v1/orgs/acme/mfa/exempt-connections/okta").then().statusCode(200)
                .body("exemptConnections", empty());
        admin().delete("/api/v1/connections/okta").then().statusCode(204);
        admin().get("/api/v1/connections/okta").then().statusCode(404);
        admin().delete("/api/v1/orgs/acme").then().statusCode(204);
        admin().get("/api/v1/orgs/acme").then().statusCode(404);
        admin().get("/api/v1/policy-snapshot").then().statusCode(200).body("orgs", empty());
    }

    @Test
    void switchingOrgMfaOffIsRefusedWhileTheEnvironmentIsYesAndWarnsOtherwise() {
        activate("sms");
        admin().body("{\"id\": \"globex\", \"code\": \"GLOBEX\", \"name\": \"Globex\"}").post("/api/v1/orgs").then().statusCode(201);
        admin().body("{\"enforced\": true}").put("/api/v1/orgs/globex/mfa").then().statusCode(200);
        admin().body("{\"mode\": \"YES\", \"methods\": [\"sms\"]}").put("/api/v1/environment/mfa").then().statusCode(200);

        admin().body("{\"enforced\": false}").put("/api/v1/orgs/globex/mfa")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("environment MFA mode is YES"))
                .body("detail", containsString("/api/v1/environment/mfa"));
        // exemptions are still allowed under YES
        admin().put("/api/v1/orgs/globex/mfa/exempt-roles/viewer").then().statusCode(200);

        admin().body("{\"mode\": \"OPTIONAL\", \"methods\": [\"sms\"]}").put("/api/v1/environment/mfa").then().statusCode(200);
        admin().body("{\"enforced\": false, \"exemptRoles\": [\"viewer\"]}").put("/api/v1/orgs/globex/mfa")
                .then().statusCode(200).body("enforced", equalTo(false))
                .body("warnings.rule", hasItem("S10"));
        admin().get("/api/v1/orgs/globex/mfa").then().statusCode(200)
                .body("enforced", equalTo(false)).body("warnings", nullValue());
    }

    @Test
    void usageReportCountsOrgsUsingOrgMfaAgainstTheQuota() {
        for (int i = 1; i <= 7; i++) {
            String id = "org" + i;
            admin().body("{\"id\": \"" + id + "\", \"code\": \"C" + i + "\", \"name\": \"Org " + i + "\"}").post("/api/v1/orgs")
                    .then().statusCode(201);
            if (i <= 6) {
                admin().body("{\"enforced\": true}").put("/api/v1/orgs/" + id + "/mfa").then().statusCode(200);
            }
        }
        admin().get("/api/v1/usage").then().statusCode(200)
                .body("freeQuota", equalTo(5))
                .body("orgsUsingOrgMfa", equalTo(6))
                .body("billable", equalTo(1))
                .body("orgs.findAll { it.billable }.orgId", contains("org6"));
        admin().body("{\"enforced\": false}").put("/api/v1/orgs/org1/mfa").then().statusCode(200);
        admin().get("/api/v1/usage").then().statusCode(200).body("orgsUsingOrgMfa", equalTo(5))
                .body("billable", equalTo(0)).body("orgs.findAll { it.billable }", empty());
    }

    private long currentSnapshotVersion() {
        return pool.query("select snapshot_version from policy_state").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
