package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A directory configuration that cannot work is refused with a clear problem, before anything is saved. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class DirectoryConfigTest {

    static void post(String body, int status, String detailPart) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/directories").then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString(detailPart));
    }

    @Test
    void refusesAnUnreachableUrlAWrongPasswordABadFilterAndAMissingBase() {
        try (SampleDirectory ad = new SampleDirectory()) {
            String good = Api.directoryBody(ad, false, 5);
            post(good.replace(SampleDirectory.URL, "ldap://127.0.0.1:1"), 422, "cannot be reached");
            post(good.replace("\"bindPassword\": \"" + SampleDirectory.ADMIN_PASSWORD, "\"bindPassword\": \"wrong"), 422,
                    "refused the service account");
            post(good.replace("\"scopeOus\"", "\"userFilter\": \"(&(objectClass=user)\", \"scopeOus\""), 422, "filter");
            post(good.replace("\"baseDn\": \"" + SampleDirectory.BASE_DN, "\"baseDn\": \"OU=nowhere," + SampleDirectory.BASE_DN)
                    .replace("\"scopeOus\": [\"" + ad.ou + "\"]", "\"scopeOus\": []"), 422, "OU=nowhere");
            post(good.replace("\"scopeOus\": [\"" + ad.ou + "\"]", "\"scopeOus\": [\"OU=x,DC=elsewhere\"]"), 422, "not below the base DN");
            post(good.replace("\"orgSource\": \"OU\"", "\"orgSource\": \"ATTRIBUTE\""), 422, "orgAttribute");
            post(good.replace("\"bindPassword\": \"" + SampleDirectory.ADMIN_PASSWORD + "\",", ""), 400, "bindPassword");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(good.replace(SampleDirectory.URL, "http://127.0.0.1:389"))
                    .post("/api/v1/directories").then().statusCode(400).body("errors.pointer", hasItem("/url"));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(good.replace("\"orgSource\": \"OU\"", "\"orgSource\": \"SOMEWHERE\""))
                    .post("/api/v1/directories").then().statusCode(400);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\": ")
                    .post("/api/v1/directories").then().statusCode(400);
        }
    }

    @Test
    void replacesWithIfMatchAndRefusesDuplicatesAndStaleVersions() {
        try (SampleDirectory ad = new SampleDirectory()) {
            String body = Api.directoryBody(ad, false, 5);
            String id = Api.createDirectory(ad, false, 5);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/directories").then().statusCode(409);
            String noPassword = body.replace("\"bindPassword\": \"" + SampleDirectory.ADMIN_PASSWORD + "\",", "")
                    .replace("\"incrementalIntervalSeconds\": 5", "\"incrementalIntervalSeconds\": 30");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(noPassword).put("/api/v1/directories/" + id).then().statusCode(200)
                    .header("ETag", equalTo("\"2\"")).body("schedule.incrementalIntervalSeconds", equalTo(30));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(noPassword).put("/api/v1/directories/" + id).then().statusCode(412);
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories").then().statusCode(200)
                    .body("name", hasItem(ad.prefix));
        }
    }

    @Test
    void requiresAnAdminToken() {
        given().get("/api/v1/directories").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("someone", "user")).get("/api/v1/directories").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("svc", "service")).get("/api/v1/directories").then().statusCode(403);
        given().auth().oauth2(TestTokens.foreign("admin")).get("/api/v1/directories").then().statusCode(401);
    }
}
