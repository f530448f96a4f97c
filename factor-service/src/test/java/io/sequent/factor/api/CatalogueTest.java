package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The enrollment catalogue, from a policy snapshot published on the real policy topic. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class CatalogueTest {

    /** The test profile's subject (see application.properties): other services' tests publish "environment-test". */
    static final String SUBJECT = "environment-factor-test";
    static final String ENGINEERS = "engineers-" + UUID.randomUUID();
    static final String ORG_B = "org-b-" + UUID.randomUUID();
    static final String ORG_C = "org-c-" + UUID.randomUUID();

    @BeforeAll
    static void publishPolicy() {
        // a version above any earlier run's, since the compacted topic keeps the last snapshot per subject
        long version = System.currentTimeMillis();
        var policies = List.of(
                new EnrollmentPolicy("p-eng", "engineers", 1, List.of(ENGINEERS), List.of(),
                        Map.of("token:software:totp", Enrollment.REQUIRED, "question", Enrollment.OPTIONAL, "sms", Enrollment.NOT_ALLOWED)),
                new EnrollmentPolicy("p-org-b", "org b", 2, List.of(), List.of(ORG_B), Map.of("push", Enrollment.REQUIRED)),
                new EnrollmentPolicy("p-all", "everyone", 3, List.of(), List.of(),
                        Map.of("question", Enrollment.OPTIONAL, "webauthn", Enrollment.OPTIONAL, "call", Enrollment.REQUIRED)));
        var snapshot = new PolicySnapshot(version, Instant.now(), new EnvironmentMfa(MfaMode.OPTIONAL, List.of("push")),
                List.of("password", "token:software:totp", "sms", "question", "webauthn", "push"), null, null, policies, null);
        TopicProbe.publish(CloudEvent.of(EventType.POLICY_CHANGED, "/test", SUBJECT, version, Instant.now(), new PolicyChanged(snapshot)));
    }

    private static String user(List<String> groups, List<String> orgs, String defaultOrg) {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        Fixtures.publishUser(userId, 2, UserSource.LOCAL, UserStatus.ACTIVE, groups, orgs, defaultOrg);
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(2).equals(
                Fixtures.row("select version from factor_user where user_id = ?", UUID.fromString(userId)).get("version")));
        return userId;
    }

    private static List<Map<String, Object>> catalogue(String userId, String query) {
        return admin().get("/api/v1/users/" + userId + "/factors/catalog" + query).then().statusCode(200).extract().path("$");
    }

    @Test
    void listsWhatTheUsersEnrollmentPolicyAllowsWithTheirStatus() {
        String userId = user(List.of(ENGINEERS), List.of(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/v1/users/" + userId + "/factors/catalog")
                .then().extract().statusCode() == 200 && catalogue(userId, "").size() == 2);
        admin().get("/api/v1/users/" + userId + "/factors/catalog").then().statusCode(200)
                .body("[0].factorType", equalTo("token:software:totp"))
                .body("[0].enrollment", equalTo("REQUIRED"))
                .body("[0].status", equalTo("NOT_SETUP"))
                .body("[0].provider", equalTo("GOOGLE"))
                .body("[0]._links.enroll.href", endsWith("/api/v1/users/" + userId + "/factors"))
                .body("[0]._links.enroll.hints.allow[0]", equalTo("POST"))
                .body("[1].factorType", equalTo("question"))
                .body("[1].enrollment", equalTo("OPTIONAL"))
                .body("[1]._links.questions.href", endsWith("/factors/questions"));

        KnowledgeFactorTest.enrollQuestion(userId, "catalogue answer");
        assertThat(catalogue(userId, "")).extracting(e -> e.get("factorType") + "=" + e.get("status"))
                .containsExactly("token:software:totp=NOT_SETUP", "question=ACTIVE");
        // the user themself may read it; another user may not
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.token(userId, "user"))
                .get("/api/v1/users/" + userId + "/factors/catalog").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.token(UUID.randomUUID().toString(), "user"))
                .get("/api/v1/users/" + userId + "/factors/catalog").then().statusCode(403);
    }

    @Test
    void choosesThePolicyByOrgAsASignInDoes() {
        String userId = user(List.of(), List.of(ORG_B, ORG_C), ORG_C);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/v1/users/" + userId + "/factors/catalog")
                .then().extract().statusCode() == 200);
        // default org C: the policy for everyone (call is REQUIRED there but not active in the environment)
        assertThat(catalogue(userId, "")).extracting(e -> e.get("factorType") + "=" + e.get("enrollment"))
                .containsExactly("question=OPTIONAL", "webauthn=OPTIONAL");
        assertThat(catalogue(userId, "?orgId=" + ORG_B)).extracting(e -> e.get("factorType") + "=" + e.get("enrollment"))
                .containsExactly("push=REQUIRED");
        admin().get("/api/v1/users/" + userId + "/factors/catalog?orgId=not-a-member").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        admin().get("/api/v1/users/" + UUID.randomUUID() + "/factors/catalog").then().statusCode(404);
    }
}
