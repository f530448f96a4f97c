package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.row;
import static io.sequent.factor.api.WebAuthnFactorTest.ORIGIN;
import static io.sequent.factor.api.WebAuthnFactorTest.RP_ID;
import static io.sequent.factor.api.WebAuthnFactorTest.activate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.sequent.events.UserSource;
import io.sequent.factor.webauthn.SoftwareAuthenticator;
import io.sequent.factor.webauthn.TestCa;
import io.sequent.testing.OidcTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WebAuthn registration under {@code attestation-trust=trusted} through the factors API: the service trusts one vendor
 * root (written at start, see {@link TrustedAttestation}); an attestation from another CA, or self attestation, is
 * refused like a wrong code and counted towards the lockout; one chained to the vendor root activates the factor.
 */
@QuarkusTest
@TestProfile(WebAuthnTrustTest.TrustedAttestation.class)
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(LogHygiene.class)
class WebAuthnTrustTest {

    /** Trusts one vendor root; the browser is asked for direct attestation. */
    public static class TrustedAttestation implements QuarkusTestProfile {
        static final Path CERTIFICATE = Path.of("target/webauthn-trust/vendor-root.pem");
        static final Path KEY = Path.of("target/webauthn-trust/vendor-root.key");

        @Override
        public Map<String, String> getConfigOverrides() {
            vendor();
            return Map.of("sequent.webauthn.attestation-trust", "trusted", "sequent.webauthn.attestation", "direct",
                    "sequent.webauthn.trust-anchors", CERTIFICATE.toAbsolutePath().toString());
        }

        /** The vendor root the service trusts, made once and kept in target/ so the service and the tests share it. */
        static synchronized TestCa vendor() {
            if (!Files.exists(CERTIFICATE) || !Files.exists(KEY)) {
                TestCa.root("Vendor Attestation Root").write(CERTIFICATE, KEY);
            }
            return TestCa.read(CERTIFICATE, KEY);
        }
    }

    @Inject
    RedisDataSource redis;

    static WebAuthnFactorTest.Enrolled enroll(String userId) {
        var r = admin().body("{\"factorType\": \"webauthn\", \"provider\": \"FIDO\"}").post("/api/v1/users/" + userId + "/factors")
                .then().statusCode(200)
                .body("status", equalTo("PENDING_ACTIVATION"))
                .body("_embedded.activation.attestation", equalTo("direct"))
                .extract();
        return new WebAuthnFactorTest.Enrolled(userId, r.path("id"), r.path("_embedded.activation.challenge"));
    }

    @Test
    void refusesAnUntrustedAttestationAsAWrongCodeAndActivatesOneChainedToTheTrustedRoot() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        var authenticator = new SoftwareAuthenticator();

        var stranger = enroll(userId);
        activate(stranger, authenticator.register(RP_ID, ORIGIN, stranger.challenge(), TestCa.root("Stranger Root").attester()))
                .statusCode(403).contentType(startsWith("application/problem+json")).body("errorCode", equalTo("E0000068"));
        assertThat(redis.value(String.class).get("sequent:factor:failures:" + userId + ":" + stranger.factorId()))
                .as("the refusal counts towards the factor's lockout").isEqualTo("1");
        assertThat(row("select status, webauthn_credential_id from factor where id = ?", UUID.fromString(stranger.factorId())))
                .containsEntry("status", "PENDING_ACTIVATION").containsEntry("webauthn_credential_id", null);
        assertThat(Files.readString(Path.of("target/factor-service-test.log")))
                .contains("factor " + stranger.factorId() + ": WebAuthn registration refused (UNTRUSTED_ATTESTATION: "
                        + "the certificate path does not chain to a trust anchor");

        var self = enroll(userId);
        activate(self, authenticator.register(RP_ID, ORIGIN, self.challenge(), true)).statusCode(403)
                .body("errorCode", equalTo("E0000068"));
        assertThat(Files.readString(Path.of("target/factor-service-test.log")))
                .contains("factor " + self.factorId() + ": WebAuthn registration refused (UNTRUSTED_ATTESTATION: self attestation");

        var vendor = enroll(userId);
        activate(vendor, authenticator.register(RP_ID, ORIGIN, vendor.challenge(), TrustedAttestation.vendor().attester()))
                .statusCode(200).body("status", equalTo("ACTIVE"));
        assertThat(row("select webauthn_aaguid, webauthn_format, webauthn_attestation_trusted from factor where id = ?",
                UUID.fromString(vendor.factorId())))
                .containsEntry("webauthn_aaguid", SoftwareAuthenticator.AAGUID_VALUE)
                .containsEntry("webauthn_format", "packed")
                .containsEntry("webauthn_attestation_trusted", true);

        // the trusted credential signs in like any other
        String challenge = WebAuthnFactorTest.challenge(userId, vendor.factorId(), authenticator.credentialId());
        assertThat(WebAuthnFactorTest.verify(userId, vendor.factorId(), authenticator.assertion(RP_ID, ORIGIN, challenge)))
                .isEqualTo("SUCCESS");
    }
}
