package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A directory's own CA certificate for LDAPS and StartTLS, against the real Samba AD's TLS (its self-made CA). */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class DirectoryTlsTest {

    static final String LDAPS_URL = System.getenv().getOrDefault("AD_LDAPS_URL", "ldaps://127.0.0.1:636");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The test OU's directory with {@code url} and {@code tls} (null: no TLS settings). */
    static String body(SampleDirectory ad, String url, ObjectNode tls) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Api.directoryBody(ad, false, 5));
        body.put("url", url);
        if (tls != null) {
            body.set("tls", tls);
        }
        return JSON.writeValueAsString(body);
    }

    static ObjectNode tls(String ca, Boolean startTls, Boolean verifyHostname) {
        ObjectNode tls = JSON.createObjectNode();
        tls.put("caCertificate", ca);
        if (startTls != null) {
            tls.put("startTls", startTls);
        }
        if (verifyHostname != null) {
            tls.put("verifyHostname", verifyHostname);
        }
        return tls;
    }

    @Test
    void aCaCertificateThatIsNotOneIsRefusedWithAProblem() throws Exception {
        try (SampleDirectory ad = new SampleDirectory()) {
            for (String bad : new String[] {"not a certificate",
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                    "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"}) {
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body(body(ad, LDAPS_URL, tls(bad, null, false))).post("/api/v1/directories")
                        .then().statusCode(422).contentType(startsWith("application/problem+json"))
                        .body("detail", startsWith("/tls/caCertificate: "));
            }
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(body(ad, LDAPS_URL, tls(null, true, false))).post("/api/v1/directories")
                    .then().statusCode(422).body("detail", containsString("StartTLS is for ldap://"));
        }
    }

    @Test
    void ldapsAndStartTlsTrustTheDirectorysOwnCaAndNothingElse() throws Exception {
        String ca = SampleDirectory.caCertificate();
        Assumptions.assumeTrue(ca != null, "the sample directory's CA certificate is not available");
        try (SampleDirectory ad = new SampleDirectory()) {
            String user = ad.addUser("tls");
            // the JVM's trust store does not know Samba's CA
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(ad, LDAPS_URL, null))
                    .post("/api/v1/directories").then().statusCode(422).body("detail", containsString("TLS handshake"));
            // Samba's certificate names DC1.corp.example.test, not 127.0.0.1: host name verification (the default) refuses it
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(ad, LDAPS_URL, tls(ca, null, null)))
                    .post("/api/v1/directories").then().statusCode(422).body("detail", containsString("TLS handshake"));

            JsonPath created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(body(ad, LDAPS_URL, tls(ca, null, false))).post("/api/v1/directories")
                    .then().statusCode(201).body("tls.caCertificate", equalTo(ca.trim())).body("tls.verifyHostname", equalTo(false))
                    .extract().jsonPath();
            String dirId = created.getString("id");
            JsonPath run = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(run.getInt("usersChanged")).isEqualTo(1);
            String userId = Db.query("select id from directory_user where directory_id = ? and username = ?",
                    UUID.fromString(dirId), user).get(0).get("id").toString();
            // the delegated password check binds over LDAPS too
            given().auth().oauth2(TestTokens.token("factor-service", "service")).contentType(ContentType.JSON)
                    .body("{\"userId\": \"%s\", \"password\": \"%s\"}".formatted(userId, SampleDirectory.PASSWORD))
                    .post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("SUCCESS"));

            // StartTLS on the plain port, same CA: accepted (the server is contacted before saving)
            ObjectNode startTls = (ObjectNode) JSON.readTree(body(ad, SampleDirectory.URL, tls(ca, true, false)));
            startTls.put("name", ad.prefix + "-starttls");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(JSON.writeValueAsString(startTls))
                    .post("/api/v1/directories").then().statusCode(201).body("tls.startTls", equalTo(true));
        }
    }
}
