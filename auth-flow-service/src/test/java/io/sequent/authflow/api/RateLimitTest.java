package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.testing.OidcTestResource;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis-counted limits with small settings; each test comes from an IP of its own (X-Forwarded-For). */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sequent.authn.rate-limit.ip.limit", "5",
                    "sequent.authn.rate-limit.username.limit", "3",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    PolicySnapshots policies;

    @BeforeEach
    void policy() {
        policies.offer(AuthnFixtures.policy());
    }

    private static String randomIp() {
        var r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static ValidatableResponse post(String ip, String path, Object body) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).body(body).post(path).then();
    }

    @Test
    void tooManyCallsFromOneIpAnswer429WithTheRateLimitHeaders() {
        String ip = randomIp();
        for (int i = 0; i < 5; i++) {
            post(ip, "/api/v1/authn", Map.of("stateToken", "nothing")).statusCode(401);
        }
        post(ip, "/api/v1/authn/cancel", Map.of("stateToken", "nothing")).statusCode(429)
                .header("Content-Type", "application/json")
                .body("errorCode", equalTo("E0000047"))
                .header("X-Rate-Limit-Limit", "5")
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", Matchers.matchesPattern("\\d{10}"))
                .header("Date", not(Matchers.emptyOrNullString()));
        // another client is not affected
        post(randomIp(), "/api/v1/authn", Map.of("stateToken", "nothing")).statusCode(401).body("errorCode", equalTo("E0000011"));
    }

    @Test
    void tooManyPrimaryAuthenticationsForOneUsernameAnswer429FromAnyIp() {
        String username = AuthnFixtures.newUsername("limited");
        for (int i = 0; i < 3; i++) {
            post(randomIp(), "/api/v1/authn", Map.of("username", username, "password", "guess" + i)).statusCode(401)
                    .body("errorCode", equalTo("E0000004"));
        }
        post(randomIp(), "/api/v1/authn", Map.of("username", username.toUpperCase(), "password", "guess")).statusCode(429)
                .body("errorCode", equalTo("E0000047")).header("X-Rate-Limit-Limit", "3");
        post(randomIp(), "/api/v1/authn", Map.of("username", AuthnFixtures.newUsername("other"), "password", "x"))
                .statusCode(401);
    }
}
