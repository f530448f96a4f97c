package io.sequent.authflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.sequent.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time session tokens handed out with SUCCESS (contract §4): random, kept 5 minutes under
 * {@code sequent:authflow:session-token:<sha256>} until exchanged.
 */
@ApplicationScoped
public class SessionTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String KEY = "sequent:authflow:session-token:";

    /**
     * What the token stands for; {@code amr} as RFC 8176 values; {@code sessionLifetimeSeconds} from the
     * sign-on rule that allowed the sign-in (0: the default).
     */
    public record Grant(String userId, String orgId, List<String> amr, String transactionId, Instant issuedAt,
                        long sessionLifetimeSeconds) {
        public Grant {
            Objects.requireNonNull(userId, "userId");
            amr = amr == null ? List.of() : List.copyOf(amr);
        }

        public Grant(String userId, String orgId, List<String> amr, String transactionId, Instant issuedAt) {
            this(userId, orgId, amr, transactionId, issuedAt, 0);
        }
    }

    private final ReactiveRedisDataSource redis;

    public SessionTokens(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<String> issue(Grant grant) {
        String token = Secrets.newToken();
        try {
            String json = EventCodec.mapper().writeValueAsString(grant);
            return redis.value(String.class).set(KEY + Secrets.sha256(token), json, new SetArgs().px(LIFETIME).nx())
                    .replaceWith(token);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Reads and deletes in one step (GETDEL): a session token is exchanged at most once. */
    public Uni<Optional<Grant>> consume(String token) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.value(String.class).getdel(KEY + Secrets.sha256(token)).map(json -> Optional.ofNullable(json).map(j -> {
            try {
                return EventCodec.mapper().readValue(j, Grant.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored session token is unreadable", e);
            }
        }));
    }

    /** Reads without consuming (the token exchange consumes with GETDEL). */
    public Uni<Optional<Grant>> peek(String token) {
        return redis.value(String.class).get(KEY + Secrets.sha256(token)).map(json -> Optional.ofNullable(json).map(j -> {
            try {
                return EventCodec.mapper().readValue(j, Grant.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored session token is unreadable", e);
            }
        }));
    }
}
