package io.sequent.authflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The token issuer's settings: who it is, how its keys are kept, and which clients it serves. */
@ConfigMapping(prefix = "sequent.oauth")
public interface OAuthConfig {

    /** The issuer identifier: tokens carry it as {@code iss} and discovery publishes it. */
    String issuer();

    @WithDefault("PT10M")
    Duration accessTokenLifetime();

    /** Base64 of the AES-256 key that encrypts the signing keys at rest in Redis. */
    String keyEncryptionKey();

    /** Clients of the client_credentials grant, by client id. */
    Map<String, Client> clients();

    interface Client {
        /** Hex SHA-256 of the client secret (secrets are long random strings, not passwords). */
        String secretSha256();

        /** The roles the client's tokens carry in the {@code groups} claim. */
        List<String> roles();
    }
}
