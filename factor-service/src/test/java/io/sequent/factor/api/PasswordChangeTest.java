package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** auth-flow's change_password: POST /internal/v1/users/{userId}/factors/password/change. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class PasswordChangeTest {

    static final String OLD = "Old-pass-phrase-1";
    static final String NEW = "New-pass-phrase-2";

    static String enrollPassword(String userId, String password) {
        Fixtures.remember(password);
        return admin().body(Map.of("factorType", "password", "profile", Map.of("password", password)))
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
    }

    static Map<String, String> change(String userId, String oldPassword, String newPassword) {
        Fixtures.remember(oldPassword);
        Fixtures.remember(newPassword);
        return internal().body(Map.of("oldPassword", oldPassword, "newPassword", newPassword))
                .post("/internal/v1/users/" + userId + "/factors/password/change").then().statusCode(200).extract().path("$");
    }

    static String verify(String userId, String factorId, String password) {
        return internal().body(Map.of("password", password)).post("/internal/v1/users/" + userId + "/factors/" + factorId + "/verify")
                .then().statusCode(200).extract().path("outcome");
    }

    @Test
    void changesTheHashGrowsTheVersionAndPublishesFactorReset() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollPassword(userId, OLD);
        long before = (Long) row("select version from factor where id = ?", UUID.fromString(factorId)).get("version");
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            assertThat(change(userId, OLD, NEW)).containsEntry("outcome", "CHANGED");
            var reset = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_RESET.typeName());
            FactorEvent event = (FactorEvent) reset.data();
            assertThat(event.factorId()).isEqualTo(factorId);
            assertThat(event.status()).isEqualTo("ACTIVE");
            assertThat(event.reason()).isEqualTo("password changed");
        }
        assertThat(row("select version from factor where id = ?", UUID.fromString(factorId))).containsEntry("version", before + 1);
        assertThat(verify(userId, factorId, NEW)).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, OLD)).isEqualTo("INVALID");
    }

    @Test
    void refusesAWrongOldPasswordAndANewOneThatBreaksThePolicy() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollPassword(userId, OLD);
        String username = "user-" + userId.substring(0, 8);
        assertThat(change(userId, "Not-the-old-one", NEW)).containsEntry("outcome", "INVALID_OLD");
        assertThat(change(userId, OLD, "Sh0rt!")).containsEntry("outcome", "POLICY");
        assertThat(change(userId, OLD, OLD)).containsEntry("outcome", "POLICY")
                .containsEntry("message", "the new password must differ from the old one");
        assertThat(change(userId, OLD, "x" + username.toUpperCase() + "!9")).containsEntry("outcome", "POLICY")
                .containsEntry("message", "the new password must not contain the username");
        // nothing changed
        assertThat(verify(userId, factorId, OLD)).isEqualTo("SUCCESS");
    }

    @Test
    void wrongOldPasswordsLockThePasswordFactor() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollPassword(userId, OLD);
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            for (int i = 0; i < 4; i++) {
                assertThat(change(userId, "wrong-old-" + i, NEW)).containsEntry("outcome", "INVALID_OLD");
            }
            // the test profile locks at the fifth failure
            assertThat(change(userId, "wrong-old-4", NEW)).containsEntry("outcome", "LOCKED");
            probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_LOCKED.typeName());
        }
        assertThat(change(userId, OLD, NEW)).containsEntry("outcome", "LOCKED");
        assertThat(verify(userId, factorId, OLD)).isEqualTo("LOCKED");
    }

    @Test
    void isNotSupportedForDirectoryUsersAndUsersWithoutAPassword() {
        String directoryUser = Fixtures.newUser(UserSource.DIRECTORY);
        assertThat(change(directoryUser, OLD, NEW)).containsEntry("outcome", "NOT_SUPPORTED");
        String noPassword = Fixtures.newUser(UserSource.LOCAL);
        assertThat(change(noPassword, OLD, NEW)).containsEntry("outcome", "NOT_SUPPORTED");
    }

    @Test
    void badInputIsAProblemAndOnlyTheSignInServiceMayCallIt() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String path = "/internal/v1/users/" + userId + "/factors/password/change";
        internal().body("{\"oldPassword\": \"x\"}").post(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        internal().post(path).then().statusCode(400);
        internal().body(Map.of("oldPassword", OLD, "newPassword", NEW)).post("/internal/v1/users/" + UUID.randomUUID()
                + "/factors/password/change").then().statusCode(404);
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("oldPassword", OLD, "newPassword", NEW)).post(path).then().statusCode(403);
    }

    @Test
    void theDecoyPasswordCheckDoesTheArgon2WorkForAnyoneAndNeverSucceeds() {
        String nobody = UUID.randomUUID().toString();
        String path = "/internal/v1/users/" + nobody + "/factors/password/decoy-verify";
        internal().body(Map.of("password", OLD)).post(path).then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("INVALID"));
        internal().body("{}").post(path).then().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo("INVALID"));
        // as long as checking a real user's wrong password: the same Argon2id work (timing is measured in bench, not here)
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("password", OLD)).post(path).then().statusCode(403);
    }
}
