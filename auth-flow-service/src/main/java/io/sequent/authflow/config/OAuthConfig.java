package io.sequent.authflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The token issuer's settings: who it is, how its keys are kept, and which clients it serves. */
@ConfigMapping(prefix = "sequent.oauth")
public interface OAuthConfig {

    /** The issuer identifier: tokens carry it as {@code iss} and discovery publishes it. */
    String issuer();

    @WithDefault("PT10M")
    Duration accessTokenLifetime();

    /** Base64 of the AES-256 key that encrypts the signing keys at rest in Redis. */
    String keyEncryptionKey();

    /** How long a session made by a session-token exchange lives when the sign-on rule names no lifetime. */
    @WithDefault("PT1H")
    Duration sessionLifetime();

    /** Registered clients, by client id. */
    Map<String, Client> clients();

    interface Client {
        /**
         * Hex SHA-256 of the client secret (secrets are long random strings, not passwords). Absent: a
         * public client (a browser or mobile app), which never gets client_credentials and must use PKCE.
         */
        Optional<String> secretSha256();

        /** The roles the client's own client_credentials tokens carry in the {@code groups} claim. */
        Optional<List<String>> roles();

        /** Where {@code /oauth2/v1/authorize} may send the code: exact matches only. */
        Optional<List<String>> redirectUris();

        default boolean isPublic() {
            return secretSha256().isEmpty();
        }
    }
}
