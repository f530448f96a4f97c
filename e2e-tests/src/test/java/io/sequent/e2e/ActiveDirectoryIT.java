package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.sequent.events.SessionRevoked;
import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's "Factor Sequencing and Active Directory" against the real sample directory: users of a
 * scenario's own OU imported by directory-sync, changed with {@code deploy/local/directory/user.sh},
 * and signed in through auth-flow. The seed's window ("a user disabled in AD could sign in ... until
 * the next import") is shown, then closed by imports every second, a manual import and the live
 * status read (S2).
 */
@DisplayName("Seed 000: factor sequencing and Active Directory")
class ActiveDirectoryIT {

    static final String ANSWER = "Manic Miner";

    @BeforeAll
    static void startSuite() {
        Suite.get();
    }

    @BeforeEach
    void reset() {
        Policies.reset();
    }

    /** An imported AD user holding a push device, a question and (checked by an LDAP bind) the password. */
    record AdUser(String sam, String userId, PushDevice device, String questionId, String passwordId) {
    }

    private static AdUser imported(AdDirectory ad, String name) {
        String sam = ad.addUser(name);
        ad.connect();
        String id = ad.importedUserId(sam);
        return new AdUser(sam, id, PushDevice.enroll(id, "e2e phone"), Factors.question(id, ANSWER), Factors.password(id, null));
    }

    private static void chains(String json) {
        Policies.factorSequence(json);
        Policies.sync();
    }

    /** Signs in with [push, question]; the answer after the question. */
    private static SignIn pushThenQuestion(AdUser user) {
        SignIn signIn = SignIn.passwordless(user.sam());
        signIn.push(user.device());
        return signIn;
    }

    /** A passwordless sign-in refused at its first step: a decoy (S1), the reason only in the audit event. */
    private static void assertRefusedPasswordless(AdUser user, String reason) {
        try (Audit audit = new Audit()) {
            SignIn signIn = SignIn.passwordless(user.sam());
            assertThat(signIn.status()).isEqualTo("UNAUTHENTICATED");
            assertThat(signIn.offeredIds()).doesNotContain(user.device().factorId); // the user's real factors are not in play
            assertThat(audit.refusal(user.userId()).reason()).isEqualTo(reason);
        }
    }

    @Test
    @DisplayName("A password inside a chain is checked by a bind to AD: \"delegates authentication to Active Directory\" (S6)")
    void aPasswordInsideAChainIsCheckedByTheDirectoryBind() {
        chains("[[\"push\", \"password\"]]");
        try (AdDirectory ad = new AdDirectory(false, true)) {
            AdUser ivo = imported(ad, "ivo");

            SignIn signIn = SignIn.passwordless(ivo.sam());
            signIn.push(ivo.device());
            assertThat(signIn.offeredTypes()).containsExactly("password");
            signIn.verifyRaw(ivo.passwordId(), Map.of("password", "Wrong-Passw0rd9")).then().statusCode(403)
                    .body("errorCode", equalTo("E0000068"));
            signIn.password(AdDirectory.PASSWORD);
            assertThat(signIn.sessionToken()).isNotBlank();

            // the directory alone knows the password: set there by an administrator, the new one works at once.
            // (Samba, like AD for NTLM, still accepts the previous password for a while, so that is not asserted.)
            AdDirectory.userScript("set-password", ivo.sam(), "Changed-Passw0rd2");
            SignIn again = SignIn.passwordless(ivo.sam());
            again.push(ivo.device());
            again.password("Changed-Passw0rd2");
            assertThat(again.sessionToken()).isNotBlank();
        }
    }

    @Test
    @DisplayName("Disabled in AD, refused on a passwordless sign-in within seconds through incremental imports (S2)")
    void aUserDisabledInTheDirectoryIsRefusedWithinSecondsThroughIncrementalImports() {
        chains("[[\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(true, false)) { // no live status read: only the imports tell
            AdUser jo = imported(ad, "jo");
            assertThat(pushThenQuestion(jo).question(ANSWER).sessionToken()).isNotBlank();

            AdDirectory.userScript("disable", jo.sam());
            // an incremental import runs every second; auth-flow's read model follows the users topic
            Users.awaitReadModelStatus(jo.userId(), "DISABLED");
            assertRefusedPasswordless(jo, "USER_DISABLED");
        }
    }

    @Test
    @DisplayName("Disabled in AD: their sign-in under way is cancelled and their session revoked (S2)")
    void aDisabledUsersOpenSignInIsCancelledAndTheirSessionRevoked() {
        chains("[[\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(true, false)) {
            AdUser lou = imported(ad, "lou");
            // a session from an earlier sign-in, exchanged for tokens by the demo app
            String sessionToken = pushThenQuestion(lou).question(ANSWER).sessionToken();
            String accessToken = SignIn.accessToken(sessionToken);
            String sid = claim(accessToken, "sid");
            sessions().get("/api/v1/sessions/" + sid).then().statusCode(200).body("userId", equalTo(lou.userId()));
            // and a second sign-in under way: the push done, the question still to answer
            SignIn open = pushThenQuestion(lou);
            assertThat(open.status()).isEqualTo("MFA_REQUIRED");

            try (TopicProbe authEvents = new TopicProbe(Topics.AUTH_EVENTS)) {
                AdDirectory.userScript("disable", lou.sam());
                Users.awaitReadModelStatus(lou.userId(), "DISABLED");

                var revoked = authEvents.await(Duration.ofSeconds(30),
                        r -> r.value().contains("auth.session.revoked") && r.value().contains(sid));
                assertThat(revoked.data()).isInstanceOf(SessionRevoked.class);
                assertThat(((SessionRevoked) revoked.data()).reason()).isEqualTo("USER_DISABLED");
            }
            // the open transaction is gone: its state token no longer works, even with the right answer
            open.verifyRaw(lou.questionId(), Map.of("answer", ANSWER)).then().statusCode(401)
                    .body("errorCode", equalTo("E0000011"));
            sessions().get("/api/v1/sessions/" + sid).then().statusCode(404);
            assertThat(sessions().get("/api/v1/users/" + lou.userId() + "/sessions").then().statusCode(200)
                    .extract().jsonPath().getList("$")).isEmpty();
        }
    }

    private static io.restassured.specification.RequestSpecification sessions() {
        return given().baseUri(Suite.Service.AUTH_FLOW.url()).header("Authorization", "Bearer " + Suite.adminToken());
    }

    /** A claim of a JWT's payload (the signature is auth-flow's business here). */
    private static String claim(String jwt, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString(name);
    }

    @Test
    @DisplayName("Disabled in AD, refused at once by the live status read before SUCCESS, no import needed (S2)")
    void aUserDisabledInTheDirectoryIsRefusedAtOnceByTheLiveStatusCheck() {
        chains("[[\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(false, true)) { // no scheduled import
            AdUser kit = imported(ad, "kit");
            AdDirectory.userScript("disable", kit.sam());

            try (Audit audit = new Audit()) {
                // the last import still says ACTIVE, so the chain runs; the live read at the end refuses
                SignIn signIn = pushThenQuestion(kit);
                signIn.verifyRaw(kit.questionId(), Map.of("answer", ANSWER)).then().statusCode(401)
                        .body("errorCode", equalTo("E0000004"));
                assertThat(audit.refusal(kit.userId()).reason()).isEqualTo("USER_DISABLED");
            }
            // what the live read found was stored and published: the read model knows it too now
            Users.awaitReadModelStatus(kit.userId(), "DISABLED");
        }
    }

    @Test
    @DisplayName("\"Password expiry state is only checked if a password is used in a factor sequence\" (S6)")
    void anExpiredPasswordBlocksAChainWithAPasswordStepButNotAPasswordlessOne() {
        chains("[[\"push\", \"password\"], [\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(false, true)) {
            AdUser lou = imported(ad, "lou");
            AdDirectory.userScript("expire-password", lou.sam()); // pwdLastSet=0: must change at next logon

            SignIn withPassword = SignIn.passwordless(lou.sam());
            withPassword.push(lou.device());
            assertThat(withPassword.offeredTypes()).containsExactlyInAnyOrder("password", "question");
            withPassword.password(AdDirectory.PASSWORD);
            assertThat(withPassword.status()).isEqualTo("PASSWORD_EXPIRED");
            assertThat(withPassword.last().getString("sessionToken")).isNull();

            // "the user can still sign in to Okta without a password change using a passwordless flow"
            assertThat(pushThenQuestion(lou).question(ANSWER).sessionToken()).isNotBlank();
        }
    }

    @Test
    @DisplayName("enforcePasswordExpiryWithoutPassword: an expired AD password blocks the passwordless chain too (S6)")
    void theOrgCanEnforcePasswordExpiryWithoutAPasswordStep() {
        chains("[[\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(false, true)) {
            AdUser max = imported(ad, "max");
            Policies.org(ad.org); // the org directory-sync maps the OU to
            Policies.orgMfa(ad.org, "{\"enforced\": false, \"enforcePasswordExpiryWithoutPassword\": true}")
                    .then().statusCode(200);
            Policies.sync();
            AdDirectory.userScript("expire-password", max.sam());
            ad.importNow("INCREMENTAL");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String json = Redis.hget(Suite.REDIS_DB, "sequent:authflow:user:" + max.userId(), "json");
                return json != null && json.contains("\"passwordMustChange\":true");
            });

            SignIn signIn = pushThenQuestion(max).question(ANSWER);
            assertThat(signIn.status()).isEqualTo("PASSWORD_EXPIRED");
            assertThat(signIn.last().getString("sessionToken")).isNull();
        }
    }

    @Test
    @DisplayName("\"import AD manually to inform Okta to disable the user faster than a regularly scheduled import\"")
    void aManualImportPicksADirectoryChangeUpAtOnce() {
        chains("[[\"push\", \"question\"]]");
        try (AdDirectory ad = new AdDirectory(false, false)) { // neither a schedule nor a live read
            AdUser ned = imported(ad, "ned");
            AdDirectory.userScript("disable", ned.sam());
            // the seed's window: without an import, the disabled user still signs in passwordless
            assertThat(pushThenQuestion(ned).question(ANSWER).sessionToken()).isNotBlank();

            var run = ad.importNow("INCREMENTAL");
            assertThat(run.getInt("usersChanged")).isEqualTo(1);
            Users.awaitReadModelStatus(ned.userId(), "DISABLED");
            assertRefusedPasswordless(ned, "USER_DISABLED");
        }
    }
}
