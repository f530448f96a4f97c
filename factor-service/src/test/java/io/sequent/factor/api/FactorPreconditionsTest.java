package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.UserSource;
import io.sequent.testing.OidcTestResource;
import org.junit.jupiter.api.Test;

/** ETags (the factor's version) on reads and writes, and If-Match on activate, reset and unlock. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class FactorPreconditionsTest {

    @Test
    void activateAndResetHonourIfMatchAndAnswerTheNewETag() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        var totp = TotpFactorTest.enrollTotp(userId);
        String path = "/api/v1/users/" + userId + "/factors/" + totp.factorId();
        admin().get(path).then().statusCode(200).header("ETag", equalTo("\"1\""));

        long step = TotpFactorTest.freshStep();
        String code = TotpFactorTest.codeAt(totp.seed(), step);
        admin().header("If-Match", "\"7\"").body("{\"passCode\": \"" + code + "\"}").post(path + "/lifecycle/activate")
                .then().statusCode(412).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("\"1\""));
        admin().header("If-Match", "\"1\"").body("{\"passCode\": \"" + code + "\"}").post(path + "/lifecycle/activate")
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("status", equalTo("ACTIVE"));

        // an admin who read version 1 cannot reset what changed since
        admin().header("If-Match", "\"1\"").delete(path).then().statusCode(412).contentType(startsWith("application/problem+json"));
        admin().header("If-Match", "W/\"2\"").delete(path).then().statusCode(204);
    }

    @Test
    void enrollAnswersTheETagAndUnlockHonoursIfMatch() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = admin().body("{\"factorType\": \"question\", \"profile\": {\"question\": \"favorite_toy\", "
                        + "\"answer\": \"wooden horse\"}}").post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).extract().path("id");
        Fixtures.remember("wooden horse");
        String path = "/api/v1/users/" + userId + "/factors/" + factorId;
        admin().header("If-Match", "\"3\", \"4\"").post(path + "/lifecycle/unlock").then().statusCode(412);
        admin().header("If-Match", "\"3\", \"1\"").post(path + "/lifecycle/unlock").then().statusCode(204);
        admin().header("If-Match", "*").post(path + "/lifecycle/unlock").then().statusCode(204);
        admin().header("If-Match", "not-an-etag").delete(path).then().statusCode(412);
        admin().delete(path).then().statusCode(204);
    }
}
