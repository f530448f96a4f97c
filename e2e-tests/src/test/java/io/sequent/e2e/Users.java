package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/** directory-sync's users as an admin creates them, and the waits until the other services know them. */
final class Users {

    private Users() {
    }

    static RequestSpecification admin() {
        return given().baseUri(Suite.Service.DIRECTORY_SYNC.url()).auth().oauth2(Suite.adminToken()).contentType(ContentType.JSON);
    }

    static String unique(String name) {
        return "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A local user in {@code orgId} (none when null) holding {@code roles} there; returns its id once
     * auth-flow and factor-service know it.
     */
    static String local(String username, String orgId, String... roles) {
        String roleList = roles.length == 0 ? "[]" : "[\"" + String.join("\", \"", roles) + "\"]";
        String memberships = orgId == null ? "[]" : "[{\"orgId\": \"" + orgId + "\", \"roles\": " + roleList + "}]";
        String id = admin().body("{\"username\": \"" + username + "\", \"firstName\": \"E2E\", \"lastName\": \"" + username
                        + "\", \"memberships\": " + memberships + "}")
                .post("/api/v1/users").then().statusCode(201).extract().path("userId");
        awaitKnown(id, username);
        return id;
    }

    /** Waits until auth-flow's read model resolves the username and factor-service knows the user. */
    static void awaitKnown(String userId, String username) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> userId.equals(Redis.get(Suite.REDIS_DB, "sequent:authflow:username:" + username.toLowerCase(Locale.ROOT))));
        Factors.awaitKnown(userId);
    }

    /** Waits until auth-flow's read model holds {@code status} for the user (its snapshot JSON in Redis). */
    static void awaitReadModelStatus(String userId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String json = Redis.hget(Suite.REDIS_DB, "sequent:authflow:user:" + userId, "json");
            return json != null && json.contains("\"status\":\"" + status + "\"");
        });
    }
}
