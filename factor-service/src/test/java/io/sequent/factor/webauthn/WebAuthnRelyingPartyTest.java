package io.sequent.factor.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.sequent.factor.domain.WebAuthnRelyingParty.CeremonyFailed;
import io.sequent.factor.domain.WebAuthnRelyingParty.Failure;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebAuthnRelyingPartyTest {

    static final String RP = "login.acme.example";
    static final String ORIGIN = "https://login.acme.example";
    final WebAuthnRelyingParty rp = new WebAuthnRelyingParty(
            new WebAuthnRelyingParty.Settings(RP, "Acme", Set.of(ORIGIN), "none", Duration.ofMinutes(2)), new SecureRandom());
    final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private static byte[] b(String base64url) {
        return WebAuthnRelyingParty.decode(base64url);
    }

    private WebAuthnRelyingParty.Credential registered() throws CeremonyFailed {
        String challenge = rp.newChallenge();
        var att = authenticator.register(RP, ORIGIN, challenge, true);
        return rp.register(challenge, b(att.attestation()), b(att.clientData()));
    }

    private long authenticate(WebAuthnRelyingParty.Credential credential, String challenge,
                              SoftwareAuthenticator.Assertion a) throws CeremonyFailed {
        return rp.authenticate(challenge, credential, b(a.clientData()), b(a.authenticatorData()), b(a.signatureData()));
    }

    @Test
    void registersAPackedSelfAttestedCredentialAndVerifiesItsAssertions() throws Exception {
        var credential = registered();
        assertThat(credential.credentialId()).isEqualTo(authenticator.credentialId());
        assertThat(credential.aaguid()).isEqualTo(SoftwareAuthenticator.AAGUID_VALUE);
        assertThat(credential.format()).isEqualTo("packed");
        assertThat(credential.signCount()).isEqualTo(1);

        String challenge = rp.newChallenge();
        long count = authenticate(credential, challenge, authenticator.assertion(RP, ORIGIN, challenge));
        assertThat(count).isEqualTo(2);
    }

    @Test
    void registersWithNoneAttestation() throws Exception {
        String challenge = rp.newChallenge();
        var att = authenticator.register(RP, ORIGIN, challenge, false);
        assertThat(rp.register(challenge, b(att.attestation()), b(att.clientData())).format()).isEqualTo("none");
    }

    @Test
    void refusesARegistrationForAnotherChallengeOriginOrRelyingParty() {
        String challenge = rp.newChallenge();
        var otherChallenge = authenticator.register(RP, ORIGIN, rp.newChallenge(), true);
        assertThatThrownBy(() -> rp.register(challenge, b(otherChallenge.attestation()), b(otherChallenge.clientData())))
                .isInstanceOf(CeremonyFailed.class).extracting(e -> ((CeremonyFailed) e).failure()).isEqualTo(Failure.REFUSED);
        var otherOrigin = authenticator.register(RP, "https://evil.example", challenge, true);
        assertThatThrownBy(() -> rp.register(challenge, b(otherOrigin.attestation()), b(otherOrigin.clientData())))
                .isInstanceOf(CeremonyFailed.class).extracting(e -> ((CeremonyFailed) e).failure()).isEqualTo(Failure.REFUSED);
        var otherRp = authenticator.register("evil.example", ORIGIN, challenge, true);
        assertThatThrownBy(() -> rp.register(challenge, b(otherRp.attestation()), b(otherRp.clientData())))
                .isInstanceOf(CeremonyFailed.class).extracting(e -> ((CeremonyFailed) e).failure()).isEqualTo(Failure.REFUSED);
    }

    @Test
    void refusesATamperedAttestationSignatureAndGarbage() {
        String challenge = rp.newChallenge();
        var att = authenticator.register(RP, ORIGIN, challenge, true);
        byte[] object = b(att.attestation());
        // the self-attestation signature sits before authData in the CBOR map: flip a byte in the middle of it
        int sig = indexOf(object, new byte[] {0x63, 's', 'i', 'g'}) + 6;
        object[sig + 10] ^= 0x01;
        assertThatThrownBy(() -> rp.register(challenge, object, b(att.clientData()))).isInstanceOf(CeremonyFailed.class);
        assertThatThrownBy(() -> rp.register(challenge, new byte[] {1, 2, 3}, b(att.clientData())))
                .isInstanceOf(CeremonyFailed.class).extracting(e -> ((CeremonyFailed) e).failure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void refusesWrongChallengeWrongOriginTamperedSignatureAndCounterRegression() throws Exception {
        var credential = registered();
        String challenge = rp.newChallenge();

        var forOther = authenticator.assertion(RP, ORIGIN, rp.newChallenge());
        assertThatThrownBy(() -> authenticate(credential, challenge, forOther)).isInstanceOf(CeremonyFailed.class);

        var wrongOrigin = authenticator.assertion(RP, "http://localhost:9999", challenge);
        assertThatThrownBy(() -> authenticate(credential, challenge, wrongOrigin)).isInstanceOf(CeremonyFailed.class);

        var good = authenticator.assertion(RP, ORIGIN, challenge);
        byte[] sig = b(good.signatureData());
        sig[sig.length - 3] ^= 0x01;
        var tampered = new SoftwareAuthenticator.Assertion(good.clientData(), good.authenticatorData(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(sig));
        assertThatThrownBy(() -> authenticate(credential, challenge, tampered)).isInstanceOf(CeremonyFailed.class)
                .extracting(e -> ((CeremonyFailed) e).failure()).isEqualTo(Failure.BAD_SIGNATURE);

        long count = authenticate(credential, challenge, good);
        var stored = new WebAuthnRelyingParty.Credential(credential.credentialId(), credential.coseKey(), credential.aaguid(), count,
                credential.format(), credential.attestationTrusted());
        authenticator.counter(count - 2);
        String next = rp.newChallenge();
        assertThatThrownBy(() -> authenticate(stored, next, authenticator.assertion(RP, ORIGIN, next)))
                .isInstanceOf(CeremonyFailed.class).extracting(e -> ((CeremonyFailed) e).failure())
                .isEqualTo(Failure.COUNTER_REGRESSION);
    }

    @Test
    void creationOptionsCarryTheRelyingPartyUserAndAlgorithms() {
        UUID user = UUID.randomUUID();
        var options = rp.creationOptions("abc", user, "ada", List.of(new byte[] {1, 2}));
        assertThat(options).containsEntry("challenge", "abc").containsEntry("attestation", "none")
                .containsEntry("timeout", 120_000L);
        assertThat(options.get("rp").toString()).contains("id=" + RP);
        assertThat(options.get("pubKeyCredParams").toString()).contains("alg=-7").contains("alg=-257");
        assertThat(options.get("excludeCredentials").toString()).contains("id=AQI");
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
