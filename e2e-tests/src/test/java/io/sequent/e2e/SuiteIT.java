package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The four services as separate processes on the real infrastructure. */
class SuiteIT {

    @BeforeAll
    static void startSuite() {
        Suite.get();
    }

    @ParameterizedTest
    @EnumSource(Suite.Service.class)
    void everyServiceReportsReady(Suite.Service service) {
        given().baseUri(service.url()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aUserCreatedInDirectorySyncReachesAuthFlowsReadModelThroughTheBroker() {
        String username = "ivy-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String id = given().baseUri(Suite.Service.DIRECTORY_SYNC.url())
                    .auth().oauth2(Suite.adminToken()).contentType(ContentType.JSON)
                    .body("{\"username\": \"" + username + "\", \"memberships\": [{\"orgId\": \"acme\", \"roles\": [\"staff\"]}]}")
                    .post("/api/v1/users")
                    .then().statusCode(201).extract().path("userId");

            CloudEvent<?> event = probe.await(Duration.ofSeconds(20), id, EventType.DIRECTORY_USER_CREATED.typeName());
            assertThat(((UserSnapshot) event.data()).username()).isEqualTo(username);

            // auth-flow consumed it from the topic into its Redis read model (username index -> user id)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> id.equals(Redis.get(Suite.REDIS_DB, "sequent:authflow:username:" + username)));
        }
    }

    @Test
    void adminApisTrustOnlyAuthFlowsTokensWithTheAdminRole() {
        String directory = Suite.Service.DIRECTORY_SYNC.url();
        given().baseUri(directory).auth().oauth2(Suite.adminToken()).get("/api/v1/users").then().statusCode(200);
        given().baseUri(directory).get("/api/v1/users").then().statusCode(401);
        // well-formed, admin role, but signed by a key auth-flow does not publish
        given().baseUri(directory).auth().oauth2(TestTokens.foreign("admin")).get("/api/v1/users").then().statusCode(401);
        // a real token of auth-flow for a service client: authenticated, not an admin
        given().baseUri(directory).auth().oauth2(Suite.clientToken("factor-service", "local-factor-secret"))
                .get("/api/v1/users").then().statusCode(403);
    }
}
