package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.Notification;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class CodeFactorTest {

    private static Notification awaitCode(TopicProbe probe, String userId, EventType type) {
        return awaitCode(probe, userId, type, null);
    }

    /** The first code of {@code type} for the user, other than {@code after}. */
    private static Notification awaitCode(TopicProbe probe, String userId, EventType type, Notification after) {
        CloudEvent<?> event = probe.await(Duration.ofSeconds(20), r -> userId.equals(r.key())
                && r.value().contains("\"type\":\"" + type.typeName() + "\"")
                && (after == null || !r.value().contains("\"expiresAt\":\"" + after.expiresAt())));
        Notification n = (Notification) event.data();
        Fixtures.remember(n.code());
        return n;
    }

    @Test
    void smsEnrollmentSendsACodeThroughTheTopicMasksThePhoneAndActivates() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            String factorId = admin().body("{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"+1 (555) 010-4242\"}}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                    .body("status", equalTo("PENDING_ACTIVATION"))
                    .body("profile.phoneNumber", equalTo("+XXXXXXX4242"))
                    .extract().path("id");
            Notification n = awaitCode(probe, userId, EventType.NOTIFICATION_SMS);
            assertThat(n.destination()).isEqualTo("+15550104242");
            assertThat(n.factorId()).isEqualTo(factorId);
            assertThat(n.code()).matches("[0-9]{6}");
            assertThat(n.expiresAt()).isNotNull();

            // the phone number is sealed at rest, never stored in clear
            var stored = row("select display, secret from factor where id = ?", UUID.fromString(factorId));
            assertThat(stored.get("display")).isEqualTo("+XXXXXXX4242");
            assertThat(new String((byte[]) stored.get("secret"), StandardCharsets.ISO_8859_1)).doesNotContain("5550104242");

            String wrong = n.code().equals("000000") ? "111111" : "000000";
            admin().body("{\"passCode\": \"" + wrong + "\"}")
                    .post("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/activate")
                    .then().statusCode(403).contentType(startsWith("application/problem+json")).body("errorCode", equalTo("E0000068"));
            admin().body("{\"passCode\": \"" + n.code() + "\"}")
                    .post("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/activate")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));
        }
    }

    @Test
    void resendWithinTheCooldownIs429WithOktasCode() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = admin().body("{\"factorType\": \"call\", \"profile\": {\"phoneNumber\": \"+442071234567\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
        admin().post("/api/v1/users/" + userId + "/factors/" + factorId + "/resend")
                .then().statusCode(429).contentType(startsWith("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("errorCode", equalTo("E0000109"));
    }

    @Test
    void emailChallengeCodeVerifiesOnceThenIsGone() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            String factorId = admin().body("{\"factorType\": \"email\", \"profile\": {\"email\": \"dana.smith@acme.example\"}}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                    .body("profile.email", equalTo("d...h@acme.example")).extract().path("id");
            Notification first = awaitCode(probe, userId, EventType.NOTIFICATION_EMAIL);
            assertThat(first.destination()).isEqualTo("dana.smith@acme.example");
            admin().body("{\"passCode\": \"" + first.code() + "\"}")
                    .post("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/activate").then().statusCode(200);

            // activation used the first code up; a sign-in challenge sends a new one, accepted once
            String base = "/internal/v1/users/" + userId + "/factors/" + factorId;
            internal().post(base + "/challenge").then().statusCode(200)
                    .body("status", equalTo("SENT")).body("destination", equalTo("d...h@acme.example"));
            Notification second = awaitCode(probe, userId, EventType.NOTIFICATION_EMAIL, first);
            internal().body("{\"passCode\": \"" + second.code() + "\"}").post(base + "/verify")
                    .then().statusCode(200).body("outcome", equalTo("SUCCESS"));
            internal().body("{\"passCode\": \"" + second.code() + "\"}").post(base + "/verify")
                    .then().statusCode(200).body("outcome", equalTo("EXPIRED"));
        }
    }

    @Test
    void aCodeIsAcceptedOnlyOnceAndWrongCodesAreInvalid() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        try (TopicProbe probe = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            String factorId = admin().body("{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"+15550109999\"}}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
            Notification n = awaitCode(probe, userId, EventType.NOTIFICATION_SMS);
            String path = "/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/activate";
            admin().body("{\"passCode\": \"" + n.code() + "\"}").post(path).then().statusCode(200);
            admin().body("{\"passCode\": \"" + n.code() + "\"}").post(path).then().statusCode(409);
            internal().body("{\"passCode\": \"" + n.code() + "\"}")
                    .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                    .then().statusCode(200).body("outcome", equalTo("EXPIRED"));
            internal().body("{\"passCode\": \"12345\"}")
                    .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                    .then().statusCode(200).body("outcome", equalTo("INVALID"));
        }
    }

    @Test
    void refusesBadPhoneNumbersAndAddresses() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        admin().body("{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"555-1234\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("/profile/phoneNumber"));
        admin().body("{\"factorType\": \"sms\"}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(400);
        admin().body("{\"factorType\": \"email\", \"profile\": {\"email\": \"not-an-address\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(400);
    }
}
