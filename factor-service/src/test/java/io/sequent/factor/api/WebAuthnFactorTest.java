package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.factor.webauthn.SoftwareAuthenticator;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** WebAuthn registration and assertion through the APIs, with a software authenticator making real signatures. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class WebAuthnFactorTest {

    static final String RP_ID = "localhost";
    static final String ORIGIN = "http://localhost:8080";

    record Enrolled(String userId, String factorId, String challenge) {
    }

    static Enrolled enroll(String userId) {
        var r = admin().body("{\"factorType\": \"webauthn\", \"provider\": \"FIDO\"}").post("/api/v1/users/" + userId + "/factors")
                .then().statusCode(200)
                .body("status", equalTo("PENDING_ACTIVATION"))
                .body("provider", equalTo("FIDO"))
                .body("_embedded.activation.rp.id", equalTo(RP_ID))
                .body("_embedded.activation.user.name", startsWith("user-"))
                .body("_embedded.activation.pubKeyCredParams.alg", hasItems(-7, -257))
                .body("_embedded.activation.attestation", equalTo("none"))
                .body("_embedded.activation.timeout", equalTo(120000))
                .extract();
        return new Enrolled(userId, r.path("id"), r.path("_embedded.activation.challenge"));
    }

    static io.restassured.response.ValidatableResponse activate(Enrolled f, SoftwareAuthenticator.Attestation a) {
        return admin().body(Map.of("attestation", a.attestation(), "clientData", a.clientData()))
                .post("/api/v1/users/" + f.userId() + "/factors/" + f.factorId() + "/lifecycle/activate").then();
    }

    /** An internal challenge; answers the challenge string after checking the request options. */
    static String challenge(String userId, String factorId, byte[] credentialId) {
        return internal().post("/internal/v1/users/" + userId + "/factors/" + factorId + "/challenge").then().statusCode(200)
                .body("status", equalTo("CHALLENGE"))
                .body("rpId", equalTo(RP_ID))
                .body("allowCredentials", hasSize(1))
                .body("allowCredentials[0].type", equalTo("public-key"))
                .body("allowCredentials[0].id", equalTo(Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId)))
                .extract().path("challenge");
    }

    static String verify(String userId, String factorId, SoftwareAuthenticator.Assertion a) {
        return internal().body(Map.of("clientData", a.clientData(), "authenticatorData", a.authenticatorData(),
                        "signatureData", a.signatureData()))
                .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify").then().statusCode(200)
                .extract().path("outcome");
    }

    @Test
    void registersAnAuthenticatorPublishesItsEventsAndVerifiesItsAssertionsOnce() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        var authenticator = new SoftwareAuthenticator();
        Enrolled f;
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            f = enroll(userId);
            activate(f, authenticator.register(RP_ID, ORIGIN, f.challenge(), true)).statusCode(200)
                    .body("status", equalTo("ACTIVE"))
                    .body("profile.credentialId", equalTo(Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(authenticator.credentialId())));
            var enrolled = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ENROLLED.typeName());
            assertThat(((FactorEvent) enrolled.data()).factorType()).isEqualTo("webauthn");
            assertThat(((FactorEvent) enrolled.data()).status()).isEqualTo("PENDING_ACTIVATION");
            var activated = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ACTIVATED.typeName());
            assertThat(((FactorEvent) activated.data()).factorId()).isEqualTo(f.factorId());
            assertThat(((FactorEvent) activated.data()).provider()).isEqualTo("FIDO");
        }
        var stored = row("select webauthn_credential_id, webauthn_public_key, webauthn_aaguid, webauthn_sign_count, webauthn_format, "
                + "webauthn_attestation_trusted, version from factor where id = ?", UUID.fromString(f.factorId()));
        assertThat((byte[]) stored.get("webauthn_credential_id")).isEqualTo(authenticator.credentialId());
        assertThat((byte[]) stored.get("webauthn_public_key")).isNotEmpty();
        assertThat(stored).containsEntry("webauthn_aaguid", SoftwareAuthenticator.AAGUID_VALUE)
                .containsEntry("webauthn_sign_count", 1L).containsEntry("webauthn_format", "packed").containsEntry("version", 2L)
                // attestation-trust=any without trust anchors: accepted, and recorded as not trusted
                .containsEntry("webauthn_attestation_trusted", false);

        String challenge = challenge(userId, f.factorId(), authenticator.credentialId());
        var assertion = authenticator.assertion(RP_ID, ORIGIN, challenge);
        assertThat(verify(userId, f.factorId(), assertion)).isEqualTo("SUCCESS");
        assertThat(row("select webauthn_sign_count from factor where id = ?", UUID.fromString(f.factorId())))
                .containsEntry("webauthn_sign_count", 2L);
        // the same assertion again: its challenge was used up
        assertThat(verify(userId, f.factorId(), assertion)).isEqualTo("EXPIRED");
        // the self-service verify challenges, then verifies
        var selfChallenge = admin().body("{}").post("/api/v1/users/" + userId + "/factors/" + f.factorId() + "/verify")
                .then().statusCode(200).body("factorResult", equalTo("CHALLENGE"))
                .extract().<String>path("_embedded.challenge.challenge");
        var next = authenticator.assertion(RP_ID, ORIGIN, selfChallenge);
        admin().body(Map.of("clientData", next.clientData(), "authenticatorData", next.authenticatorData(),
                        "signatureData", next.signatureData()))
                .post("/api/v1/users/" + userId + "/factors/" + f.factorId() + "/verify").then().statusCode(200)
                .body("factorResult", equalTo("SUCCESS"));
    }

    @Test
    void refusesWrongOriginWrongChallengeTamperedSignatureAndCounterRegressionAndLocksAfterTheLimit() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        var authenticator = new SoftwareAuthenticator();
        Enrolled f = enroll(userId);
        activate(f, authenticator.register(RP_ID, ORIGIN, f.challenge(), false)).statusCode(200);
        byte[] id = authenticator.credentialId();

        String c1 = challenge(userId, f.factorId(), id);
        assertThat(verify(userId, f.factorId(), authenticator.assertion(RP_ID, "http://evil.example:8080", c1))).isEqualTo("INVALID");

        challenge(userId, f.factorId(), id);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        assertThat(verify(userId, f.factorId(), authenticator.assertion(RP_ID, ORIGIN, made))).isEqualTo("INVALID");

        String c3 = challenge(userId, f.factorId(), id);
        var good = authenticator.assertion(RP_ID, ORIGIN, c3);
        byte[] sig = Base64.getUrlDecoder().decode(good.signatureData());
        sig[sig.length - 2] ^= 0x01;
        assertThat(verify(userId, f.factorId(), new SoftwareAuthenticator.Assertion(good.clientData(), good.authenticatorData(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(sig)))).isEqualTo("INVALID");

        // a success (counter 3) clears the failures; then a clone answering with an older counter fails
        String c4 = challenge(userId, f.factorId(), id);
        assertThat(verify(userId, f.factorId(), authenticator.assertion(RP_ID, ORIGIN, c4))).isEqualTo("SUCCESS");
        long stored = (Long) row("select webauthn_sign_count from factor where id = ?", UUID.fromString(f.factorId()))
                .get("webauthn_sign_count");
        authenticator.counter(stored - 2);
        for (int i = 0; i < 4; i++) {
            String c = challenge(userId, f.factorId(), id);
            assertThat(verify(userId, f.factorId(), authenticator.assertion(RP_ID, ORIGIN, c))).isEqualTo("INVALID");
            authenticator.counter(stored - 2);
        }
        assertThat(row("select webauthn_sign_count from factor where id = ?", UUID.fromString(f.factorId())))
                .containsEntry("webauthn_sign_count", stored);
        // the fifth failure in the window (the test limit is 5) locks the factor
        internal().post("/internal/v1/users/" + userId + "/factors/" + f.factorId() + "/challenge").then().statusCode(200);
        authenticator.counter(stored - 2);
        String last = internal().post("/internal/v1/users/" + userId + "/factors/" + f.factorId() + "/challenge").then()
                .extract().path("challenge");
        assertThat(verify(userId, f.factorId(), authenticator.assertion(RP_ID, ORIGIN, last))).isEqualTo("LOCKED");
        internal().post("/internal/v1/users/" + userId + "/factors/" + f.factorId() + "/challenge").then().statusCode(200)
                .body("status", equalTo("LOCKED"));
    }

    @Test
    void aRefusedRegistrationUsesUpItsChallengeAndASecondAuthenticatorIsPossible() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        var first = new SoftwareAuthenticator();
        Enrolled f = enroll(userId);
        activate(f, first.register(RP_ID, "https://evil.example", f.challenge(), true)).statusCode(403)
                .contentType(startsWith("application/problem+json")).body("errorCode", equalTo("E0000068"));
        // the challenge was used by the refused attempt
        activate(f, first.register(RP_ID, ORIGIN, f.challenge(), true)).statusCode(403).body("detail", startsWith("the code expired"));
        Enrolled again = enroll(userId);
        assertThat(again.factorId()).isNotEqualTo(f.factorId());
        activate(again, first.register(RP_ID, ORIGIN, again.challenge(), true)).statusCode(200);

        // a second authenticator: the first is excluded, and registering the first again is a conflict
        var r = admin().body("{\"factorType\": \"webauthn\"}").post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .extract();
        List<String> excluded = r.path("_embedded.activation.excludeCredentials.id");
        assertThat(excluded).containsExactly(Base64.getUrlEncoder().withoutPadding().encodeToString(first.credentialId()));
        Enrolled second = new Enrolled(userId, r.path("id"), r.path("_embedded.activation.challenge"));
        activate(second, first.register(RP_ID, ORIGIN, second.challenge(), true)).statusCode(409);
        Enrolled third = enroll(userId);
        activate(third, new SoftwareAuthenticator().register(RP_ID, ORIGIN, third.challenge(), false)).statusCode(200);
        internal().queryParam("status", "ACTIVE").get("/internal/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("factorType", equalTo(List.of("webauthn", "webauthn")));
    }

    @Test
    void badWebAuthnInputIsAProblem() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        Enrolled f = enroll(userId);
        String activate = "/api/v1/users/" + userId + "/factors/" + f.factorId() + "/lifecycle/activate";
        admin().body("{}").post(activate).then().statusCode(400).body("detail", startsWith("/attestation"));
        admin().body(Map.of("attestation", "not base64!", "clientData", "e30")).post(activate).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        admin().body(Map.of("attestation", "AAAA", "clientData", "e30")).post(activate).then().statusCode(403);
        admin().body(Map.of("passCode", "123456")).post(activate).then().statusCode(400);

        var authenticator = new SoftwareAuthenticator();
        Enrolled g = enroll(userId);
        activate(g, authenticator.register(RP_ID, ORIGIN, g.challenge(), true)).statusCode(200);
        String verify = "/internal/v1/users/" + userId + "/factors/" + g.factorId() + "/verify";
        internal().body("{}").post(verify).then().statusCode(400).body("detail", startsWith("/clientData"));
        internal().body(Map.of("clientData", "e30", "authenticatorData", "%%%", "signatureData", "AA")).post(verify)
                .then().statusCode(400);
        internal().body(Map.of("clientData", "x".repeat(5000), "authenticatorData", "AA", "signatureData", "AA")).post(verify)
                .then().statusCode(400);
    }
}
