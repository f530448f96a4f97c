package io.sequent.authflow.api;

import static io.sequent.authflow.api.AuthnApiTest.AUTHN;
import static io.sequent.authflow.api.AuthnApiTest.error;
import static io.sequent.authflow.api.AuthnApiTest.ok;
import static io.sequent.authflow.api.AuthnFixtures.factor;
import static io.sequent.authflow.api.AuthnFixtures.newUsername;
import static io.sequent.authflow.api.AuthnFixtures.outcome;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MFA_ENROLL / MFA_ENROLL_ACTIVATE, PASSWORD_EXPIRED / PASSWORD_WARN and WebAuthn against the real
 * Redis; factor-service is the mocked neighbour, as in {@link AuthnApiTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class AuthnEnrollmentApiTest {

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    @BeforeEach
    void policy() {
        org.mockito.Mockito.when(factors.decoyPassword(org.mockito.ArgumentMatchers.any()))
                .thenReturn(io.smallrye.mutiny.Uni.createFrom().voidItem());
        policies.offer(AuthnFixtures.policyWithEnrollment());
    }

    UserSnapshot seed(UserSnapshot user) {
        users.apply(user).await().atMost(Duration.ofSeconds(5));
        return user;
    }

    UserSnapshot user(String group) {
        return seed(AuthnFixtures.user(UUID.randomUUID().toString(), newUsername("eve"), 1, UserStatus.ACTIVE,
                UserSource.LOCAL, group));
    }

    /** A password user who reaches {@code status} after primary authentication; returns the state token. */
    String signInWithPassword(UserSnapshot user, String passwordOutcome, String status, boolean warn) {
        var password = factor("password", Map.of());
        when(factors.activeFactors(user.userId())).thenReturn(AuthnFixtures.holding(List.of(password)));
        when(factors.verify(eq(user.userId()), eq(password.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(password.id(), "password", passwordOutcome)));
        Map<String, Object> body = warn
                ? Map.of("username", user.username(), "password", "correct horse", "options", Map.of("warnBeforePasswordExpired", true))
                : Map.of("username", user.username(), "password", "correct horse");
        JsonPath started = ok(AUTHN, body);
        assertThat(started.getString("status")).isEqualTo(status);
        return started.getString("stateToken");
    }

    static FactorClient.EnrolledFactor enrolled(String type, String status, Map<String, Object> embedded) {
        return new FactorClient.EnrolledFactor(UUID.randomUUID().toString(), type, "OKTA", status, Map.of(), embedded);
    }

    // ---------------------------------------------------------------- MFA_ENROLL

    @Test
    void aPasswordThatLeadsNowhereIsTheGenericFailureNotACancelledTransaction() {
        policies.offer(AuthnFixtures.policyWithDeadEnd());
        UserSnapshot sam = user(AuthnFixtures.STUCK_GROUP);
        var password = factor("password", Map.of());
        when(factors.activeFactors(sam.userId())).thenReturn(AuthnFixtures.holding(List.of(password)));
        when(factors.verify(eq(sam.userId()), eq(password.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(password.id(), "password", "SUCCESS")));
        // MFA by push, no push factor, none enrollable: S9 ends the sign-in, and S1 keeps why from the client
        error(AUTHN, Map.of("username", sam.username(), "password", "correct horse"), 401, "E0000004");
    }

    @Test
    void mfaEnrollListsTheEnrollableFactorsAndTotpIsActivatedWithItsCode() {
        UserSnapshot eve = user(AuthnFixtures.OPTIONAL_ENROLL_GROUP);
        String token = signInWithPassword(eve, "SUCCESS", "MFA_ENROLL", false);
        JsonPath enroll = ok(AUTHN, Map.of("stateToken", token));
        assertThat(enroll.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(enroll.getList("_embedded.factors.factorType"))
                .containsExactlyInAnyOrder("token:software:totp", "sms", "question");
        assertThat(enroll.getList("_embedded.factors.status")).containsOnly("NOT_SETUP");
        assertThat(enroll.getList("_embedded.factors.enrollment")).containsOnly("OPTIONAL");
        // every factor is OPTIONAL, yet MFA needs one of them (S9): no skip yet
        assertThat(enroll.getMap("_links")).doesNotContainKey("skip");
        assertThat(enroll.getString("_embedded.factors[0]._links.enroll.href"))
                .isEqualTo("http://127.0.0.1:8080/api/v1/authn/factors");
        assertThat(enroll.getString("_embedded.user.id")).isEqualTo(eve.userId());

        var totp = enrolled("token:software:totp", "PENDING_ACTIVATION", Map.of("activation", Map.of(
                "sharedSecret", "JBSWY3DPEHPK3PXP", "encoding", "base32", "timeStep", 30, "digits", 6,
                "otpauthUri", "otpauth://totp/Sequent:eve?secret=JBSWY3DPEHPK3PXP", "qrcode", "data:image/png;base64,iVBOR")));
        when(factors.enroll(eq(eve.userId()), any())).thenReturn(Uni.createFrom().item(totp));
        JsonPath activate = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "token:software:totp",
                "provider", "GOOGLE", "profile", Map.of("credentialId", eve.username())));
        assertThat(activate.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(activate.getString("_embedded.factor.id")).isEqualTo(totp.id());
        assertThat(activate.getString("_embedded.factor._embedded.activation.sharedSecret")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(activate.getInt("_embedded.factor._embedded.activation.keyLength")).isEqualTo(6);
        assertThat(activate.getString("_embedded.factor._embedded.activation._links.qrcode.href")).startsWith("data:image/png");
        assertThat(activate.getString("_links.next.name")).isEqualTo("activate");
        assertThat(activate.getString("_links.next.href")).endsWith("/api/v1/authn/factors/" + totp.id() + "/lifecycle/activate");
        assertThat(activate.getString("_links.prev.href")).endsWith("/api/v1/authn/previous");
        // the seed is shown once: a later read of the transaction does not repeat it
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getMap("_embedded.factor")).doesNotContainKey("_embedded");

        String activatePath = AUTHN + "/factors/" + totp.id() + "/lifecycle/activate";
        when(factors.activate(eve.userId(), totp.id(), FactorClient.ActivateBody.passCode("000000"))).thenReturn(Uni.createFrom().failure(
                new NeighbourRejected(403, "factor-service answered 403", "E0000068", "invalid passcode or answer")));
        error(activatePath, Map.of("stateToken", token, "passCode", "000000"), 403, "E0000068");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");

        when(factors.activate(eve.userId(), totp.id(), FactorClient.ActivateBody.passCode("123456")))
                .thenReturn(Uni.createFrom().item(enrolled("token:software:totp", "ACTIVE", null)));
        JsonPath success = ok(activatePath, Map.of("stateToken", token, "passCode", "123456"));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(success.getString("sessionToken")).isNotBlank();
        error(AUTHN, Map.of("stateToken", token), 401, "E0000011");
    }

    @Test
    void webauthnIsEnrolledInMfaEnrollWithTheCreationOptionsAndActivatedWithTheAttestation() {
        UserSnapshot kay = user(AuthnFixtures.KEY_ENROLL_GROUP);
        String token = signInWithPassword(kay, "SUCCESS", "MFA_ENROLL", false);
        JsonPath enroll = ok(AUTHN, Map.of("stateToken", token));
        assertThat(enroll.getList("_embedded.factors.factorType")).containsExactlyInAnyOrder("webauthn", "push", "question");
        assertThat(enroll.getString("_embedded.factors.find { it.factorType == 'webauthn' }.provider")).isEqualTo("FIDO");
        assertThat(enroll.getString("_embedded.factors.find { it.factorType == 'webauthn' }.enrollment")).isEqualTo("REQUIRED");

        Map<String, Object> options = Map.of("challenge", "q2Jc1t2mWk2dGZ8Kx3w4vA", "rp", Map.of("id", "localhost", "name", "Sequent"),
                "user", Map.of("id", "AAECAwQFBgcICQoLDA0ODw", "name", kay.username(), "displayName", kay.username()),
                "pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -7), Map.of("type", "public-key", "alg", -257)),
                "attestation", "none", "authenticatorSelection", Map.of("userVerification", "preferred"),
                "excludeCredentials", List.of(), "timeout", 120000);
        var key = new FactorClient.EnrolledFactor(UUID.randomUUID().toString(), "webauthn", "FIDO", "PENDING_ACTIVATION",
                Map.of(), Map.of("activation", options));
        when(factors.enroll(eq(kay.userId()), eq(new FactorClient.EnrollBody("webauthn", "FIDO", null))))
                .thenReturn(Uni.createFrom().item(key));
        JsonPath activate = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "webauthn", "provider", "FIDO"));
        assertThat(activate.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(activate.getString("_embedded.factor.factorType")).isEqualTo("webauthn");
        assertThat(activate.getString("_embedded.factor._embedded.activation.challenge")).isEqualTo("q2Jc1t2mWk2dGZ8Kx3w4vA");
        assertThat(activate.getString("_embedded.factor._embedded.activation.user.id")).isEqualTo("AAECAwQFBgcICQoLDA0ODw");
        assertThat(activate.getList("_embedded.factor._embedded.activation.pubKeyCredParams.alg")).containsExactly(-7, -257);
        assertThat(activate.getString("_links.next.name")).isEqualTo("activate");
        String activatePath = AUTHN + "/factors/" + key.id() + "/lifecycle/activate";

        // a passcode is no activation for a key: asked for what is missing, factor-service never sees it
        AuthnFixtures.post(activatePath, Map.of("stateToken", token, "passCode", "123456"))
                .statusCode(400).body("errorCode", equalTo("E0000001"))
                .body("errorCauses[0].errorSummary", equalTo("attestation: The field cannot be left blank"));
        error(activatePath, Map.of("stateToken", token, "attestation", "o2NmbXRkbm9uZQ"), 400, "E0000001");
        verify(factors, never()).activate(anyString(), anyString(), any());

        var refused = new FactorClient.ActivateBody(null, "bad-attestation", "client-data");
        when(factors.activate(kay.userId(), key.id(), refused)).thenReturn(Uni.createFrom().failure(
                new NeighbourRejected(403, "factor-service answered 403", "E0000068", "invalid passcode or answer")));
        error(activatePath, Map.of("stateToken", token, "attestation", "bad-attestation", "clientData", "client-data"),
                403, "E0000068");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");

        var registered = new FactorClient.ActivateBody(null, "o2NmbXRkbm9uZQ", "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0");
        when(factors.activate(kay.userId(), key.id(), registered)).thenReturn(Uni.createFrom().item(
                new FactorClient.EnrolledFactor(key.id(), "webauthn", "FIDO", "ACTIVE", Map.of(), null)));
        JsonPath success = ok(activatePath, Map.of("stateToken", token, "attestation", " o2NmbXRkbm9uZQ ",
                "clientData", "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0", "passCode", ""));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        verify(factors).activate(kay.userId(), key.id(), registered);
    }

    @Test
    void pushIsActivatedByItsDeviceWhileTheClientPolls() {
        UserSnapshot kay = user(AuthnFixtures.KEY_ENROLL_GROUP);
        String token = signInWithPassword(kay, "SUCCESS", "MFA_ENROLL", false);
        String uri = "sequent-push://activate?url=http%3A%2F%2F127.0.0.1%3A8082&factor=f&token=t0k3n";
        var push = new FactorClient.EnrolledFactor(UUID.randomUUID().toString(), "push", "OKTA", "PENDING_ACTIVATION",
                Map.of(), Map.of("activation", Map.of("expiresAt", "2030-01-01T00:05:00Z", "activationUri", uri,
                "qrcode", "data:image/png;base64,iVBOR")));
        when(factors.enroll(eq(kay.userId()), eq(new FactorClient.EnrollBody("push", "OKTA", null))))
                .thenReturn(Uni.createFrom().item(push));
        JsonPath enrolled = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "push", "provider", "OKTA"));
        assertThat(enrolled.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(enrolled.getString("factorResult")).isEqualTo("WAITING");
        assertThat(enrolled.getString("_embedded.factor._embedded.activation.activationUri")).isEqualTo(uri);
        assertThat(enrolled.getString("_embedded.factor._embedded.activation.expiresAt")).isEqualTo("2030-01-01T00:05:00Z");
        assertThat(enrolled.getString("_embedded.factor._embedded.activation._links.qrcode.href")).startsWith("data:image/png");
        assertThat(enrolled.getString("_links.next.name")).isEqualTo("poll");
        String poll = AUTHN + "/factors/" + push.id() + "/lifecycle/activate/poll";
        assertThat(enrolled.getString("_links.next.href")).endsWith(poll);

        // a push is activated by its device, not with a code
        error(AUTHN + "/factors/" + push.id() + "/lifecycle/activate", Map.of("stateToken", token, "passCode", "123456"),
                403, "E0000079");
        verify(factors, never()).activate(anyString(), anyString(), any());

        when(factors.activationPoll(kay.userId(), push.id())).thenReturn(
                Uni.createFrom().item(new FactorClient.ActivationPoll("WAITING", "2030-01-01T00:05:00Z")),
                Uni.createFrom().item(new FactorClient.ActivationPoll("TIMEOUT", null)),
                Uni.createFrom().item(new FactorClient.ActivationPoll("SUCCESS", null)));
        JsonPath waiting = ok(poll, Map.of("stateToken", token));
        assertThat(waiting.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(waiting.getString("factorResult")).isEqualTo("WAITING");
        assertThat(waiting.getString("_links.next.name")).isEqualTo("poll");

        JsonPath timedOut = ok(poll, Map.of("stateToken", token));
        assertThat(timedOut.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(timedOut.getString("factorResult")).isEqualTo("TIMEOUT");
        assertThat(timedOut.getMap("_links")).doesNotContainKey("next").containsKey("prev");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("factorResult")).isEqualTo("TIMEOUT");

        // the device registered after all: the sign-in goes on, back to MFA_ENROLL since webauthn is REQUIRED (S11)
        JsonPath activated = ok(poll, Map.of("stateToken", token));
        assertThat(activated.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(activated.getString("_embedded.factors.find { it.factorType == 'push' }.status")).isEqualTo("ACTIVE");
        assertThat(activated.getMap("_links")).doesNotContainKey("skip");
        error(poll, Map.of("stateToken", token), 403, "E0000079");
    }

    @Test
    void previousLeavesActivationForTheEnrollListAndAQuestionIsUsableAtOnce() {
        UserSnapshot eve = user(AuthnFixtures.OPTIONAL_ENROLL_GROUP);
        String token = signInWithPassword(eve, "SUCCESS", "MFA_ENROLL", false);
        var sms = enrolled("sms", "PENDING_ACTIVATION", null);
        when(factors.enroll(eq(eve.userId()), any())).thenReturn(Uni.createFrom().item(sms));
        JsonPath activate = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "sms", "provider", "OKTA",
                "profile", Map.of("phoneNumber", "+15555551337")));
        assertThat(activate.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        assertThat(activate.getString("_links.resend[0].name")).isEqualTo("sms");

        JsonPath back = ok(AUTHN + "/previous", Map.of("stateToken", token));
        assertThat(back.getString("status")).isEqualTo("MFA_ENROLL");

        var question = enrolled("question", "ACTIVE", null);
        when(factors.enroll(eq(eve.userId()), any())).thenReturn(Uni.createFrom().item(question));
        JsonPath success = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "question",
                "profile", Map.of("question", "favorite_art_piece", "answer", "Mona Lisa")));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
    }

    @Test
    void enrollmentRefusedByFactorServiceIsAValidationErrorWithItsCause() {
        UserSnapshot eve = user(AuthnFixtures.ENROLL_GROUP);
        String token = signInWithPassword(eve, "SUCCESS", "MFA_ENROLL", false);
        when(factors.enroll(eq(eve.userId()), any())).thenReturn(Uni.createFrom().failure(new NeighbourRejected(400,
                "factor-service answered 400", null, "/profile/phoneNumber must be a phone number in E.164 form")));
        AuthnFixtures.post(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "sms",
                        "profile", Map.of("phoneNumber", "nope")))
                .statusCode(400).body("errorCode", equalTo("E0000001"))
                .body("errorCauses[0].errorSummary", equalTo("/profile/phoneNumber must be a phone number in E.164 form"));
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_ENROLL");
    }

    @Test
    void enrollmentBeforePrimaryAuthenticationIsNotAllowedAndNeverReachesFactorService() {
        UserSnapshot eve = user(AuthnFixtures.ENROLL_GROUP);
        var password = factor("password", Map.of());
        when(factors.activeFactors(eve.userId())).thenReturn(AuthnFixtures.holding(List.of(password)));
        String token = ok(AUTHN, Map.of("username", eve.username())).getString("stateToken");
        error(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "sms"), 403, "E0000079");
        verify(factors, never()).enroll(anyString(), any());
    }

    @Test
    void badEnrollmentAndActivationInputAnswersOktaErrors() {
        UserSnapshot eve = user(AuthnFixtures.ENROLL_GROUP);
        String token = signInWithPassword(eve, "SUCCESS", "MFA_ENROLL", false);
        error(AUTHN + "/factors", Map.of("stateToken", token), 400, "E0000001");
        error(AUTHN + "/factors", Map.of("stateToken", "not-a-token", "factorType", "sms"), 401, "E0000011");
        error(AUTHN + "/factors/" + UUID.randomUUID() + "/lifecycle/activate", Map.of("stateToken", token, "passCode", "1"),
                404, "E0000007");
        given().contentType(ContentType.JSON).body("{\"stateToken\": ").post(AUTHN + "/factors")
                .then().statusCode(400).body("errorCode", equalTo("E0000003"));
        given().contentType(ContentType.JSON).body("[1,2]").post(AUTHN + "/credentials/change_password")
                .then().statusCode(400).body("errorCode", equalTo("E0000003"));
        given().contentType(ContentType.JSON).post(AUTHN + "/skip")
                .then().statusCode(401).body("errorCode", equalTo("E0000011"));
        error(AUTHN + "/skip", Map.of("stateToken", token), 403, "E0000079");
        error(AUTHN + "/credentials/change_password", Map.of("stateToken", token, "oldPassword", "a", "newPassword", "b"),
                403, "E0000079");
    }

    // ---------------------------------------------------------------- PASSWORD_EXPIRED / PASSWORD_WARN

    @Test
    void anExpiredPasswordIsChangedThroughFactorServiceAndAWrongOldOneIsE0000014() {
        UserSnapshot pat = user(AuthnFixtures.PASSWORD_GROUP);
        String token = signInWithPassword(pat, "PASSWORD_EXPIRED", "PASSWORD_EXPIRED", false);
        JsonPath expired = ok(AUTHN, Map.of("stateToken", token));
        assertThat(expired.getString("_links.next.name")).isEqualTo("changePassword");
        assertThat(expired.getMap("_links")).doesNotContainKey("skip");
        String change = AUTHN + "/credentials/change_password";

        error(change, Map.of("stateToken", token, "oldPassword", "old"), 400, "E0000001");
        when(factors.changePassword(pat.userId(), "wrong", "N3w-password!")).thenReturn(Uni.createFrom().item(
                new FactorClient.PasswordChange("INVALID_OLD", "Old Password is not correct")));
        AuthnFixtures.post(change, Map.of("stateToken", token, "oldPassword", "wrong", "newPassword", "N3w-password!"))
                .statusCode(403).body("errorCode", equalTo("E0000014"))
                .body("errorCauses[0].errorSummary", equalTo("Old Password is not correct"));
        when(factors.changePassword(pat.userId(), "correct horse", "short")).thenReturn(Uni.createFrom().item(
                new FactorClient.PasswordChange("POLICY", "Password requirements: at least 8 characters")));
        AuthnFixtures.post(change, Map.of("stateToken", token, "oldPassword", "correct horse", "newPassword", "short"))
                .statusCode(403).body("errorCode", equalTo("E0000014"))
                .body("errorCauses[0].errorSummary", equalTo("Password requirements: at least 8 characters"));

        when(factors.changePassword(pat.userId(), "correct horse", "N3w-password!")).thenReturn(Uni.createFrom().item(
                new FactorClient.PasswordChange("CHANGED", null)));
        JsonPath success = ok(change, Map.of("stateToken", token, "oldPassword", "correct horse", "newPassword", "N3w-password!"));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(success.getString("sessionToken")).isNotBlank();
    }

    @Test
    void aPasswordChangeThatFindsTheAccountLockedEndsLockedOut() {
        UserSnapshot pat = user(AuthnFixtures.PASSWORD_GROUP);
        String token = signInWithPassword(pat, "PASSWORD_EXPIRED", "PASSWORD_EXPIRED", false);
        when(factors.changePassword(eq(pat.userId()), anyString(), anyString())).thenReturn(Uni.createFrom().item(
                new FactorClient.PasswordChange("LOCKED", "the account is locked")));
        JsonPath locked = ok(AUTHN + "/credentials/change_password",
                Map.of("stateToken", token, "oldPassword", "correct horse", "newPassword", "N3w-password!"));
        assertThat(locked.getString("status")).isEqualTo("LOCKED_OUT");
        assertThat(locked.getMap("")).doesNotContainKey("stateToken");
        error(AUTHN, Map.of("stateToken", token), 401, "E0000011");
    }

    @Test
    void aPasswordAboutToExpireMayBeSkipped() {
        UserSnapshot warned = seed(new UserSnapshot(UUID.randomUUID().toString(), 1, UserSource.LOCAL, null, null,
                newUsername("walt"), null, "Walt", "W", null, UserStatus.ACTIVE, false, false,
                Instant.now().plus(Duration.ofDays(2)), null, null, List.of(), List.of(AuthnFixtures.PASSWORD_GROUP),
                Instant.now()));
        String token = signInWithPassword(warned, "SUCCESS", "PASSWORD_WARN", true);
        JsonPath warn = ok(AUTHN, Map.of("stateToken", token));
        assertThat(warn.getString("_links.skip.href")).endsWith("/api/v1/authn/skip");
        assertThat(warn.getString("_links.next.name")).isEqualTo("changePassword");
        JsonPath success = ok(AUTHN + "/skip", Map.of("stateToken", token));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
    }

    // ---------------------------------------------------------------- WebAuthn

    @Test
    void webAuthnIsChallengedThenVerifiedWithTheAssertionFields() {
        UserSnapshot wes = user(AuthnFixtures.WEBAUTHN_GROUP);
        var key = new FactorClient.Factor(UUID.randomUUID().toString(), "webauthn", "FIDO", "ACTIVE",
                Map.of("authenticatorName", "YubiKey 5"));
        when(factors.activeFactors(wes.userId())).thenReturn(AuthnFixtures.holding(List.of(key)));
        String token = ok(AUTHN, Map.of("username", wes.username())).getString("stateToken");
        when(factors.challenge(wes.userId(), key.id())).thenReturn(Uni.createFrom().item(new FactorClient.Challenge(
                key.id(), "webauthn", "READY", null, null, null, null, null, null, null, "q2c3Y2hhbGxlbmdl",
                List.of(Map.of("type", "public-key", "id", "Y3JlZA")), "preferred")));
        // "webauthn" in place of a factor id: any enrolled WebAuthn factor (contract §2)
        String verify = AUTHN + "/factors/webauthn/verify";
        JsonPath challenged = ok(verify, Map.of("stateToken", token));
        assertThat(challenged.getString("status")).isEqualTo("MFA_CHALLENGE");
        assertThat(challenged.getString("factorResult")).isEqualTo("CHALLENGE");
        assertThat(challenged.getString("_embedded.factor._embedded.challenge.challenge")).isEqualTo("q2c3Y2hhbGxlbmdl");
        assertThat(challenged.getString("_embedded.factor._embedded.challenge.allowCredentials[0].id")).isEqualTo("Y3JlZA");
        assertThat(challenged.getString("_links.next.name")).isEqualTo("verify");
        assertThat(challenged.getMap("_links")).doesNotContainKey("resend");

        error(verify, Map.of("stateToken", token, "clientData", "Y2Q"), 400, "E0000001");
        // the assertion as sent, within this transaction (factor-service counts its failures: S13)
        when(factors.verify(eq(wes.userId()), eq(key.id()), org.mockito.ArgumentMatchers.argThat(b -> b != null
                && "Y2Q".equals(b.clientData()) && "YWQ".equals(b.authenticatorData()) && "c2ln".equals(b.signatureData())
                && b.transactionId() != null && !b.transactionId().isBlank())))
                .thenReturn(Uni.createFrom().item(outcome(key.id(), "webauthn", "SUCCESS")));
        JsonPath success = ok(verify, Map.of("stateToken", token, "clientData", "Y2Q", "authenticatorData", "YWQ",
                "signatureData", "c2ln"));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
    }
}
