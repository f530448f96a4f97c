package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000 (Okta factor sequencing) across the four services: policy-service holds the chains,
 * auth-flow runs them from its snapshot, factor-service checks each factor (sms codes read back from
 * the outbound notification topic, push answered by a signed device with number matching).
 */
@DisplayName("Seed 000: factor sequencing")
class FactorSequencingIT {

    /** The seed's example: "SMS and Okta Verify" and "Okta Verify and Security Questions". */
    static final String SEED_CHAINS = "[[\"sms\", \"push\"], [\"push\", \"question\"]]";
    static final String ANSWER = "Elite on a BBC Micro";

    @BeforeAll
    static void startSuite() {
        Suite.get();
    }

    @BeforeEach
    void seedChains() {
        Policies.reset();
        Policies.factorSequence(SEED_CHAINS);
        Policies.sync();
    }

    /** A local user holding the factors asked for. */
    record Person(String username, String userId, String smsId, PushDevice device, String questionId) {
        static Person enrolled(boolean sms, boolean push, boolean question) {
            String username = Users.unique("seq");
            String id = Users.local(username, null);
            return new Person(username, id, sms ? Factors.sms(id, "+15555550100") : null,
                    push ? PushDevice.enroll(id, "e2e phone") : null, question ? Factors.question(id, ANSWER) : null);
        }
    }

    @Test
    @DisplayName("[sms, push]: \"sign in ... by authenticating with a series of configured MFA factors in place of a standard password\" (S4)")
    void smsThenPushSignsInWithoutAPassword() {
        Person ann = Person.enrolled(true, true, true);

        SignIn signIn = SignIn.passwordless(ann.username());
        // the first step offers the first factor of every chain the user holds, and nothing about the user yet
        assertThat(signIn.status()).isEqualTo("UNAUTHENTICATED");
        assertThat(signIn.offeredTypes()).containsExactlyInAnyOrder("sms", "push");
        assertThat(signIn.last().getMap("_embedded.user")).isNull();
        // no step can be skipped: the question is a second step only
        signIn.verifyRaw(ann.questionId(), Map.of("answer", ANSWER)).then().statusCode(403)
                .body("errorCode", equalTo("E0000079"));

        signIn.sms();
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.offeredTypes()).containsExactly("push");
        assertThat(signIn.last().getString("_embedded.user.profile.login")).isEqualTo(ann.username());

        signIn.push(ann.device());
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("S4 offers what the user holds now: a factor reset or added through factor-service's admin API reaches "
            + "auth-flow by its factor.* event, and a reset factor is refused even while it is still offered")
    void factorChangesReachSignInThroughTheirEvents() {
        Person bea = Person.enrolled(true, true, false);
        assertThat(SignIn.passwordless(bea.username()).offeredTypes()).containsExactlyInAnyOrder("sms", "push");

        // the admin resets the sms factor: verified by factor-service, refused, whatever auth-flow still offers
        SignIn begun = SignIn.passwordless(bea.username());
        Factors.admin().delete("/api/v1/users/" + bea.userId() + "/factors/" + bea.smsId()).then().statusCode(204);
        begun.verifyRaw(bea.smsId(), Map.of()).then().statusCode(404).body("errorCode", equalTo("E0000007"));
        long reset = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> !String.valueOf(Redis.hget(Suite.REDIS_DB, "sequent:authflow:user:" + bea.userId(), "factors"))
                        .contains(bea.smsId()));
        long lagMillis = (System.nanoTime() - reset) / 1_000_000;
        System.out.printf("factor reset to auth-flow's read model: %d ms%n", lagMillis);
        assertThat(SignIn.passwordless(bea.username()).offeredTypes()).containsExactly("push");

        // a question added: it is a second factor only ([push, question]), so it shows after push
        String questionId = Factors.question(bea.userId(), ANSWER);
        SignIn again = SignIn.passwordless(bea.username());
        assertThat(again.offeredTypes()).containsExactly("push");
        again.push(bea.device());
        assertThat(again.offeredIds()).containsExactly(questionId);
    }

    @Test
    @DisplayName("Tokens exchanged for a sign-in's sessionToken are validated by another service through quarkus-oidc (S13)")
    void tokensFromASignInAreTrustedByPolicyServiceAccordingToTheUsersRoles() {
        String org = "e2e-tokens-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Policies.org(org);
        String adminName = Users.unique("ada");
        String adminId = Users.local(adminName, org, "admin");
        String staffName = Users.unique("sid");
        String staffId = Users.local(staffName, org, "staff");
        for (var user : java.util.List.of(java.util.List.of(adminName, adminId, "200"), java.util.List.of(staffName, staffId, "403"))) {
            PushDevice device = PushDevice.enroll(user.get(1), "e2e phone");
            Factors.question(user.get(1), ANSWER);
            String sessionToken = SignIn.passwordless(user.get(0)).push(device).question(ANSWER).sessionToken();
            String accessToken = SignIn.accessToken(sessionToken);
            // policy-service knows nothing of the sign-in: it checks the JWT against auth-flow's published keys
            io.restassured.RestAssured.given().baseUri(Suite.Service.POLICY.url()).auth().oauth2(accessToken)
                    .get("/api/v1/orgs/" + org).then().statusCode(Integer.parseInt(user.get(2)));
        }
        // the same token with one character changed is not a token
        io.restassured.RestAssured.given().baseUri(Suite.Service.POLICY.url()).auth().oauth2("x" + Suite.adminToken().substring(1))
                .get("/api/v1/orgs/" + org).then().statusCode(401);
    }

    @Test
    @DisplayName("[push, question] with the push approved on the command-line device (tools/SequentVerify.java), number matching")
    void aPushIsApprovedFromTheCommandLineDevice(@TempDir Path dir) {
        String username = Users.unique("cli");
        String id = Users.local(username, null);
        CliDevice device = CliDevice.enroll(id, dir);
        Factors.question(id, ANSWER);

        SignIn signIn = SignIn.passwordless(username);
        assertThat(signIn.offeredTypes()).containsExactly("push");
        signIn.push(device.factorId, device::approve);
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.question(ANSWER).sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("\"a sign-in through an IdP connection is not prompted for chain factors\": the IdP did primary authentication (S5)")
    void aSignInThroughAnIdpConnectionIsNotPromptedForChainFactors() {
        try (var idp = io.sequent.testing.TestIdentityProvider.start()) {
            String connection = Policies.idpConnection(idp, "sequent-e2e");
            Policies.sync();
            Person cat = Person.enrolled(true, true, true);

            SignIn signIn = SignIn.federated(connection, idp.assertion("sequent-e2e", cat.username()));
            // no chain factor offered on the way: straight to SUCCESS (no MFA asked for in this environment)
            assertThat(signIn.last().getList("_embedded.factors")).isNull();
            assertThat(signIn.last().getString("_embedded.user.profile.login")).isEqualTo(cat.username());
            assertThat(signIn.sessionToken()).isNotBlank();

            // the username flow of the same user still runs the chains
            assertThat(SignIn.passwordless(cat.username()).offeredTypes()).containsExactlyInAnyOrder("sms", "push");
        }
    }

    @Test
    @DisplayName("[push, question]: the second chain, with a wrong answer refused on the way (S4, E0000068)")
    void pushThenQuestionSignsInWithoutAPassword() {
        Person bea = Person.enrolled(false, true, true);

        SignIn signIn = SignIn.passwordless(bea.username());
        assertThat(signIn.offeredTypes()).containsExactly("push");
        signIn.push(bea.device());
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.offeredTypes()).containsExactly("question");

        signIn.verifyRaw(bea.questionId(), Map.of("answer", "Pong")).then().statusCode(403)
                .body("errorCode", equalTo("E0000068"));
        signIn.question(ANSWER);
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("\"The end user can also select other factors in the sequence\": switching chain at the second step (S4)")
    void theUserSwitchesChainAtTheSecondStep() {
        Policies.reset();
        Policies.factorSequence("[[\"push\", \"sms\"], [\"push\", \"question\"]]");
        Policies.sync();
        Person cat = Person.enrolled(true, true, true);

        SignIn signIn = SignIn.passwordless(cat.username());
        signIn.push(cat.device());
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.offeredTypes()).containsExactlyInAnyOrder("sms", "question");

        // the user starts the sms chain (a code is sent), goes back, and takes the question chain instead
        JsonPath challenged = signIn.verifyRaw(cat.smsId(), Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(challenged.getString("status")).isEqualTo("MFA_CHALLENGE");
        JsonPath back = SignIn.authn().body(Map.of("stateToken", signIn.stateToken())).post("/api/v1/authn/previous")
                .then().statusCode(200).extract().jsonPath();
        assertThat(back.getString("status")).isEqualTo("MFA_REQUIRED");
        assertThat(back.getList("_embedded.factors.factorType")).containsExactlyInAnyOrder("sms", "question");

        signIn.question(ANSWER);
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("\"must be enrolled in the first factor ... of at least one factor chain\", and looks like an unknown user (S4, S1)")
    void aUserEnrolledInNoFirstFactorCannotSignInAndLooksUnknown() {
        Person dan = Person.enrolled(false, false, true); // only the question, which starts no chain
        Person eve = Person.enrolled(true, true, false);

        try (Audit audit = new Audit()) {
            SignIn unenrolled = SignIn.passwordless(dan.username());
            assertThat(audit.refusal(dan.userId()).reason()).isEqualTo("NO_ENROLLED_FIRST_FACTOR");

            SignIn unknown = SignIn.passwordless(Users.unique("nobody"));
            SignIn real = SignIn.passwordless(eve.username());
            for (SignIn outside : new SignIn[] {unenrolled, unknown}) {
                // the same answer as for a user who can sign in: status, shape, and offered types that are a
                // non-empty part of the chains' first factors, as a real user's are (which ones: by a keyed digest
                // of the username, so no list proves that a username exists)
                assertThat(outside.status()).isEqualTo(real.status());
                assertThat(outside.offeredTypes()).isNotEmpty().isSubsetOf(real.offeredTypes());
                assertThat(keys(outside.last())).isEqualTo(keys(real.last()));
                assertThat(outside.last().getMap("_embedded").keySet()).isEqualTo(real.last().getMap("_embedded").keySet());
            }
            // the one factor dan holds is not part of this transaction: no way in
            unenrolled.verifyRaw(dan.questionId(), Map.of("answer", ANSWER)).then().statusCode(404)
                    .body("errorCode", equalTo("E0000007"));
        }
    }

    @Test
    @DisplayName("\"Factor Sequencing chains can't be specified for application sign-on policies\" (S5)")
    void aChainInAnAppSignOnPolicyIsRefusedWhenSaved() {
        String rule = """
                {"name": "passwordless payroll", "actions": {"access": "ALLOW", "primary": "FACTOR_SEQUENCE",
                 "chains": [["sms", "push"]]}}""";
        String app = Policies.signOnPolicy("APP", "payroll");
        Policies.rule(app, rule).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.pointer", hasItem("/actions/chains"))
                .body("detail", containsString("S5"));
        Policies.admin().get("/api/v1/policies/" + app + "/rules").then().statusCode(200).body("size()", equalTo(0));
        // the same rule in an org sign-on policy is saved
        Policies.rule(Policies.signOnPolicy("ORG", null), rule).then().statusCode(201);
    }

    private static Set<String> keys(JsonPath body) {
        return body.getMap("$").keySet().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet());
    }
}
