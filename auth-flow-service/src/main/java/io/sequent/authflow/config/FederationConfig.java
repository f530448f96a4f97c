package io.sequent.authflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Federated sign-in (DESIGN §2, S5): how an identity provider's assertion and its JWKS are checked. */
@ConfigMapping(prefix = "sequent.federation")
public interface FederationConfig {

    /** Clock difference tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("PT60S")
    Duration clockSkew();

    /** The longest an assertion may still be valid ({@code exp} - now): assertions are for immediate use. */
    @WithDefault("PT1H")
    Duration maxLifetime();

    Jwks jwks();

    interface Jwks {
        /** A connection's keys are fetched again after this long. */
        @WithDefault("PT10M")
        Duration maxAge();

        /**
         * An unknown {@code kid} fetches the keys again (key rotation), at most once per this interval per
         * JWKS URL, so assertions with made-up key ids cannot make auth-flow hammer the identity provider.
         */
        @WithDefault("PT10S")
        Duration minRefreshInterval();

        /** Connect and answer timeout of one JWKS fetch; past it the sign-in answers 503. */
        @WithDefault("PT3S")
        Duration timeout();

        /** The largest JWKS document accepted. */
        @WithDefault("65536")
        int maxBytes();
    }
}
