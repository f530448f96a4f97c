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

    /** The ID token and access token of a user's session, for {@code clientId}. */
    public record UserTokens(String accessToken, String idToken, long expiresInSeconds) {
    }

    /**
     * Tokens for a signed-in user: both carry {@code sub}, {@code sid} (the session), {@code amr}
     * (RFC 8176), {@code acr}, {@code org_id}/{@code org} and the user's roles in that org (as
     * {@code groups}, which quarkus-oidc reads as roles, and {@code roles}); the ID token also
     * {@code aud} = the client, {@code nonce} and {@code auth_time}. The access token lives
     * {@code sequent.oauth.access-token-lifetime} and is not looked up again: revoking the session
     * stops new tokens, a token already issued lives out its short lifetime.
     */
    public Uni<UserTokens> userTokens(UserClaims claims) {
        long now = clock.instant().getEpochSecond();
        long lifetime = config.accessTokenLifetime().toSeconds();
        return keys.active().map(key -> {
            var access = Jwt.issuer(config.issuer()).subject(claims.userId()).claim("client_id", claims.clientId())
                    .claim("sid", claims.sessionId()).claim("amr", claims.amr()).claim("acr", claims.acr())
                    .groups(new HashSet<>(claims.roles())).claim("roles", claims.roles())
                    .issuedAt(now).expiresAt(now + lifetime).claim("jti", UUID.randomUUID().toString());
            var id = Jwt.issuer(config.issuer()).subject(claims.userId()).audience(claims.clientId())
                    .claim("sid", claims.sessionId()).claim("amr", claims.amr()).claim("acr", claims.acr())
                    .claim("auth_time", claims.authTime()).issuedAt(now).expiresAt(now + lifetime)
                    .claim("jti", UUID.randomUUID().toString());
            if (claims.orgId() != null) {
                access.claim("org_id", claims.orgId()).claim("org", claims.orgId());
                id.claim("org_id", claims.orgId()).claim("org", claims.orgId());
            }
            if (claims.scope() != null && !claims.scope().isBlank()) {
                access.claim("scope", claims.scope());
            }
            if (claims.username() != null) {
                id.claim("preferred_username", claims.username());
            }
            if (claims.nonce() != null) {
                id.claim("nonce", claims.nonce());
            }
            return new UserTokens(access.jws().keyId(key.kid()).sign(key.privateKey()),
                    id.jws().keyId(key.kid()).sign(key.privateKey()), lifetime);
        });
    }

    public record UserClaims(String userId, String username, String clientId, String sessionId, java.util.List<String> amr,
                             String acr, String orgId, java.util.List<String> roles, String scope, String nonce,
                             long authTime) {
    }
}
