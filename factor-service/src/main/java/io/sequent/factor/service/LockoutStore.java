package io.sequent.factor.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.factor.domain.Lockout;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * S13 lockout, counted cluster-wide in Redis: one counter per user and factor that lives for the
 * window, and a lock key that lives for the lock duration. Counting and locking are one Lua script,
 * so concurrent failures on several replicas lock exactly once.
 */
@ApplicationScoped
public class LockoutStore {

    static final String PREFIX = "sequent:factor:";

    // KEYS[1] counter, KEYS[2] lock, KEYS[3] the transaction's counter (or ""); ARGV window ms, max, lock ms,
    // locked-until epoch ms, max per transaction. Answers the failure count, negated when this failure locked the factor.
    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local t = 0
            if KEYS[3] ~= '' then
              t = redis.call('INCR', KEYS[3])
              if t == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[1]) end
            end
            if n >= tonumber(ARGV[2]) or t >= tonumber(ARGV[5]) then
              redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
              redis.call('DEL', KEYS[1])
              if KEYS[3] ~= '' then redis.call('DEL', KEYS[3]) end
              return -n
            end
            return n""";

    private final ReactiveRedisDataSource redis;
    private final Lockout lockout;
    private final Clock clock;

    public LockoutStore(ReactiveRedisDataSource redis, Lockout lockout, Clock clock) {
        this.redis = redis;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** When the factor's lock ends; empty when it is not locked. */
    public Uni<Optional<Instant>> lockedUntil(UUID userId, UUID factorId) {
        return redis.execute("GET", lockKey(userId, factorId))
                .map(r -> r == null ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(r.toLong())))
                .map(until -> until.filter(u -> u.isAfter(clock.instant())));
    }

    /** Counts a failure; answers when the lock ends if this failure locked the factor. */
    public Uni<Optional<Instant>> recordFailure(UUID userId, UUID factorId) {
        return recordFailure(userId, factorId, null);
    }

    /**
     * Counts a failure, also within the sign-in transaction when one is named (S13: 5 in a transaction, 10 in
     * the window per user); answers when the lock ends if this failure locked the factor.
     */
    public Uni<Optional<Instant>> recordFailure(UUID userId, UUID factorId, String transactionId) {
        Instant until = clock.instant().plus(lockout.lockDuration());
        String transactionKey = transactionId == null || transactionId.isBlank() ? ""
                : PREFIX + "tx-failures:" + factorId + ":" + transactionId;
        return redis.execute("EVAL", FAIL, "3", counterKey(userId, factorId), lockKey(userId, factorId), transactionKey,
                        Long.toString(lockout.window().toMillis()), Integer.toString(lockout.maxFailures()),
                        Long.toString(lockout.lockDuration().toMillis()), Long.toString(until.toEpochMilli()),
                        Integer.toString(lockout.maxFailuresPerTransaction()))
                .map(Response::toLong)
                .map(n -> n < 0 ? Optional.of(until) : Optional.<Instant>empty());
    }

    /** A success clears the failure count. */
    public Uni<Void> recordSuccess(UUID userId, UUID factorId) {
        return redis.execute("DEL", counterKey(userId, factorId)).replaceWithVoid();
    }

    /** An admin unlock: the lock and the count go. */
    public Uni<Void> unlock(UUID userId, UUID factorId) {
        return redis.execute("DEL", counterKey(userId, factorId), lockKey(userId, factorId)).replaceWithVoid();
    }

    static String counterKey(UUID userId, UUID factorId) {
        return PREFIX + "failures:" + userId + ":" + factorId;
    }

    static String lockKey(UUID userId, UUID factorId) {
        return PREFIX + "lock:" + userId + ":" + factorId;
    }

    static List<String> keys(UUID userId, UUID factorId) {
        return List.of(counterKey(userId, factorId), lockKey(userId, factorId));
    }
}
