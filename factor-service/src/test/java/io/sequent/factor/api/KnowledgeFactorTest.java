package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.InjectMock;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.factor.client.DirectoryClient;
import io.sequent.factor.domain.VerifyOutcome;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class KnowledgeFactorTest {

    /** directory-sync is another service: its client is the one thing mocked. */
    @InjectMock
    DirectoryClient directory;

    static String enrollQuestion(String userId, String answer) {
        Fixtures.remember(answer);
        return admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \"disliked_food\", \"answer\": \"" + answer + "\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("profile.question", equalTo("disliked_food"))
                .body("profile.questionText", notNullValue())
                .extract().path("id");
    }

    static String verify(String userId, String factorId, String field, String value) {
        return internal().body("{\"" + field + "\": \"" + value + "\"}")
                .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                .then().statusCode(200).extract().path("outcome");
    }

    @Test
    void questionAnswersAreHashedAndComparedIgnoringCaseAndSpaces() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "Brussels  Sprouts");
        var stored = row("select verifier, secret from factor where id = ?", UUID.fromString(factorId));
        assertThat((String) stored.get("verifier")).startsWith("$hmac-sha256$k=k1$").doesNotContainIgnoringCase("sprouts");
        assertThat(verify(userId, factorId, "answer", "  brussels sprouts ")).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, "answer", "carrots")).isEqualTo("INVALID");
        internal().post("/internal/v1/users/" + userId + "/factors/" + factorId + "/challenge")
                .then().statusCode(200).body("status", equalTo("READY")).body("question", equalTo("disliked_food"));
    }

    @Test
    void localPasswordsAreArgon2idHashed() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        Fixtures.remember("Tr0ub4dor&3-long");
        String factorId = admin().body("{\"factorType\": \"password\", \"profile\": {\"password\": \"Tr0ub4dor&3-long\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).body("status", equalTo("ACTIVE")).extract().path("id");
        assertThat((String) row("select verifier from factor where id = ?", UUID.fromString(factorId)).get("verifier"))
                .startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(verify(userId, factorId, "password", "Tr0ub4dor&3-long")).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, "password", "tr0ub4dor&3-long")).isEqualTo("INVALID");
        admin().body("{\"factorType\": \"password\", \"profile\": {\"password\": \"short\"}}")
                .post("/api/v1/users/" + Fixtures.newUser(UserSource.LOCAL) + "/factors").then().statusCode(400);
    }

    @Test
    void directoryPasswordsAreCheckedByTheDirectoryAndFailClosed() {
        String userId = Fixtures.newUser(UserSource.DIRECTORY);
        String factorId = admin().body("{\"factorType\": \"password\"}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("provider", equalTo("ACTIVE_DIRECTORY")).body("status", equalTo("ACTIVE")).extract().path("id");
        UUID user = UUID.fromString(userId);
        Mockito.when(directory.checkPassword(user, "right")).thenReturn(Uni.createFrom().item(VerifyOutcome.SUCCESS));
        Mockito.when(directory.checkPassword(user, "expired")).thenReturn(Uni.createFrom().item(VerifyOutcome.PASSWORD_EXPIRED));
        Mockito.when(directory.checkPassword(user, "down")).thenReturn(Uni.createFrom().failure(new RuntimeException("timeout")));
        assertThat(verify(userId, factorId, "password", "right")).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, "password", "expired")).isEqualTo("PASSWORD_EXPIRED");
        assertThat(verify(userId, factorId, "password", "down")).isEqualTo("UNAVAILABLE");
        // a directory user's password is never stored here
        admin().body("{\"factorType\": \"password\", \"profile\": {\"password\": \"whatever-long\"}}")
                .post("/api/v1/users/" + Fixtures.newUser(UserSource.DIRECTORY) + "/factors").then().statusCode(400);
    }

    @Test
    void repeatedFailuresLockTheFactorPublishFactorLockedAndAnAdminUnlocks() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "blue cheese");
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            for (int i = 1; i < 5; i++) {
                assertThat(verify(userId, factorId, "answer", "wrong " + i)).isEqualTo("INVALID");
            }
            internal().body("{\"answer\": \"wrong 5\"}").post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                    .then().statusCode(200).body("outcome", equalTo("LOCKED")).body("lockedUntil", notNullValue());
            // locked: even the right answer is refused
            assertThat(verify(userId, factorId, "answer", "blue cheese")).isEqualTo("LOCKED");
            var locked = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_LOCKED.typeName());
            assertThat(((FactorEvent) locked.data()).factorId()).isEqualTo(factorId);
            assertThat(((FactorEvent) locked.data()).lockedUntil()).isNotNull();
        }
        // users cannot unlock themselves
        io.restassured.RestAssured.given().auth().oauth2(io.sequent.testing.TestTokens.token(userId))
                .post("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/unlock").then().statusCode(403);
        admin().post("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/unlock").then().statusCode(204);
        assertThat(verify(userId, factorId, "answer", "blue cheese")).isEqualTo("SUCCESS");
    }

    static String verifyIn(String transactionId, String userId, String factorId, String answer) {
        return internal().body("{\"answer\": \"" + answer + "\", \"transactionId\": \"" + transactionId + "\"}")
                .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                .then().statusCode(200).extract().path("outcome");
    }

    @Test
    void failuresAreAlsoCountedPerSignInTransaction() {
        // tests: 3 failures in a transaction lock, 5 per user (production: 5 and 10)
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "olives");
        // two transactions with two failures each: 4 for the user, 2 in each transaction: not locked
        assertThat(verifyIn("tx-a", userId, factorId, "wrong 1")).isEqualTo("INVALID");
        assertThat(verifyIn("tx-a", userId, factorId, "wrong 2")).isEqualTo("INVALID");
        assertThat(verifyIn("tx-b", userId, factorId, "wrong 3")).isEqualTo("INVALID");
        assertThat(verifyIn("tx-b", userId, factorId, "wrong 4")).isEqualTo("INVALID");
        assertThat(verifyIn("tx-b", userId, factorId, "olives")).isEqualTo("SUCCESS"); // a success clears the user's count

        // the third failure within one transaction locks, though the user's count is far from its limit
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            String bea = Fixtures.newUser(UserSource.LOCAL);
            String other = enrollQuestion(bea, "capers");
            assertThat(verifyIn("tx-c", bea, other, "wrong 1")).isEqualTo("INVALID");
            assertThat(verifyIn("tx-c", bea, other, "wrong 2")).isEqualTo("INVALID");
            assertThat(verifyIn("tx-c", bea, other, "wrong 3")).isEqualTo("LOCKED");
            assertThat(verifyIn("tx-d", bea, other, "capers")).isEqualTo("LOCKED");
            var locked = probe.await(Duration.ofSeconds(20), bea, EventType.FACTOR_LOCKED.typeName());
            assertThat(((FactorEvent) locked.data()).factorId()).isEqualTo(other);
        }
        internal().body("{\"answer\": \"x\", \"transactionId\": \"not valid!\"}")
                .post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify").then().statusCode(400);
    }
}
