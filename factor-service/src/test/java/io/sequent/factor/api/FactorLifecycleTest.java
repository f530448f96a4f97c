package io.sequent.factor.api;

import static io.restassured.RestAssured.given;
import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class FactorLifecycleTest {

    @Test
    void resetWipesTheSecretHidesTheFactorAndPublishesFactorReset() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = TotpFactorTest.enrollTotp(userId).factorId();
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            admin().delete("/api/v1/users/" + userId + "/factors/" + factorId).then().statusCode(204);
            var reset = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_RESET.typeName());
            assertThat(((FactorEvent) reset.data()).factorId()).isEqualTo(factorId);
            assertThat(((FactorEvent) reset.data()).status()).isEqualTo("INACTIVE");
        }
        var stored = row("select status, secret, secret_key_id from factor where id = ?", UUID.fromString(factorId));
        assertThat(stored.get("status")).isEqualTo("INACTIVE");
        assertThat(stored.get("secret")).isNull();
        admin().get("/api/v1/users/" + userId + "/factors").then().statusCode(200).body("$", hasSize(0));
        admin().delete("/api/v1/users/" + userId + "/factors/" + factorId).then().statusCode(404);
        // a new enrollment of the type is possible again
        TotpFactorTest.enrollTotp(userId);
    }

    @Test
    void anActiveFactorOfTheSameTypeIsAConflictAPendingOneIsReplaced() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String first = TotpFactorTest.enrollTotp(userId).factorId();
        String second = TotpFactorTest.enrollTotp(userId).factorId();
        assertThat(row("select status from factor where id = ?", UUID.fromString(first)).get("status")).isEqualTo("INACTIVE");
        KnowledgeFactorTest.enrollQuestion(userId, "some answer");
        admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \"favorite_toy\", \"answer\": \"teddy bear\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        admin().get("/api/v1/users/" + userId + "/factors").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(second));
        internal().queryParam("status", "ACTIVE").get("/internal/v1/users/" + userId + "/factors")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].factorType", equalTo("question"));
    }

    @Test
    void aDeletedUsersFactorsAreDeactivatedAndOlderSnapshotsAreIgnored() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = KnowledgeFactorTest.enrollQuestion(userId, "deleted user answer");
        // version 3 keeps the user; version 2 (DELETED) arrives late and must be ignored
        Fixtures.publishUser(userId, 3, UserSource.LOCAL, UserStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(3).equals(
                row("select version from factor_user where user_id = ?", UUID.fromString(userId)).get("version")));
        Fixtures.publishUser(userId, 2, UserSource.LOCAL, UserStatus.DELETED);
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            Fixtures.publishUser(userId, 4, UserSource.LOCAL, UserStatus.DELETED);
            var reset = probe.await(Duration.ofSeconds(30), userId, EventType.FACTOR_RESET.typeName());
            assertThat(((FactorEvent) reset.data()).reason()).isEqualTo("user deleted");
        }
        assertThat(row("select status from factor where id = ?", UUID.fromString(factorId)).get("status")).isEqualTo("INACTIVE");
        assertThat(row("select version, status from factor_user where user_id = ?", UUID.fromString(userId)))
                .containsEntry("version", 4L).containsEntry("status", "DELETED");
        internal().get("/internal/v1/users/" + userId + "/factors").then().statusCode(404);
    }

    @Test
    void requiresATokenAndTheRightRole() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String path = "/api/v1/users/" + userId + "/factors";
        given().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreign("admin")).get(path).then().statusCode(401);
        // another user's token
        given().auth().oauth2(TestTokens.token(UUID.randomUUID().toString(), "user")).get(path).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        // the user themself
        given().auth().oauth2(TestTokens.token(userId, "user")).get(path).then().statusCode(200);
        given().auth().oauth2(TestTokens.token(userId, "user")).contentType(ContentType.JSON)
                .body("{\"factorType\": \"token:software:totp\"}").post(path).then().statusCode(200);
        // the internal API is for services only
        String internalPath = "/internal/v1/users/" + userId + "/factors";
        given().get(internalPath).then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).get(internalPath).then().statusCode(403);
        given().auth().oauth2(TestTokens.token(userId, "user")).get(internalPath).then().statusCode(403);
    }

    @Test
    void badInputIsAProblemNeverA500() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String path = "/api/v1/users/" + userId + "/factors";
        admin().body("{\"factorType\": \"carrier-pigeon\"}").post(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("/factorType"));
        admin().body("{\"factorType\": \"webauthn\", \"provider\": \"GOOGLE\"}").post(path).then().statusCode(400);
        admin().body("{\"factorType\": ").post(path).then().statusCode(400).contentType(startsWith("application/problem+json"));
        admin().body("[1, 2]").post(path).then().statusCode(400).contentType(startsWith("application/problem+json"));
        admin().post(path).then().statusCode(400).contentType(startsWith("application/problem+json"));
        admin().body("{}").post(path).then().statusCode(400).body("errors[0].pointer", equalTo("/factorType"));
        admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \"nope\", \"answer\": \"long enough\"}}")
                .post(path).then().statusCode(400);
        admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \"favorite_toy\", \"answer\": \" a \"}}")
                .post(path).then().statusCode(400);
        admin().body("{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"" + "9".repeat(40) + "\"}}")
                .post(path).then().statusCode(400);
        admin().body("{\"factorType\": \"token:software:totp\"}").post("/api/v1/users/" + UUID.randomUUID() + "/factors")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        admin().get(path + "/not-a-uuid").then().statusCode(404).contentType(startsWith("application/problem+json"));
        admin().get(path + "/" + UUID.randomUUID()).then().statusCode(404);

        String factorId = TotpFactorTest.enrollTotp(userId).factorId();
        admin().body("{}").post(path + "/" + factorId + "/lifecycle/activate").then().statusCode(400);
        admin().body("{\"passCode\": \"" + "1".repeat(40) + "\"}").post(path + "/" + factorId + "/lifecycle/activate").then().statusCode(400);
        // pending factors cannot be verified; the internal verify needs a body and the input for the type
        internal().body("{\"passCode\": \"123456\"}").post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                .then().statusCode(409);
        String questionId = KnowledgeFactorTest.enrollQuestion(userId, "some answer");
        internal().post("/internal/v1/users/" + userId + "/factors/" + questionId + "/verify").then().statusCode(400);
        internal().body("{}").post("/internal/v1/users/" + userId + "/factors/" + questionId + "/verify").then().statusCode(400)
                .body("detail", startsWith("/answer"));
        internal().queryParam("status", "WHATEVER").get("/internal/v1/users/" + userId + "/factors").then().statusCode(400);
        admin().post(path + "/" + questionId + "/resend").then().statusCode(409);
    }
}
