package io.sequent.factor.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The live WebAuthn challenges in Redis, one per factor and ceremony, with a TTL. Taking a challenge
 * deletes it (GETDEL), so each is checked at most once, whatever the outcome and on whichever replica.
 */
@ApplicationScoped
public class WebAuthnChallenges {

    public enum Ceremony { REGISTRATION, AUTHENTICATION }

    private final ReactiveRedisDataSource redis;

    public WebAuthnChallenges(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Remembers the factor's challenge for the ceremony, replacing an earlier one. */
    public Uni<Void> remember(Ceremony ceremony, UUID factorId, String challenge, Duration ttl) {
        return redis.execute("SET", key(ceremony, factorId), challenge, "PX", Long.toString(ttl.toMillis())).replaceWithVoid();
    }

    /** The factor's live challenge, removed as it is read; empty when it expired or was already taken. */
    public Uni<Optional<String>> take(Ceremony ceremony, UUID factorId) {
        return redis.execute("GETDEL", key(ceremony, factorId)).map(r -> Optional.ofNullable(r).map(Object::toString));
    }

    static String key(Ceremony ceremony, UUID factorId) {
        return LockoutStore.PREFIX + "webauthn:" + ceremony.name().toLowerCase() + ":" + factorId;
    }
}
