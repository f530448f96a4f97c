package io.sequent.authflow.token;

import io.sequent.authflow.config.OAuthConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashSet;
import java.util.UUID;

/** Mints the suite's JWTs, signed RS256 with the active key and carrying its {@code kid}. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeyStore keys;
    private final OAuthConfig config;
    private final Clock clock;

    public TokenIssuer(SigningKeyStore keys, OAuthConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    /** An access token for a client of the client_credentials grant. */
    public Uni<IssuedToken> clientToken(String clientId, java.util.List<String> roles, String scope) {
        long now = clock.instant().getEpochSecond();
        long lifetime = config.accessTokenLifetime().toSeconds();
        return keys.active().map(key -> {
            var builder = Jwt.issuer(config.issuer()).subject(clientId).claim("client_id", clientId)
                    .groups(new HashSet<>(roles)).issuedAt(now).expiresAt(now + lifetime)
                    .claim("jti", UUID.randomUUID().toString());
            if (scope != null && !scope.isBlank()) {
                builder.claim("scope", scope);
            }
            return new IssuedToken(builder.jws().keyId(key.kid()).sign(key.privateKey()), lifetime);
        });
    }
}
