package io.sequent.directory.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;

/** The admin API calls the directory tests share. */
final class Api {

    private Api() {
    }

    static String directoryBody(SampleDirectory ad, boolean scheduled, int incrementalSeconds) {
        return """
                {"name": "%s", "url": "%s", "bindDn": "%s", "bindPassword": "%s", "baseDn": "%s",
                 "scopeOus": ["%s"], "connectTimeoutMs": 2000, "responseTimeoutMs": 5000, "poolSize": 2,
                 "mapping": {"usernameAttribute": "sAMAccountName", "orgSource": "OU",
                             "groupRoles": [{"group": "%s-Admins", "role": "admin"}]},
                 "schedule": {"incrementalIntervalSeconds": %d, "fullIntervalSeconds": 3600, "enabled": %s,
                              "whenUnreachable": "LAST_IMPORTED"}}"""
                .formatted(ad.prefix, SampleDirectory.URL, SampleDirectory.ADMIN_DN, SampleDirectory.ADMIN_PASSWORD,
                        SampleDirectory.BASE_DN, ad.ou, ad.prefix, incrementalSeconds, scheduled);
    }

    static String createDirectory(SampleDirectory ad, boolean scheduled, int incrementalSeconds) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(directoryBody(ad, scheduled, incrementalSeconds))
                .post("/api/v1/directories").then().statusCode(201).extract().path("id");
    }

    static String startImport(String directoryId, String kind) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kind\": \"" + kind + "\"}")
                .post("/api/v1/directories/" + directoryId + "/imports").then().statusCode(202).extract().path("id");
    }

    /** Polls the import until it is no longer RUNNING (bounded, not a timing assertion). */
    static JsonPath awaitImport(String directoryId, String importId) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonPath run = given().auth().oauth2(TestTokens.admin())
                    .get("/api/v1/directories/" + directoryId + "/imports/" + importId)
                    .then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("state"))) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + importId + " still running");
    }
}
