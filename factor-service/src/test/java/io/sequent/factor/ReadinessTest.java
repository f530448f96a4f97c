package io.sequent.factor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.testing.OidcTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class ReadinessTest {

    @Test
    void isReadyWithRealInfrastructureChecks() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check", "Reactive PostgreSQL connections health check", "Kafka connection health check"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
        given().get("/q/metrics").then().statusCode(200);
    }
}
