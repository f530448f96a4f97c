package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourUnavailable;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S11 for admins: the simulation and the dry run, with the same evaluator as sign-in. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class PolicySimulationApiTest {

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    PolicySnapshot current;
    UserSnapshot ada;
    UserSnapshot pat;

    @BeforeEach
    void seed() {
        org.mockito.Mockito.when(factors.decoyPassword(org.mockito.ArgumentMatchers.any()))
                .thenReturn(io.smallrye.mutiny.Uni.createFrom().voidItem());
        current = AuthnFixtures.policy();
        policies.offer(current);
        when(factors.activeFactors(anyString())).thenReturn(AuthnFixtures.holding(List.of()));
        ada = seed(AuthnFixtures.newUsername("ada"), UserStatus.ACTIVE);
        pat = seed(AuthnFixtures.newUsername("pat"), UserStatus.ACTIVE, AuthnFixtures.PASSWORD_GROUP);
        when(factors.activeFactors(ada.userId())).thenReturn(AuthnFixtures.holding(List.of(
                AuthnFixtures.factor("sms", Map.of()), AuthnFixtures.factor("push", Map.of()))));
    }

    UserSnapshot seed(String username, UserStatus status, String... groups) {
        UserSnapshot u = AuthnFixtures.user(UUID.randomUUID().toString(), username, 1, status, UserSource.LOCAL, groups);
        users.apply(u).await().atMost(Duration.ofSeconds(5));
        return u;
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void theSimulationNamesTheRuleTheChainsAndEveryRuleThatFired() {
        JsonPath sim = admin().body(Map.of("username", ada.username(), "ip", "192.0.2.10"))
                .post("/api/v1/policies/simulate").then().statusCode(200).extract().jsonPath();
        assertThat(sim.getString("decision")).isEqualTo("ALLOWED");
        assertThat(sim.getString("userId")).isEqualTo(ada.userId());
        assertThat(sim.getString("ruleId")).isEqualTo("chains");
        assertThat(sim.getList("firstOffers")).containsExactlyInAnyOrder("sms", "push");
        assertThat(sim.getString("plan.primary")).isEqualTo("CHAINS");
        assertThat(sim.getList("plan.chains")).hasSize(2);
        assertThat(sim.getList("reasons.rule")).contains("S3", "S4");
        assertThat(sim.getList("reasons.detail")).allSatisfy(d -> assertThat(d).isNotNull());
        assertThat(sim.getLong("snapshotVersion")).isEqualTo(current.version());

        JsonPath password = admin().body(Map.of("userId", pat.userId())).post("/api/v1/policies/simulate")
                .then().statusCode(200).extract().jsonPath();
        assertThat(password.getString("ruleId")).isEqualTo("password");
        assertThat(password.getList("plan.chains")).containsExactly(List.of("password"));
    }

    @Test
    void aRefusedUserIsShownWithTheRefusalAndItsRule() {
        UserSnapshot gone = seed(AuthnFixtures.newUsername("gone"), UserStatus.DISABLED);
        JsonPath sim = admin().body(Map.of("userId", gone.userId())).post("/api/v1/policies/simulate")
                .then().statusCode(200).extract().jsonPath();
        assertThat(sim.getString("decision")).isEqualTo("REFUSED");
        assertThat(sim.getString("refusal")).isEqualTo("USER_DISABLED");
        assertThat(sim.getList("reasons.rule")).contains("S2");
        // a user holding no first factor of any chain cannot sign in (S4)
        UserSnapshot bare = seed(AuthnFixtures.newUsername("bare"), UserStatus.ACTIVE);
        assertThat(admin().body(Map.of("userId", bare.userId())).post("/api/v1/policies/simulate")
                .then().statusCode(200).extract().jsonPath().getString("refusal")).isEqualTo("NO_ENROLLED_FIRST_FACTOR");
    }

    @Test
    void badSimulationInputAnswersProblems() {
        admin().body(Map.of("orgId", "acme")).post("/api/v1/policies/simulate").then().statusCode(400)
                .header("Content-Type", "application/problem+json").body("errors[0].pointer", equalTo("/userId"));
        admin().body(Map.of("userId", ada.userId(), "ip", "not-an-ip")).post("/api/v1/policies/simulate")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/ip"));
        admin().body(Map.of("userId", UUID.randomUUID().toString())).post("/api/v1/policies/simulate")
                .then().statusCode(404).header("Content-Type", "application/problem+json");
        admin().body("{\"userId\": ").post("/api/v1/policies/simulate").then().statusCode(400)
                .header("Content-Type", "application/problem+json").body("status", equalTo(400));
        admin().post("/api/v1/policies/simulate").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("userId", ada.userId())).post("/api/v1/policies/simulate")
                .then().statusCode(401).header("Content-Type", "application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.token("svc", "service")).contentType(ContentType.JSON)
                .body(Map.of("userId", ada.userId())).post("/api/v1/policies/simulate").then().statusCode(403);
        when(factors.activeFactors(ada.userId())).thenReturn(Uni.createFrom().failure(new NeighbourUnavailable("down")));
        admin().body(Map.of("userId", ada.userId())).post("/api/v1/policies/simulate").then().statusCode(503)
                .header("Content-Type", "application/problem+json");
    }

    @Test
    void theDryRunListsWhoLosesSignInOrGainsMfa() {
        // proposed: the chains rule is gone and the password rule requires MFA with sms
        var base = current.signOnPolicies().get(0);
        var passwordRule = base.rules().get(0);
        var stricter = new PolicySnapshot.SignOnRule(passwordRule.id(), passwordRule.name(), passwordRule.priority(),
                passwordRule.conditions(), new PolicySnapshot.RuleActions(PolicySnapshot.Access.ALLOW,
                        PolicySnapshot.PrimaryAuth.PASSWORD, null, true, List.of("sms"), 3600));
        var proposed = new PolicySnapshot(current.version() + 1, current.compiledAt(), current.environmentMfa(),
                current.activeFactorTypes(), List.of(), List.of(), List.of(), List.of(new PolicySnapshot.SignOnPolicy(
                        base.id(), base.name(), base.type(), null, 1, null, List.of(stricter))));
        JsonPath run = admin().body(Map.of("proposed", proposed, "userIds", List.of(ada.userId(), pat.userId(),
                        UUID.randomUUID().toString())))
                .post("/api/v1/policies/dry-run").then().statusCode(200).extract().jsonPath();
        assertThat(run.getInt("scanned")).isEqualTo(2);
        assertThat(run.getString("cursor")).isNull();
        assertThat(run.getList("affected.userId")).containsExactlyInAnyOrder(ada.userId(), pat.userId());
        Map<String, String> impacts = Map.of(run.getString("affected.find { it.userId == '" + ada.userId() + "' }.impact"),
                "ada", run.getString("affected.find { it.userId == '" + pat.userId() + "' }.impact"), "pat");
        assertThat(impacts).containsEntry("LOSES_SIGN_IN", "ada").containsEntry("MFA_ADDED", "pat");
        assertThat(run.getString("affected.find { it.userId == '" + ada.userId() + "' }.proposed.refusal"))
                .isEqualTo("NO_RULE_MATCHED");
        assertThat(run.getInt("counts.LOSES_SIGN_IN")).isEqualTo(1);

        // the whole read model, page by page: a first page looks at users and hands back a cursor or the end
        JsonPath page = admin().body(Map.of("proposed", proposed, "limit", 50)).post("/api/v1/policies/dry-run")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("scanned")).isPositive();
        assertThat(page.getList("affected.impact")).doesNotContain("UNCHANGED");
    }

    @Test
    void badDryRunInputAnswersProblems() {
        admin().body(Map.of("limit", 5)).post("/api/v1/policies/dry-run").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/proposed"));
        admin().body(Map.of("proposed", current, "limit", 0)).post("/api/v1/policies/dry-run").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/limit"));
        admin().body(Map.of("proposed", current, "cursor", "abc")).post("/api/v1/policies/dry-run").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/cursor"));
        admin().body(Map.of("proposed", Map.of("version", 3))).post("/api/v1/policies/dry-run").then().statusCode(400)
                .header("Content-Type", "application/problem+json");
        admin().body(Map.of("proposed", current, "userIds", List.of())).post("/api/v1/policies/dry-run").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/userIds"));
    }
}
