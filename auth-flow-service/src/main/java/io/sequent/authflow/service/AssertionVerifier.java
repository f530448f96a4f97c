package io.sequent.authflow.service;

import io.sequent.authflow.client.JwksClient;
import io.sequent.authflow.config.FederationConfig;
import io.sequent.authflow.persistence.AssertionIds;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Checks the assertion of a federated sign-in (DESIGN §2): a JWS-signed JWT from the identity
 * provider of an IDP or IWA connection. Signature by a key of the connection's JWKS (RS256..512,
 * PS256..512, ES256..512; never {@code none} or HMAC), {@code iss} equal to the connection's issuer,
 * {@code aud} containing its audience, {@code exp} required and not past (with the clock skew) nor
 * further than max-lifetime ahead, {@code nbf} not ahead, {@code iat} required and not in the future,
 * {@code sub} and {@code jti} required, and the {@code jti} used once per connection.
 *
 * <p>jose4j does the JOSE work: it is the library smallrye-jwt and quarkus-oidc are built on, kept in
 * step by the Quarkus BOM, so the build holds one JOSE implementation; smallrye-jwt's own parser wants
 * one key location per application and fetches it itself, where a sign-in needs a JWKS per connection,
 * fetched without blocking and refreshed on an unknown key id ({@link JwksClient}).
 *
 * <p>The user is named by {@code preferred_username}, else {@code sub}, matched against usernames in
 * the user read model (the policy snapshot has no per-connection claim setting).
 */
@ApplicationScoped
public class AssertionVerifier {

    /** The longest assertion read at all; an identity provider's ID token is a few kilobytes. */
    static final int MAX_LENGTH = 16_384;

    private static final Set<String> ALGORITHMS = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);

    /** What the check concluded; {@code Rejected.reason} goes to the audit event only (S1). */
    public sealed interface Result {
        /** @param userClaim the value that names the user: {@code preferred_username}, else {@code sub} */
        record Accepted(String userClaim, String subject, String jti) implements Result {
        }

        record Rejected(String reason) implements Result {
        }
    }

    private final JwksClient jwks;
    private final AssertionIds ids;
    private final FederationConfig config;
    private final Clock clock;

    public AssertionVerifier(JwksClient jwks, AssertionIds ids, FederationConfig config, Clock clock) {
        this.jwks = jwks;
        this.ids = ids;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Checks {@code assertion} for {@code connection}. The JWKS unreachable fails with
     * {@link io.sequent.authflow.client.NeighbourUnavailable} (503), never a decision.
     */
    public Uni<Result> verify(Connection connection, String assertion) {
        if (blank(connection.issuer()) || blank(connection.jwksUrl()) || blank(connection.audience())) {
            return rejected("CONNECTION_NOT_CONFIGURED");
        }
        if (assertion.length() > MAX_LENGTH) {
            return rejected("ASSERTION_MALFORMED");
        }
        JsonWebSignature jws;
        try {
            if (!(JsonWebStructure.fromCompactSerialization(assertion) instanceof JsonWebSignature parsed)) {
                return rejected("ASSERTION_NOT_SIGNED");
            }
            jws = parsed;
        } catch (JoseException | RuntimeException e) {
            return rejected("ASSERTION_MALFORMED");
        }
        if (!ALGORITHMS.contains(jws.getAlgorithmHeaderValue())) {
            return rejected("ASSERTION_ALGORITHM_REFUSED");
        }
        String url = connection.jwksUrl();
        return jwks.keys(url)
                .flatMap(keys -> select(jws, keys) != null ? Uni.createFrom().item(keys) : jwks.refreshed(url))
                .flatMap(keys -> {
                    JsonWebKey key = select(jws, keys);
                    if (key == null) {
                        return rejected("ASSERTION_UNKNOWN_KEY");
                    }
                    return claims(connection, assertion, key);
                });
    }

    private Uni<Result> claims(Connection connection, String assertion, JsonWebKey key) {
        Duration skew = config.clockSkew();
        Duration maxLifetime = config.maxLifetime();
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setVerificationKey(key.getKey())
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            ALGORITHMS.toArray(String[]::new)))
                    .setExpectedIssuer(true, connection.issuer())
                    .setExpectedAudience(true, connection.audience())
                    .setRequireExpirationTime()
                    .setMaxFutureValidityInMinutes((int) Math.max(1, maxLifetime.toMinutes()))
                    .setRequireIssuedAt()
                    .setIssuedAtRestrictions((int) skew.toSeconds(), (int) maxLifetime.plus(skew).toSeconds())
                    .setAllowedClockSkewInSeconds((int) skew.toSeconds())
                    .setRequireSubject()
                    .setRequireJwtId()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build()
                    .processToClaims(assertion);
        } catch (InvalidJwtException e) {
            return rejected(reason(e));
        }
        try {
            String jti = claims.getJwtId();
            String subject = claims.getSubject();
            Object preferred = claims.getClaimValue("preferred_username");
            String userClaim = preferred instanceof String s && !s.isBlank() ? s.strip() : subject;
            if (jti.length() > 256 || userClaim.length() > 256) {
                return rejected("ASSERTION_MALFORMED");
            }
            Instant expires = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            Duration keep = Duration.between(clock.instant(), expires).plus(skew);
            return ids.firstUse(connection.id(), jti, keep).map(first -> first
                    ? new Result.Accepted(userClaim, subject, jti)
                    : new Result.Rejected("ASSERTION_REPLAYED"));
        } catch (MalformedClaimException e) {
            return rejected("ASSERTION_MALFORMED");
        }
    }

    private static JsonWebKey select(JsonWebSignature jws, List<JsonWebKey> keys) {
        try {
            return new VerificationJwkSelector().select(jws, keys);
        } catch (JoseException | RuntimeException e) {
            return null;
        }
    }

    /** The audit reason for a refused assertion; the client sees E0000004 whatever it is. */
    static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "ASSERTION_EXPIRED";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "ASSERTION_BAD_SIGNATURE";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "ASSERTION_WRONG_ISSUER";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "ASSERTION_WRONG_AUDIENCE";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "ASSERTION_NOT_YET_VALID";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return "ASSERTION_LIFETIME";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return "ASSERTION_ISSUED_AT";
        }
        if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return "ASSERTION_NO_JTI";
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "ASSERTION_NO_SUBJECT";
        }
        return "ASSERTION_INVALID";
    }

    private static Uni<Result> rejected(String reason) {
        return Uni.createFrom().item(new Result.Rejected(reason));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
