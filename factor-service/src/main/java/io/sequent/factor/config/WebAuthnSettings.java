package io.sequent.factor.config;

import io.sequent.factor.domain.WebAuthnRelyingParty.AttestationTrust;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The WebAuthn relying party: the domain credentials are bound to, its name, and the origins sign-in pages are served from. */
@ConfigMapping(prefix = "sequent.webauthn")
public interface WebAuthnSettings {

    /** The relying party id: the registrable domain of the sign-in pages (its SHA-256 is checked in every authenticatorData). */
    @WithDefault("localhost")
    String rpId();

    @WithDefault("Sequent")
    String rpName();

    /** Every origin (scheme://host[:port]) a sign-in page may run on; clientDataJSON's origin must be one of them. */
    @WithDefault("http://localhost:8080")
    List<String> origins();

    /** The attestation conveyance asked for: none or direct. */
    @WithDefault("none")
    String attestation();

    /** How long a registration or authentication challenge lives (and the timeout the browser is given). */
    @WithDefault("2M")
    Duration timeout();

    /**
     * Which attestations a registration must carry: {@code any} (every attestation whose signature checks out) or
     * {@code trusted} (only one whose certificate path chains to a trust anchor; needs {@code attestation=direct}).
     */
    @WithDefault("any")
    AttestationTrust attestationTrust();

    /** A PEM file of one or more CA certificates, or a directory of such files (*.pem, *.crt, *.cer): the trust anchors. */
    Optional<String> trustAnchors();

    /** When set, only authenticators whose AAGUID is listed may register (comma-separated UUIDs). */
    Optional<List<String>> allowedAaguids();
}
