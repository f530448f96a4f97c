package io.sequent.factor.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.sequent.factor.domain.WebAuthnRelyingParty.AttestationTrust;
import io.sequent.factor.domain.WebAuthnRelyingParty.CeremonyFailed;
import io.sequent.factor.domain.WebAuthnRelyingParty.Failure;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The attestation trust policy and the AAGUID allow-list of {@link WebAuthnRelyingParty}, with test CAs made by Bouncy Castle. */
class AttestationTrustTest {

    static final String RP = "login.acme.example";
    static final String ORIGIN = "https://login.acme.example";
    static final UUID KEY_MODEL = UUID.fromString("2fc0579f-8113-47ea-b116-bb5a8db9202a");
    static final UUID OTHER_MODEL = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");

    /** The vendor CA the admin trusts, and a CA nobody configured. */
    static final TestCa VENDOR = TestCa.root("Vendor Attestation Root");
    static final TestCa STRANGER = TestCa.root("Stranger Attestation Root");

    static WebAuthnRelyingParty rp(AttestationTrust trust, List<X509Certificate> anchors, Set<UUID> allowed) {
        return new WebAuthnRelyingParty(new WebAuthnRelyingParty.Settings(RP, "Acme", Set.of(ORIGIN),
                trust == AttestationTrust.TRUSTED || !anchors.isEmpty() ? "direct" : "none", Duration.ofMinutes(2), trust, anchors,
                allowed), new SecureRandom());
    }

    static WebAuthnRelyingParty trusted() {
        return rp(AttestationTrust.TRUSTED, List.of(VENDOR.certificate()), Set.of());
    }

    /** Registers on {@code rp}: packed full attestation by {@code attester}, packed self attestation (null, true) or none (null, false). */
    static WebAuthnRelyingParty.Credential register(WebAuthnRelyingParty rp, SoftwareAuthenticator authenticator,
                                                   TestCa.Attester attester, boolean self) throws CeremonyFailed {
        String challenge = rp.newChallenge();
        var att = attester != null ? authenticator.register(RP, ORIGIN, challenge, attester)
                : authenticator.register(RP, ORIGIN, challenge, self);
        return rp.register(challenge, WebAuthnRelyingParty.decode(att.attestation()), WebAuthnRelyingParty.decode(att.clientData()));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> refused(Failure failure, ThrowingRegistration registration) {
        return assertThatThrownBy(registration::run).isInstanceOf(CeremonyFailed.class)
                .satisfies(e -> assertThat(((CeremonyFailed) e).failure()).isEqualTo(failure));
    }

    interface ThrowingRegistration {
        void run() throws CeremonyFailed;
    }

    @Test
    void acceptsAPackedAttestationThatChainsToTheConfiguredAnchor() throws Exception {
        var credential = register(trusted(), new SoftwareAuthenticator(KEY_MODEL), VENDOR.attester(), false);
        assertThat(credential.attestationTrusted()).isTrue();
        assertThat(credential.format()).isEqualTo("packed");
        assertThat(credential.aaguid()).isEqualTo(KEY_MODEL);
    }

    @Test
    void acceptsAPathThroughAnIntermediateCaAndAnAnchorFileOfSeveralRoots() throws Exception {
        var issuing = VENDOR.intermediate("Vendor Attestation Issuing CA");
        var rp = rp(AttestationTrust.TRUSTED, List.of(STRANGER.certificate(), VENDOR.certificate()), Set.of());
        var attester = issuing.attester(KEY_MODEL, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        assertThat(attester.x5c()).hasSize(2);
        assertThat(register(rp, new SoftwareAuthenticator(KEY_MODEL), attester, false).attestationTrusted()).isTrue();
        // a path that leaves out the intermediate does not reach the root
        var withoutIntermediate = new TestCa.Attester(attester.key(), List.of(attester.x5c().get(0)));
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(rp, new SoftwareAuthenticator(KEY_MODEL), withoutIntermediate, false));
    }

    @Test
    void refusesAnAttestationChainedToAnotherCa() {
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(trusted(), new SoftwareAuthenticator(KEY_MODEL), STRANGER.attester(), false))
                .hasMessageContaining("does not chain to a trust anchor").hasMessageContaining(KEY_MODEL.toString());
    }

    @Test
    void refusesAnExpiredOrNotYetValidAttestationCertificate() {
        Instant now = Instant.now();
        var expired = VENDOR.attester(null, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(trusted(), new SoftwareAuthenticator(), expired, false))
                .hasMessageContaining("does not chain");
        var early = VENDOR.attester(null, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(trusted(), new SoftwareAuthenticator(), early, false));
    }

    @Test
    void refusesSelfAndNoneAttestationUnderTrusted() {
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(trusted(), new SoftwareAuthenticator(), null, true))
                .hasMessageContaining("self attestation");
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(trusted(), new SoftwareAuthenticator(), null, false))
                .hasMessageContaining("no attestation");
    }

    @Test
    void acceptsSelfAndNoneAttestationUnderAnyAndRecordsWhichAttestationsWereTrusted() throws Exception {
        var noAnchors = rp(AttestationTrust.ANY, List.of(), Set.of());
        assertThat(register(noAnchors, new SoftwareAuthenticator(), null, true).attestationTrusted()).isFalse();
        assertThat(register(noAnchors, new SoftwareAuthenticator(), null, false).attestationTrusted()).isFalse();
        assertThat(register(noAnchors, new SoftwareAuthenticator(), VENDOR.attester(), false).attestationTrusted()).isFalse();

        // anchors under "any": nothing is refused, but the stored credential says whether its path reached one
        var watching = rp(AttestationTrust.ANY, List.of(VENDOR.certificate()), Set.of());
        assertThat(register(watching, new SoftwareAuthenticator(), null, true).attestationTrusted()).isFalse();
        assertThat(register(watching, new SoftwareAuthenticator(), null, false).attestationTrusted()).isFalse();
        assertThat(register(watching, new SoftwareAuthenticator(), STRANGER.attester(), false).attestationTrusted()).isFalse();
        assertThat(register(watching, new SoftwareAuthenticator(), VENDOR.attester(), false).attestationTrusted()).isTrue();
    }

    @Test
    void aTrustedCertificateDoesNotExcuseAWrongChallengeOrSignature() {
        var rp = trusted();
        var authenticator = new SoftwareAuthenticator();
        String challenge = rp.newChallenge();
        var forAnother = authenticator.register(RP, ORIGIN, rp.newChallenge(), VENDOR.attester());
        refused(Failure.REFUSED, () -> rp.register(challenge, WebAuthnRelyingParty.decode(forAnother.attestation()),
                WebAuthnRelyingParty.decode(forAnother.clientData())));
        // the attestation signed by a key the certificate does not belong to
        var vendor = VENDOR.attester();
        var mismatched = new TestCa.Attester(STRANGER.attester().key(), vendor.x5c());
        refused(Failure.BAD_SIGNATURE, () -> register(rp, authenticator, mismatched, false));
    }

    @Test
    void theAaguidInTheCertificateMustBeTheAuthenticatorsModel() {
        var certifiedForAnother = VENDOR.attester(OTHER_MODEL, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1)));
        refused(Failure.REFUSED, () -> register(trusted(), new SoftwareAuthenticator(KEY_MODEL), certifiedForAnother, false));
    }

    @Test
    void onlyAllowedAuthenticatorModelsRegister() throws Exception {
        var any = rp(AttestationTrust.ANY, List.of(), Set.of(KEY_MODEL));
        assertThat(register(any, new SoftwareAuthenticator(KEY_MODEL), null, true).aaguid()).isEqualTo(KEY_MODEL);
        refused(Failure.AAGUID_NOT_ALLOWED, () -> register(any, new SoftwareAuthenticator(OTHER_MODEL), null, true))
                .hasMessageContaining(OTHER_MODEL.toString());

        var strict = rp(AttestationTrust.TRUSTED, List.of(VENDOR.certificate()), Set.of(KEY_MODEL));
        assertThat(register(strict, new SoftwareAuthenticator(KEY_MODEL), VENDOR.attester(), false).attestationTrusted()).isTrue();
        refused(Failure.AAGUID_NOT_ALLOWED, () -> register(strict, new SoftwareAuthenticator(OTHER_MODEL), VENDOR.attester(), false));
        // an allowed model whose attestation is not trusted is still refused for its attestation
        refused(Failure.UNTRUSTED_ATTESTATION, () -> register(strict, new SoftwareAuthenticator(KEY_MODEL), STRANGER.attester(), false));
    }

    @Test
    void trustedNeedsDirectAttestationAndAtLeastOneAnchor() {
        assertThatThrownBy(() -> new WebAuthnRelyingParty.Settings(RP, "Acme", Set.of(ORIGIN), "none", Duration.ofMinutes(2),
                AttestationTrust.TRUSTED, List.of(VENDOR.certificate()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attestation=direct");
        assertThatThrownBy(() -> new WebAuthnRelyingParty.Settings(RP, "Acme", Set.of(ORIGIN), "direct", Duration.ofMinutes(2),
                AttestationTrust.TRUSTED, List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust-anchors");
        assertThat(trusted().creationOptions("abc", UUID.randomUUID(), "ada", List.of())).containsEntry("attestation", "direct");
    }
}
