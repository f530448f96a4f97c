package io.sequent.authflow.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The {@code jti} of every federated assertion accepted, so that each is used once, across every
 * replica: {@code SET sequent:authflow:assertion-jti:<sha256(connection, jti)> NX PX <until exp>}.
 */
@ApplicationScoped
public class AssertionIds {

    static final String KEY = "sequent:authflow:assertion-jti:";

    private final ReactiveRedisDataSource redis;

    public AssertionIds(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** True the first time {@code jti} is seen for the connection; false for a replay. */
    public Uni<Boolean> firstUse(String connectionId, String jti, Duration keep) {
        long millis = Math.max(1_000, keep.toMillis());
        return redis.execute("SET", KEY + Secrets.sha256(connectionId + "\u0000" + jti), "1", "NX", "PX",
                Long.toString(millis)).map(response -> response != null && "OK".equals(response.toString()));
    }
}
