package io.sequent.policy.api;

import static io.sequent.policy.api.ApiTestSupport.activate;
import static io.sequent.policy.api.ApiTestSupport.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.Topics;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000 through the API: factor types, enrollment policy, sign-on policy with factor chains, S5, S11, ordering, audit. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class SignOnPolicyApiTest {

    private static final String SEQUENCE_RULE = """
            {"name": "passwordless", "conditions": {"groupsInclude": ["staff"], "ipCidrs": ["10.0.0.0/8"]},
             "actions": {"access": "ALLOW", "primary": "FACTOR_SEQUENCE", "chains": %s,
                         "mfaRequired": true, "mfaMethods": ["push"], "sessionLifetimeSeconds": 3600}}""";

    @Inject
    Pool pool;

    @BeforeEach
    void clean() {
        ApiTestSupport.resetConfiguration(pool);
    }

    private static String createPolicy(String type, String appId) {
        String app = appId == null ? "" : ", \"appId\": \"" + appId + "\"";
        return admin().body("{\"name\": \"" + ApiTestSupport.unique("policy") + "\", \"type\": \"" + type + "\"" + app
                        + ", \"groups\": [\"staff\"]}")
                .post("/api/v1/policies").then().statusCode(201).extract().path("id");
    }

    private static void requireSmsAndPush() {
        admin().body("""
                {"name": "staff enrollment", "groups": ["staff"],
                 "factors": {"sms": "REQUIRED", "push": "REQUIRED", "question": "OPTIONAL", "call": "NOT_ALLOWED"}}""")
                .post("/api/v1/enrollment-policies").then().statusCode(201).body("priority", equalTo(1));
    }

    @Test
    void factorSequencingRuleIsStoredAndPublishedWithItsChains() {
        activate("sms", "push", "question");
        requireSmsAndPush();
        String policyId = createPolicy("ORG", null);
        try (TopicProbe probe = new TopicProbe(Topics.POLICY_CHANGES)) {
            var response = admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"], [\"push\", \"question\"]]"))
                    .post("/api/v1/policies/" + policyId + "/rules")
                    .then().statusCode(201)
                    .header("ETag", equalTo("\"1\""))
                    .body("priority", equalTo(1))
                    .body("actions.chains[0]", contains("sms", "push"))
                    .body("warnings", nullValue())
                    .extract();
            String ruleId = response.path("id");
            long version = Long.parseLong(response.header(Responses.POLICY_VERSION));

            var row = pool.preparedQuery("select policy_id, actions, conditions from sign_on_rule where id = $1")
                    .execute(Tuple.of(ruleId)).await().indefinitely().iterator().next();
            assertThat(row.getString("policy_id")).isEqualTo(policyId);
            assertThat(row.getString("actions")).contains("\"chains\":[[\"sms\",\"push\"],[\"push\",\"question\"]]");
            assertThat(row.getString("conditions")).contains("10.0.0.0/8");

            CloudEvent<?> event = probe.await(Duration.ofSeconds(20), r -> ApiTestSupport.SUBJECT.equals(r.key())
                    && r.value().contains("\"subjectversion\":" + version + ","));
            PolicySnapshot snapshot = ((PolicyChanged) event.data()).snapshot();
            var rule = snapshot.signOnPolicies().get(0).rules().get(0);
            assertThat(rule.id()).isEqualTo(ruleId);
            assertThat(rule.actions().primary()).isEqualTo(PrimaryAuth.FACTOR_SEQUENCE);
            assertThat(rule.actions().chains()).containsExactly(List.of("sms", "push"), List.of("push", "question"));
            assertThat(rule.conditions().ipCidrs()).containsExactly("10.0.0.0/8");
            assertThat(snapshot.enrollmentPolicies()).singleElement()
                    .satisfies(p -> assertThat(p.factors()).containsEntry("sms", PolicySnapshot.Enrollment.REQUIRED));
        }
    }

    @Test
    void ruleWithoutAFullyRequiredChainIsSavedWithAnS11Warning() {
        activate("sms", "push", "question");
        requireSmsAndPush();
        String policyId = createPolicy("ORG", null);
        admin().body(SEQUENCE_RULE.formatted("[[\"push\", \"question\"]]")).post("/api/v1/policies/" + policyId + "/rules")
                .then().statusCode(201)
                .body("warnings.rule", contains("S11"))
                .body("warnings[0].detail", containsString("staff enrollment"));
    }

    @Test
    void chainsAreRefusedInAppPoliciesAndWhenInvalid() {
        activate("sms", "push");
        String app = createPolicy("APP", "payroll-app");
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"]]")).post("/api/v1/policies/" + app + "/rules")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.pointer", contains("/actions/chains"))
                .body("detail", containsString("S5"));

        String org = createPolicy("ORG", null);
        String rules = "/api/v1/policies/" + org + "/rules";
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"call\"]]")).post(rules)
                .then().statusCode(400).body("errors.pointer", contains("/actions/chains/0/1"))
                .body("detail", containsString("not activated"));
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"carrier-pigeon\"]]")).post(rules)
                .then().statusCode(400).body("errors.pointer", contains("/actions/chains/0/1"))
                .body("detail", containsString("unknown factor type"));
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\", \"sms\"]]")).post(rules)
                .then().statusCode(400).body("errors.pointer", contains("/actions/chains/0/2"));
        activate("question", "email", "token:software:totp", "webauthn");
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\", \"question\", \"email\", \"token:software:totp\", \"webauthn\"]]"))
                .post(rules).then().statusCode(400).body("errors.pointer", contains("/actions/chains/0"))
                .body("detail", containsString("at most 5"));
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"]]").replace("10.0.0.0/8", "10.0.0.0/33")).post(rules)
                .then().statusCode(400).body("errors.pointer", contains("/conditions/ipCidrs/0"));

        // an ORG policy holding chains cannot become an APP policy
        admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"]]")).post(rules).then().statusCode(201);
        admin().body("{\"name\": \"now an app\", \"type\": \"APP\", \"appId\": \"crm\"}").put("/api/v1/policies/" + org)
                .then().statusCode(400).body("detail", containsString("S5"));
        assertThat(pool.preparedQuery("select count(*) from sign_on_rule where policy_id = $1").execute(Tuple.of(org))
                .await().indefinitely().iterator().next().getLong(0)).isEqualTo(1L);
    }

    @Test
    void deactivatingAFactorTypeInUseIsRefusedNamingTheUses() {
        activate("sms", "push");
        String policyId = createPolicy("ORG", null);
        String ruleId = admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"]]"))
                .post("/api/v1/policies/" + policyId + "/rules").then().statusCode(201).extract().path("id");
        admin().body("{\"id\": \"initech\", \"code\": \"INITECH\", \"name\": \"Initech\"}").post("/api/v1/orgs").then().statusCode(201);
        admin().body("{\"enforced\": true, \"methods\": [\"sms\"]}").put("/api/v1/orgs/initech/mfa").then().statusCode(200);

        admin().post("/api/v1/factor-types/sms/lifecycle/deactivate").then().statusCode(409)
                .body("detail", containsString(ruleId))
                .body("detail", containsString("org 'initech' MFA methods"));
        admin().get("/api/v1/factor-types/sms").then().statusCode(200).body("status", equalTo("ACTIVE"));

        admin().delete("/api/v1/policies/" + policyId + "/rules/" + ruleId).then().statusCode(204);
        admin().body("{\"enforced\": true}").put("/api/v1/orgs/initech/mfa").then().statusCode(200);
        admin().post("/api/v1/factor-types/sms/lifecycle/deactivate").then().statusCode(200).body("status", equalTo("INACTIVE"));
        admin().get("/api/v1/policy-snapshot").then().statusCode(200).body("activeFactorTypes", contains("password", "push"));
    }

    @Test
    void rulesAndPoliciesAreReorderedAsAnOperationOfTheirOwn() {
        String first = createPolicy("ORG", null);
        String second = createPolicy("ORG", null);
        String rules = "/api/v1/policies/" + first + "/rules";
        String allow = "{\"name\": \"%s\", \"actions\": {\"access\": \"%s\"}}";
        String a = admin().body(allow.formatted("a", "ALLOW")).post(rules).then().statusCode(201).extract().path("id");
        String b = admin().body(allow.formatted("b", "DENY")).post(rules).then().statusCode(201).extract().path("id");
        String c = admin().body(allow.formatted("c", "ALLOW").replace("}}", "}, \"priority\": 1}")).post(rules)
                .then().statusCode(201).body("priority", equalTo(1)).extract().path("id");
        admin().get(rules).then().statusCode(200).body("id", contains(c, a, b)).body("priority", contains(1, 2, 3));

        admin().body("{\"ids\": [\"" + b + "\", \"" + a + "\", \"" + c + "\"]}").put(rules + "/order")
                .then().statusCode(200).body("id", contains(b, a, c));
        admin().body("{\"ids\": [\"" + b + "\", \"" + a + "\"]}").put(rules + "/order")
                .then().statusCode(400).body("detail", containsString("missing"));
        admin().body("{\"ids\": [\"" + second + "\", \"" + first + "\"]}").put("/api/v1/policies/order")
                .then().statusCode(200).body("id", contains(second, first));

        PolicySnapshot snapshot = admin().get("/api/v1/policy-snapshot").then().statusCode(200).extract().as(PolicySnapshot.class);
        assertThat(snapshot.signOnPolicies()).extracting(PolicySnapshot.SignOnPolicy::id).containsExactly(second, first);
        assertThat(snapshot.signOnPolicies().get(1).rules()).extracting(PolicySnapshot.SignOnRule::id).containsExactly(b, a, c);

        // deleting a policy deletes its rules and closes the gap in the order
        admin().delete("/api/v1/policies/" + second).then().statusCode(204);
        admin().get("/api/v1/policies/" + first).then().statusCode(200).body("priority", equalTo(1))
                .body("rules.id", contains(b, a, c));
        admin().delete("/api/v1/policies/" + first).then().statusCode(204);
        assertThat(pool.preparedQuery("select count(*) from sign_on_rule where policy_id = $1").execute(Tuple.of(first))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
        admin().get("/api/v1/policies/" + first).then().statusCode(404);
        // the earlier snapshot is still readable by its version
        admin().get("/api/v1/policy-snapshots/" + snapshot.version()).then().statusCode(200)
                .body("signOnPolicies.id", contains(second, first));
        admin().get("/api/v1/policy-snapshots/999999999").then().statusCode(404);
    }

    @Test
    void weakeningAnEnrollmentPolicyWarnsAboutTheRulesItUncovers() {
        activate("sms", "push");
        admin().body("{\"name\": \"everyone\", \"factors\": {\"sms\": \"REQUIRED\", \"push\": \"REQUIRED\"}}")
                .post("/api/v1/enrollment-policies").then().statusCode(201).body("warnings", nullValue());
        String enrollmentId = admin().get("/api/v1/enrollment-policies").then().statusCode(200).extract().path("[0].id");
        String policyId = createPolicy("ORG", null);
        String ruleId = admin().body(SEQUENCE_RULE.formatted("[[\"sms\", \"push\"]]")).post("/api/v1/policies/" + policyId + "/rules")
                .then().statusCode(201).body("warnings", nullValue()).extract().path("id");
        admin().body("{\"name\": \"everyone\", \"factors\": {\"sms\": \"REQUIRED\", \"push\": \"OPTIONAL\"}}")
                .put("/api/v1/enrollment-policies/" + enrollmentId).then().statusCode(200)
                .body("factors.push", equalTo("OPTIONAL"))
                .body("warnings.rule", contains("S11"))
                .body("warnings[0].detail", containsString(ruleId));
    }

    @Test
    void everyChangeIsAuditedWithWhoAndBeforeAndAfter() {
        String policyId = createPolicy("ORG", null);
        String rules = "/api/v1/policies/" + policyId + "/rules";
        String ruleId = admin().body("{\"name\": \"deny\", \"actions\": {\"access\": \"DENY\"}}").post(rules)
                .then().statusCode(201).extract().path("id");
        String etag = admin().get(rules + "/" + ruleId).then().statusCode(200).extract().header("ETag");
        admin().header("If-Match", etag).body("{\"name\": \"deny all\", \"actions\": {\"access\": \"DENY\"}}")
                .put(rules + "/" + ruleId).then().statusCode(200).header("ETag", equalTo("\"2\""));
        admin().header("If-Match", etag).body("{\"name\": \"again\", \"actions\": {\"access\": \"DENY\"}}")
                .put(rules + "/" + ruleId).then().statusCode(412);

        admin().get("/api/v1/audit?targetType=rule&targetId=" + ruleId).then().statusCode(200)
                .body("action", contains("rule.update", "rule.create"))
                .body("actor", hasItem("admin@sequent.test"))
                .body("[0].before.name", equalTo("deny"))
                .body("[0].after.name", equalTo("deny all"))
                .body("[1].before", nullValue());
    }
}
