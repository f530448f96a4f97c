package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.config.PushSettings;
import io.sequent.factor.domain.DeviceKeys;
import io.sequent.factor.persistence.FactorEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Push factors activated by their device. Enrolling push without a key leaves the factor PENDING_ACTIVATION with a
 * one-time token (32 random bytes, base64url) that only the activation URI of the enroll answer carries. Redis keeps
 * the token's SHA-256 and its expiry ({@code sequent:push-activation:<factorId>}, living
 * {@code sequent.push.activation-ttl}), never the token. The device sends the token with its new public key and a
 * signature over {@link DeviceKeys#activateText}; the key is then stored as an enrollment with a key stores it.
 */
@ApplicationScoped
public class PushActivations {

    /** What the enroll answer shows once: the token travels only inside {@code activationUri}. */
    public record Activation(Instant expiresAt, String activationUri) {
    }

    /** A live activation as Redis holds it: the SHA-256 of the token and when it expires. */
    private record Stored(byte[] hash, Instant expiresAt) {
    }

    static final String PREFIX = "sequent:push-activation:";
    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    private final ReactiveRedisDataSource redis;
    private final FactorService factors;
    private final PushSettings settings;
    private final SecureRandom random;
    private final Clock clock;

    public PushActivations(ReactiveRedisDataSource redis, FactorService factors, PushSettings settings, SecureRandom random,
                           Clock clock) {
        this.redis = redis;
        this.factors = factors;
        this.settings = settings;
        this.random = random;
        this.clock = clock;
    }

    /** A new activation for a pending push factor: its token's hash is kept, the token itself only returned in the URI. */
    public Uni<Activation> start(FactorEntity pending) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN.encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(settings.activationTtl()).truncatedTo(ChronoUnit.MILLIS);
        String value = TOKEN.encodeToString(sha256(token)) + "|" + expiresAt.toEpochMilli();
        return redis.execute("SET", key(pending.id), value, "PX", Long.toString(settings.activationTtl().toMillis()))
                .map(r -> new Activation(expiresAt, uri(pending.id, token)));
    }

    /** When the factor's activation expires; empty when none is live (expired, used or never made). */
    public Uni<Optional<Instant>> expiresAt(UUID factorId) {
        return live(factorId).map(stored -> stored.map(Stored::expiresAt));
    }

    /**
     * The device's activation: 404 "no such activation" unless a live activation of the factor matches the token (the
     * same for an unknown factor, an expired activation and a wrong token, which leaves the activation in place); 400
     * for a key that is not P-256; 403 when the signature does not verify with it; 409 when the factor is no longer a
     * pending push factor. On success the factor is active with the key and the activation is gone.
     */
    public Uni<FactorEntity> activate(UUID factorId, String token, String publicKey, String deviceName, String signature) {
        return live(factorId).chain(stored -> {
            if (stored.isEmpty() || !MessageDigest.isEqual(sha256(token), stored.get().hash())) {
                Log.infof("push factor %s: activation refused (no such activation)", factorId);
                return Uni.createFrom().failure(new ProblemException(404, "Not Found", "no such activation"));
            }
            var key = DeviceKeys.parse(publicKey);
            if (key.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.badRequest(
                        "/publicKey must be a P-256 public key (X.509 SubjectPublicKeyInfo, base64)"));
            }
            if (!DeviceKeys.verify(key.get(), DeviceKeys.activateText(factorId.toString(), token), signature)) {
                Log.warnf("push factor %s: activation with a bad signature refused", factorId);
                return Uni.createFrom().failure(ProblemException.forbidden("the signature does not verify with the key sent"));
            }
            return factors.activatePush(factorId, publicKey.strip(), deviceName);
        }).call(f -> redis.execute("DEL", key(factorId)));
    }

    private Uni<Optional<Stored>> live(UUID factorId) {
        return redis.execute("GET", key(factorId)).map(r -> {
            if (r == null) {
                return Optional.empty();
            }
            String value = r.toString();
            int bar = value.indexOf('|');
            try {
                var stored = new Stored(Base64.getUrlDecoder().decode(value.substring(0, bar)),
                        Instant.ofEpochMilli(Long.parseLong(value.substring(bar + 1))));
                return stored.expiresAt().isAfter(clock.instant()) ? Optional.of(stored) : Optional.empty();
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                Log.warnf("push factor %s: unreadable activation in Redis ignored", factorId);
                return Optional.empty();
            }
        });
    }

    private String uri(UUID factorId, String token) {
        String base = settings.deviceUrl().strip().replaceAll("/+$", "");
        return "sequent-push://activate?url=" + URLEncoder.encode(base, StandardCharsets.UTF_8) + "&factor=" + factorId
                + "&token=" + token;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(UUID factorId) {
        return PREFIX + factorId;
    }
}
