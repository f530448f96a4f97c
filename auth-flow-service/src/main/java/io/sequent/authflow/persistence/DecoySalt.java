package io.sequent.authflow.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that keys every decoy (S1): the same for all replicas and across restarts, so an
 * unknown username gets the same factor ids and offers from every replica, on every day, as a
 * real user's stable ones. Created once in Redis (SET NX: the first replica's wins), then cached.
 */
@ApplicationScoped
public class DecoySalt {

    static final String KEY = "sequent:authflow:decoy-salt";

    private final ReactiveRedisDataSource redis;
    private volatile byte[] cached;

    public DecoySalt(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<byte[]> get() {
        byte[] salt = cached;
        if (salt != null) {
            return Uni.createFrom().item(salt);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return redis.value(String.class)
                .setGet(KEY, Base64.getEncoder().encodeToString(fresh), new SetArgs().nx())
                .map(previous -> {
                    byte[] chosen = previous == null ? fresh : Base64.getDecoder().decode(previous);
                    cached = chosen;
                    return chosen;
                });
    }
}
