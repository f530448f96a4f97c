package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sequent.events.EventType;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Password checks by LDAP bind against the real directory; every AD sub-code becomes its outcome. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class DelegatedAuthenticationTest {

    static String service() {
        return TestTokens.token("factor-service", "service");
    }

    static String userId(String dirId, String username) {
        return Db.query("select id from directory_user where directory_id = ? and username = ?",
                UUID.fromString(dirId), username).get(0).get("id").toString();
    }

    static ValidatableResponse authenticate(String userId, String password) {
        return given().auth().oauth2(service()).contentType(ContentType.JSON)
                .body("{\"userId\": \"%s\", \"password\": \"%s\"}".formatted(userId, password))
                .post("/internal/v1/authenticate").then();
    }

    @Test
    void bindOutcomesFollowTheDirectoryAndARevealedStatusIsStoredAndPublished() {
        try (SampleDirectory ad = new SampleDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String ok = ad.addUser("ok");
            String off = ad.addUser("off");
            String must = ad.addUser("must");
            String old = ad.addUser("old");
            String gone = ad.addUser("gone");
            String locked = ad.addUser("locked");
            String dirId = Api.createDirectory(ad, false, 5);
            Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));

            authenticate(userId(dirId, ok), SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("SUCCESS")).body("user.username", equalTo(ok));
            authenticate(userId(dirId, ok), "wrong-password").statusCode(200).body("outcome", equalTo("INVALID_CREDENTIALS"));
            authenticate(userId(dirId, ok), "").statusCode(200).body("outcome", equalTo("INVALID_CREDENTIALS"));

            // disabled in the directory after the import: the bind reveals it, the store and the topic learn it at once
            ad.disable(off);
            String offId = userId(dirId, off);
            authenticate(offId, SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("DISABLED")).body("user.status", equalTo("DISABLED")).body("user.version", equalTo(2));
            UserSnapshot published = (UserSnapshot) DirectoryImportTest.awaitUserEvent(probe, off,
                    EventType.DIRECTORY_USER_DISABLED).data();
            assertThat(published.status()).isEqualTo(UserStatus.DISABLED);
            assertThat(Db.query("select status from directory_user where id = ?", UUID.fromString(offId)).get(0).get("status"))
                    .isEqualTo("DISABLED");

            ad.set(must, "pwdLastSet", "0");
            authenticate(userId(dirId, must), SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("MUST_CHANGE_PASSWORD")).body("user.passwordMustChange", equalTo(true));

            ad.set(gone, "accountExpires", "1");
            authenticate(userId(dirId, gone), SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("ACCOUNT_EXPIRED")).body("user.accountExpiresAt", startsWith("1601-01-01"));

            ad.agePassword(old);
            authenticate(userId(dirId, old), SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("PASSWORD_EXPIRED")).body("user.passwordExpired", equalTo(true));

            ad.lock(locked);
            authenticate(userId(dirId, locked), SampleDirectory.PASSWORD).statusCode(200)
                    .body("outcome", equalTo("LOCKED_OUT")).body("user.status", equalTo("LOCKED_OUT"));

            // live status: read from the directory now
            given().auth().oauth2(service()).get("/internal/v1/users/" + userId(dirId, ok) + "/live-status")
                    .then().statusCode(200).body("status", equalTo("ACTIVE")).body("source", equalTo("DIRECTORY"))
                    .body("accountExpired", equalTo(false));
            given().auth().oauth2(service()).get("/internal/v1/users/" + userId(dirId, gone) + "/live-status")
                    .then().statusCode(200).body("accountExpired", equalTo(true));

            // the directory goes away: binds answer 503 (never a success); live status follows the setting
            Db.update("update directory set url = 'ldap://127.0.0.1:1', version = version + 1 where id = ?", UUID.fromString(dirId));
            authenticate(userId(dirId, ok), SampleDirectory.PASSWORD).statusCode(503)
                    .contentType(startsWith("application/problem+json"));
            given().auth().oauth2(service()).get("/internal/v1/users/" + userId(dirId, off) + "/live-status")
                    .then().statusCode(200).body("source", equalTo("LAST_IMPORTED")).body("status", equalTo("DISABLED"));
            Db.update("update directory set live_status_unreachable = 'REFUSE' where id = ?", UUID.fromString(dirId));
            given().auth().oauth2(service()).get("/internal/v1/users/" + userId(dirId, off) + "/live-status")
                    .then().statusCode(503);
        }
    }

    @Test
    void localAndUnknownUsersAreNotDirectoryUsers() {
        String local = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\": \"local-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .post("/api/v1/users").then().statusCode(201).extract().path("userId");
        authenticate(local, "whatever").statusCode(200).body("outcome", equalTo("NOT_A_DIRECTORY_USER"));
        authenticate(UUID.randomUUID().toString(), "whatever").statusCode(200).body("outcome", equalTo("NO_SUCH_USER"));
        given().auth().oauth2(service()).get("/internal/v1/users/" + local + "/live-status").then().statusCode(422);
        given().auth().oauth2(service()).get("/internal/v1/users/" + UUID.randomUUID() + "/live-status").then().statusCode(404);
    }

    @Test
    void requiresAServiceTokenAndAnswersBadInputWithProblems() {
        given().contentType(ContentType.JSON).body("{}").post("/internal/v1/authenticate").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"userId\": \"" + UUID.randomUUID() + "\", \"password\": \"x\"}")
                .post("/internal/v1/authenticate").then().statusCode(403);
        given().auth().oauth2(service()).contentType(ContentType.JSON).body("{\"userId\": \"not-a-uuid\", \"password\": \"x\"}")
                .post("/internal/v1/authenticate").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(service()).contentType(ContentType.JSON).body("{\"password\": \"x\"}")
                .post("/internal/v1/authenticate").then().statusCode(400);
        given().auth().oauth2(service()).get("/internal/v1/users/nope/live-status").then().statusCode(404);
    }
}
