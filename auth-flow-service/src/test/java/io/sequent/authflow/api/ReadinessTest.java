package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void becomesReadyOnceTheReadModelsCaughtUpWithRealRedisAndBrokerChecks() {
        // not ready while the read models replay the topics: wait for that, then look at the checks. The
        // test group replays the whole users topic, which every test run on this broker makes longer
        // (over 100,000 records here, about 1,500 a second on a busy 2-core machine): wait generously.
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check", "Kafka connection health check",
                        "Read models caught up"));
    }

    @Test
    void sendsJsonAsExactlyApplicationJsonWithoutCharset() {
        // Okta's Java SDK rejects "application/json;charset=UTF-8"; health is one of the responses Quarkus decorates
        given().when().get("/q/health/ready").then().header("Content-Type", equalTo("application/json"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).header("Content-Type", equalTo("application/json"));
    }
}
