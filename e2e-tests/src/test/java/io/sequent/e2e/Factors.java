package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.sequent.events.Notification;
import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.time.Duration;

/** factor-service's admin API: enroll and activate a user's factors as an admin does. */
final class Factors {

    static final String QUESTION = "first_computer_game";

    private Factors() {
    }

    static RequestSpecification admin() {
        return given().baseUri(Suite.Service.FACTOR.url()).auth().oauth2(Suite.adminToken()).contentType(ContentType.JSON);
    }

    /** Waits until factor-service has consumed the user from the users topic (before that it answers 404). */
    static void awaitKnown(String userId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get("/api/v1/users/" + userId + "/factors").statusCode() == 200);
    }

    /**
     * Waits until auth-flow's read model of the user's ACTIVE factors holds the factor: a change made through
     * factor-service's admin API reaches sign-in by its {@code factor.*} event, normally well within a second, and a
     * test that signs in at once must not race it. Read from outside, as {@link Redis} reads the user read model.
     */
    static String awaitSignInSees(String userId, String factorId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String held = Redis.hget(Suite.REDIS_DB, "sequent:authflow:user:" + userId, "factors");
            return held != null && held.contains("\"id\":\"" + factorId + "\"");
        });
        return factorId;
    }

    /** A local user's password (Argon2id in factor-service); a directory user's is checked by an AD bind. */
    static String password(String userId, String password) {
        String profile = password == null ? "" : ", \"profile\": {\"password\": \"" + password + "\"}";
        return awaitSignInSees(userId, admin().body("{\"factorType\": \"password\"" + profile + "}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id"));
    }

    static String question(String userId, String answer) {
        return awaitSignInSees(userId, admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \""
                        + QUESTION + "\", \"answer\": \"" + answer + "\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id"));
    }

    /** Enrolls TOTP and activates it with a code of the shared secret, as the user's app would. */
    static Totp totp(String userId) {
        JsonPath enrolled = admin().body("{\"factorType\": \"token:software:totp\"}").post("/api/v1/users/" + userId + "/factors")
                .then().statusCode(200).extract().jsonPath();
        Totp app = new Totp(enrolled.getString("id"), enrolled.getString("_embedded.activation.sharedSecret"));
        admin().body("{\"passCode\": \"" + app.nextCode() + "\"}")
                .post("/api/v1/users/" + userId + "/factors/" + app.factorId + "/lifecycle/activate")
                .then().statusCode(200);
        awaitSignInSees(userId, app.factorId);
        return app;
    }

    /** Enrolls sms; the activation code is read from the outbound notification topic, as a gateway would. */
    static String sms(String userId, String phoneNumber) {
        return sentCode(userId, "sms", "{\"phoneNumber\": \"" + phoneNumber + "\"}");
    }

    /** Enrolls email; the activation code is read from the outbound notification topic, as a mail adapter would. */
    static String email(String userId, String address) {
        return sentCode(userId, "email", "{\"email\": \"" + address + "\"}");
    }

    private static String sentCode(String userId, String factorType, String profile) {
        try (TopicProbe notifications = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            String id = admin().body("{\"factorType\": \"" + factorType + "\", \"profile\": " + profile + "}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
            String code = smsCode(notifications, id);
            admin().body("{\"passCode\": \"" + code + "\"}")
                    .post("/api/v1/users/" + userId + "/factors/" + id + "/lifecycle/activate").then().statusCode(200);
            return awaitSignInSees(userId, id);
        }
    }

    /** The one-time code factor-service sent for {@code factorId} (notification.sms or .email on the outbound topic). */
    static String smsCode(TopicProbe notifications, String factorId) {
        var event = notifications.await(Duration.ofSeconds(40),
                r -> r.value() != null && r.value().contains("\"factorId\":\"" + factorId + "\""));
        return ((Notification) event.data()).code();
    }
}
