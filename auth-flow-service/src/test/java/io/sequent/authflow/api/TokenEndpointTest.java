package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenEndpointTest {

    @Inject
    RedisDataSource redis;

    @Test
    void publishesDiscoveryPointingAtItsKeysAndTokenEndpoint() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .header("Content-Type", equalTo("application/json"))
                .body("issuer", equalTo("http://127.0.0.1:8080"))
                .body("jwks_uri", endsWith("/oauth2/v1/keys"))
                .body("token_endpoint", endsWith("/oauth2/v1/token"));
    }

    @Test
    void issuesAClientCredentialsTokenSignedWithAPublishedKey() throws Exception {
        String token = given().auth().preemptive().basic("admin-cli", "local-admin-secret")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/v1/token").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(600))
                .extract().path("access_token");

        JwtClaims claims = verify(token, given().get("/oauth2/v1/keys").then().statusCode(200).extract().asString());
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(claims.getSubject()).isEqualTo("admin-cli");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("admin");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(600);
    }

    @Test
    void acceptsClientCredentialsInTheFormToo() {
        given().formParam("grant_type", "client_credentials").formParam("client_id", "factor-service")
                .formParam("client_secret", "local-factor-secret").formParam("scope", "directory")
                .post("/oauth2/v1/token").then().statusCode(200).body("scope", equalTo("directory"));
    }

    @Test
    void refusesBadClientsAndGrantsWithOAuthErrors() {
        given().auth().preemptive().basic("admin-cli", "wrong").formParam("grant_type", "client_credentials")
                .post("/oauth2/v1/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", equalTo("Basic realm=\"sequent\""));
        given().auth().preemptive().basic("nobody", "local-admin-secret").formParam("grant_type", "client_credentials")
                .post("/oauth2/v1/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").post("/oauth2/v1/token").then().statusCode(401);
        given().auth().preemptive().basic("admin-cli", "local-admin-secret").formParam("grant_type", "password")
                .post("/oauth2/v1/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().auth().preemptive().basic("admin-cli", "local-admin-secret").formParam("scope", "x")
                .post("/oauth2/v1/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", "Basic !!!not-base64").formParam("grant_type", "client_credentials")
                .post("/oauth2/v1/token").then().statusCode(401);
    }

    @Test
    void keepsOneSharedSigningKeyEncryptedInRedis() {
        given().get("/oauth2/v1/keys").then().statusCode(200);
        String active = redis.value(String.class).get("sequent:authflow:signing-key:active");
        Map<String, String> stored = redis.hash(String.class).hgetall("sequent:authflow:signing-keys");
        assertThat(stored).containsKey(active);
        // a PKCS#8 RSA key in clear would start with the DER sequence header "MII"
        assertThat(stored.get(active)).doesNotStartWith("MII");
        List<String> kids = given().get("/oauth2/v1/keys").then().extract().path("keys.kid");
        assertThat(kids).contains(active);
    }

    static JwtClaims verify(String token, String jwksJson) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        var key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
        assertThat(key).as("the token's kid is in the JWKS").isNotNull();
        jws.setKey(key.getKey());
        assertThat(jws.verifySignature()).isTrue();
        return JwtClaims.parse(jws.getPayload());
    }
}
