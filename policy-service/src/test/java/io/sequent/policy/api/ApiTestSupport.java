package io.sequent.policy.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.sequent.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.UUID;

/** Shared helpers of the API tests: an admin request, and a clean configuration before each test. */
final class ApiTestSupport {

    /** The key and subject policy.changed carries in tests (application.properties, %test). */
    static final String SUBJECT = "environment-test";

    private ApiTestSupport() {
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Empties the configuration of the test database (the snapshot version keeps growing, as in
     * production), so each test starts from: environment NO, only password active, nothing else.
     */
    static void resetConfiguration(Pool pool) {
        pool.query("""
                delete from sign_on_rule;
                delete from sign_on_policy;
                delete from enrollment_policy;
                update org set mfa_exempt_connections = '[]';
                delete from enterprise_connection;
                delete from org;
                update factor_type set active = (type = 'password'), version = version + 1;
                update policy_state set env_mfa_mode = 'NO', env_mfa_methods = '[]', env_version = env_version + 1;
                """).execute().await().indefinitely();
    }

    static void activate(String... types) {
        for (String type : types) {
            admin().post("/api/v1/factor-types/" + type + "/lifecycle/activate").then().statusCode(200);
        }
    }
}
