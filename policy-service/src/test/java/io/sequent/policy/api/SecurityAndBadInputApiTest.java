package io.sequent.policy.api;

import static io.restassured.RestAssured.given;
import static io.sequent.policy.api.ApiTestSupport.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class SecurityAndBadInputApiTest {

    private static final List<String> READS = List.of("/api/v1/environment/mfa", "/api/v1/orgs", "/api/v1/connections",
            "/api/v1/factor-types", "/api/v1/enrollment-policies", "/api/v1/policies", "/api/v1/usage",
            "/api/v1/policy-snapshot", "/api/v1/audit");

    @Inject
    Pool pool;

    @BeforeEach
    void clean() {
        ApiTestSupport.resetConfiguration(pool);
    }

    @Test
    void everyEndpointNeedsAnAdminBearerToken() {
        for (String path : READS) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.token("someone", "user")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.foreign("admin")).get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.admin()).get(path).then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body("{\"mode\": \"YES\"}").put("/api/v1/environment/mfa").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("someone", "user")).post("/api/v1/factor-types/sms/lifecycle/activate")
                .then().statusCode(403);
        admin().get("/api/v1/factor-types/sms").then().body("status", equalTo("INACTIVE"));
    }

    @Test
    void theApiIsDocumentedInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/environment/mfa"))
                .body("paths", hasKey("/api/v1/orgs/{id}/mfa/exempt-roles/{role}"))
                .body("paths", hasKey("/api/v1/factor-types/{type}/lifecycle/deactivate"))
                .body("paths", hasKey("/api/v1/policies/{id}/rules/order"))
                .body("paths", hasKey("/api/v1/policy-snapshot"))
                .body("components.securitySchemes", hasKey("bearer"));
    }

    @Test
    void aNulCharacterThePostgresTextTypeRefusesIsABadRequestNotAServerError() {
        // found by the hostile-input suite: PostgreSQL refuses U+0000 in text, which surfaced as a 500
        admin().urlEncodingEnabled(false).get("/api/v1/orgs/ab%00cd/mfa").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", not(containsString("Exception")));
        admin().urlEncodingEnabled(false).get("/api/v1/factor-types/sms%00").then().statusCode(400);
        admin().body("{\"code\": \"nul\", \"name\": \"a\\u0000b\"}").post("/api/v1/orgs").then().statusCode(400);
        admin().get("/api/v1/orgs").then().statusCode(200).body("code", not(hasItem("nul")));
    }

    @Test
    void wrongMediaTypeIsAProblem() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).body("mode=YES")
                .put("/api/v1/environment/mfa").then().statusCode(415).contentType(startsWith("application/problem+json"));
    }

    @Test
    void malformedBodiesAreProblemsNotServerErrors() {
        admin().body("{\"mode\": ").put("/api/v1/environment/mfa").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", not(containsString("Exception")));
        admin().body("{\"mode\": \"SOMETIMES\"}").put("/api/v1/environment/mfa").then().statusCode(400)
                .body("detail", containsString("mode"));
        admin().body("{\"mode\": \"YES\", \"methods\": \"sms\"}").put("/api/v1/environment/mfa").then().statusCode(400);
        admin().body("null").put("/api/v1/environment/mfa").then().statusCode(400);
        admin().body("{}").put("/api/v1/environment/mfa").then().statusCode(400).body("errors.pointer", hasItem("/mode"));
        admin().body("{\"mode\": \"YES\", \"methods\": []}").put("/api/v1/environment/mfa").then().statusCode(400)
                .body("errors.pointer", hasItem("/methods"));
        admin().body("{\"mode\": \"YES\", \"methods\": [\"password\"]}").put("/api/v1/environment/mfa").then().statusCode(400)
                .body("errors.pointer", hasItem("/methods/0"));
        admin().body("{\"name\": \"" + "x".repeat(300_000) + "\"}").post("/api/v1/orgs").then().statusCode(413);
        admin().body("{\"code\": \"has space\", \"name\": \"\"}").post("/api/v1/orgs").then().statusCode(400)
                .body("errors.pointer", hasItem("/code")).body("errors.pointer", hasItem("/name"));
        admin().body("{\"name\": \"p\", \"type\": \"ORG\"}").post("/api/v1/policies").then().statusCode(201);
        admin().body("{\"name\": \"p\", \"type\": \"APP\"}").post("/api/v1/policies").then().statusCode(400)
                .body("errors.pointer", hasItem("/appId"));
        admin().body("{\"name\": \"p\", \"type\": \"APP\", \"priority\": \"first\", \"appId\": \"a\"}").post("/api/v1/policies")
                .then().statusCode(400).body("detail", containsString("priority"));
        String rules = "/api/v1/policies/" + admin().body("{\"name\": \"q\", \"type\": \"ORG\"}").post("/api/v1/policies")
                .then().statusCode(201).extract().path("id") + "/rules";
        admin().body("{\"name\": \"r\", \"conditions\": {\"connections\": [\"FAX\"]}, \"actions\": {\"access\": \"ALLOW\"}}")
                .post(rules).then().statusCode(400).body("detail", containsString("connections"));
        admin().body("{\"name\": \"r\", \"actions\": {\"access\": \"ALLOW\", \"sessionLifetimeSeconds\": 1e40}}")
                .post(rules).then().statusCode(400);
        admin().body("{\"name\": \"r\", \"priority\": 99999999999, \"actions\": {\"access\": \"ALLOW\"}}")
                .post(rules).then().statusCode(400);
        admin().body("{\"name\": \"r\", \"actions\": {\"access\": \"ALLOW\", \"primary\": \"FACTOR_SEQUENCE\", \"chains\": [null, [null]]}}")
                .post(rules).then().statusCode(400)
                .body("errors.pointer", hasItem("/actions/chains/0")).body("errors.pointer", hasItem("/actions/chains/1/0"));
        admin().body("{\"name\": \"r\", \"actions\": null}").post(rules).then().statusCode(400)
                .body("errors.pointer", hasItem("/actions"));
        admin().body("[1, 2]").post(rules).then().statusCode(400);
        admin().body("{\"name\": \"e\", \"factors\": {\"sms\": \"MANDATORY\"}}").post("/api/v1/enrollment-policies")
                .then().statusCode(400);
        admin().body("{\"name\": \"e\", \"factors\": {\"fax\": \"REQUIRED\"}}").post("/api/v1/enrollment-policies")
                .then().statusCode(400).body("errors.pointer", hasItem("/factors/fax"));
        admin().body("{\"name\": \"c\", \"kind\": \"OIDC\"}").post("/api/v1/connections").then().statusCode(400)
                .body("errors.pointer", hasItem("/issuer")).body("errors.pointer", hasItem("/jwksUrl"))
                .body("errors.pointer", hasItem("/audience"));
        admin().body("{\"name\": \"c\", \"kind\": \"IWA\", \"orgId\": \"nowhere\"}").post("/api/v1/connections")
                .then().statusCode(400).body("errors.pointer", hasItem("/orgId"));
    }

    @Test
    void unknownResourcesAre404AndConflictsAre409() {
        admin().get("/api/v1/orgs/nope").then().statusCode(404).contentType(startsWith("application/problem+json"));
        admin().get("/api/v1/factor-types/fax").then().statusCode(404);
        admin().post("/api/v1/factor-types/fax/lifecycle/activate").then().statusCode(404);
        admin().get("/api/v1/policies/nope/rules").then().statusCode(404);
        admin().body("{\"name\": \"r\", \"actions\": {\"access\": \"DENY\"}}").post("/api/v1/policies/nope/rules")
                .then().statusCode(404);
        admin().body("{\"id\": \"dup\", \"code\": \"DUP\", \"name\": \"One\"}").post("/api/v1/orgs").then().statusCode(201);
        admin().body("{\"id\": \"dup\", \"code\": \"OTHER\", \"name\": \"Two\"}").post("/api/v1/orgs").then().statusCode(409);
        admin().body("{\"id\": \"dup2\", \"code\": \"dup\", \"name\": \"Two\"}").post("/api/v1/orgs").then().statusCode(409)
                .body("detail", containsString("code"));
    }
}
