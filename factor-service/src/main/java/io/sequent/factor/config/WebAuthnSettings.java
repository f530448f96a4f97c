package io.sequent.factor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

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
}
