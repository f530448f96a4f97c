package io.sequent.directory.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class UserApiTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsLocalUserStoresItAndPublishesCreatedEvent() {
        String username = unique("dana");
        try (TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("""
                            {"username": "%s", "email": "dana@acme.example", "firstName": "Dana",
                             "memberships": [{"orgId": "acme", "roles": ["staff"]}]}""".formatted(username))
                    .when().post("/api/v1/users")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/users/"))
                    .header("ETag", equalTo("\"1\""))
                    .body("username", equalTo(username))
                    .body("source", equalTo("LOCAL"))
                    .body("status", equalTo("ACTIVE"))
                    .body("defaultOrgId", equalTo("acme"))
                    .extract().path("userId");

            given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/users/" + id)
                    .then().statusCode(200).body("username", equalTo(username)).body("version", equalTo(1));

            CloudEvent<?> event = probe.await(Duration.ofSeconds(20), id, EventType.DIRECTORY_USER_CREATED.typeName());
            UserSnapshot user = (UserSnapshot) event.data();
            assertThat(event.subjectversion()).isEqualTo(1L);
            assertThat(user.userId()).isEqualTo(id);
            assertThat(user.username()).isEqualTo(username);
            assertThat(user.source()).isEqualTo(UserSource.LOCAL);
            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(user.memberships()).singleElement().satisfies(m -> assertThat(m.roles()).containsExactly("staff"));
        }
    }

    @Test
    void refusesASecondUserWithTheSameUsernameInAnyCase() {
        String username = unique("erin");
        String body = "{\"username\": \"%s\"}";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body.formatted(username))
                .post("/api/v1/users").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body.formatted(username.toUpperCase()))
                .post("/api/v1/users").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Conflict"));
    }

    @Test
    void findsOneUserByUsernameInAnyCase() {
        String username = unique("fern");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"username\": \"" + username + "\"}")
                .post("/api/v1/users").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).queryParam("username", username.toUpperCase()).get("/api/v1/users")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].username", equalTo(username));
        given().auth().oauth2(TestTokens.admin()).queryParam("username", unique("nobody")).get("/api/v1/users")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void requiresAnAdminToken() {
        given().contentType(ContentType.JSON).body("{\"username\":\"x\"}").post("/api/v1/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("someone", "user")).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(TestTokens.foreign("admin")).get("/api/v1/users").then().statusCode(401);
    }

    @Test
    void answersBadInputWithProblemDetails() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"username\": ")
                .post("/api/v1/users").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("detail", not(containsString("Exception")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\": \"has space\", \"email\": \"not-an-email\"}")
                .post("/api/v1/users").then().statusCode(400)
                .body("errors.pointer", hasItem("/username"))
                .body("errors.pointer", hasItem("/email"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"username\": [1, 2]}")
                .post("/api/v1/users").then().statusCode(400).body("detail", containsString("username"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("null")
                .post("/api/v1/users").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\": \"" + "a".repeat(300_000) + "\"}")
                .post("/api/v1/users").then().statusCode(413);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/users?limit=100000").then().statusCode(400);
    }

    private static String createLocal(String username) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"memberships\": [{\"orgId\": \"acme\", \"roles\": [\"staff\"]}]}"
                        .formatted(username))
                .post("/api/v1/users").then().statusCode(201).extract().path("userId");
    }

    @Test
    void updatesDisablesEnablesAndDeletesALocalUserWithOneEventPerChange() {
        String username = unique("fay");
        // the probe opens first: the created event may reach the topic a moment after the API answered
        try (TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String id = createLocal(username);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"email\": \"fay@acme.example\"}").patch("/api/v1/users/" + id)
                    .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("email", equalTo("fay@acme.example"));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"memberships\": [{\"orgId\": \"acme\", \"roles\": [\"staff\", \"admin\"]}]}")
                    .patch("/api/v1/users/" + id).then().statusCode(200).body("version", equalTo(3));
            // nothing changed: no new version, no event
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"email\": \"fay@acme.example\"}").patch("/api/v1/users/" + id)
                    .then().statusCode(200).body("version", equalTo(3));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"status\": \"DISABLED\"}")
                    .put("/api/v1/users/" + id + "/status").then().statusCode(200).body("status", equalTo("DISABLED"));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"status\": \"ACTIVE\"}")
                    .put("/api/v1/users/" + id + "/status").then().statusCode(200).body("version", equalTo(5));
            given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"4\"").delete("/api/v1/users/" + id)
                    .then().statusCode(412);
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/users/" + id).then().statusCode(204);
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/users/" + id).then().statusCode(200)
                    .body("status", equalTo("DELETED")).body("version", equalTo(6));
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/users/" + id).then().statusCode(404);

            var expected = java.util.List.of(EventType.DIRECTORY_USER_CREATED, EventType.DIRECTORY_USER_UPDATED,
                    EventType.DIRECTORY_USER_ROLES_CHANGED,
                    EventType.DIRECTORY_USER_DISABLED, EventType.DIRECTORY_USER_ENABLED, EventType.DIRECTORY_USER_DELETED);
            java.util.List<String> types = new java.util.ArrayList<>();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
            while (types.size() < expected.size() && java.time.Instant.now().isBefore(deadline)) {
                types = probe.drain(Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key()))
                        .map(r -> io.sequent.events.EventCodec.decode(r.value()).orElseThrow().type()).toList();
            }
            assertThat(types).containsExactlyElementsOf(expected.stream().map(EventType::typeName).toList());
        }
        // the name is free again
        createLocal(username);
    }

    @Test
    void refusesChangesThatMakeNoSense() {
        String id = createLocal(unique("gus"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"defaultOrgId\": \"globex\"}")
                .patch("/api/v1/users/" + id).then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"email\": \"nope\"}")
                .patch("/api/v1/users/" + id).then().statusCode(400).body("errors.pointer", hasItem("/email"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"status\": \"DELETED\"}")
                .put("/api/v1/users/" + id + "/status").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "banana")
                .body("{\"email\": \"a@b.example\"}").patch("/api/v1/users/" + id).then().statusCode(412);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"email\": \"a@b.example\"}")
                .patch("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TestTokens.token("someone", "user")).delete("/api/v1/users/" + id).then().statusCode(403);
    }
}
