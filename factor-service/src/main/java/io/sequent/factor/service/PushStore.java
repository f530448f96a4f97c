package io.sequent.factor.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.factor.domain.NumberMatching;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Live push challenges in Redis: one hash per challenge (factor, number, choices, state, expiry) and a
 * sorted set of a factor's pending challenges by expiry. Answering and consuming a challenge are
 * single Lua scripts, so a challenge is answered once and verified once, across replicas.
 */
@ApplicationScoped
public class PushStore {

    /** A challenge a device may answer. */
    public record Pending(String challengeId, List<Integer> choices, Instant expiresAt) {
    }

    public enum Answered { ACCEPTED, NO_SUCH, ALREADY_ANSWERED, EXPIRED }

    /** What verifying a challenge found. */
    public enum State { WAITING, TIMEOUT, REJECTED, MATCHED, MISMATCHED, NO_SUCH }

    // KEYS[1] challenge, KEYS[2] pending set; ARGV factorId, decision, number, now ms.
    private static final String ANSWER = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return -2 end
            if redis.call('HGET', KEYS[1], 'factor') ~= ARGV[1] then return -2 end
            if redis.call('HGET', KEYS[1], 'state') ~= 'PENDING' then return -1 end
            if tonumber(redis.call('HGET', KEYS[1], 'expires')) < tonumber(ARGV[4]) then return -3 end
            redis.call('HSET', KEYS[1], 'state', ARGV[2], 'answer', ARGV[3])
            redis.call('ZREM', KEYS[2], KEYS[1])
            return 1""";

    // KEYS[1] challenge; ARGV factorId, now ms. Answers what was found; a final state is consumed (deleted).
    private static final String CONSUME = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 'NO_SUCH' end
            if redis.call('HGET', KEYS[1], 'factor') ~= ARGV[1] then return 'NO_SUCH' end
            local state = redis.call('HGET', KEYS[1], 'state')
            if state == 'PENDING' then
              if tonumber(redis.call('HGET', KEYS[1], 'expires')) < tonumber(ARGV[2]) then
                redis.call('DEL', KEYS[1]) return 'TIMEOUT'
              end
              return 'WAITING'
            end
            local matched = redis.call('HGET', KEYS[1], 'correct') == redis.call('HGET', KEYS[1], 'answer')
            redis.call('DEL', KEYS[1])
            if state == 'REJECT' then return 'REJECTED' end
            if matched then return 'MATCHED' end
            return 'MISMATCHED'""";

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public PushStore(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public Uni<Pending> create(UUID factorId, NumberMatching.Numbers numbers, Duration ttl) {
        String id = UUID.randomUUID().toString();
        Instant expires = clock.instant().plus(ttl);
        String key = challengeKey(id);
        String choices = String.join(",", numbers.choices().stream().map(String::valueOf).toList());
        // the hash outlives the challenge by a grace period, so a late poll learns TIMEOUT rather than "no such"
        long keepMillis = ttl.plusMinutes(5).toMillis();
        return redis.execute("HSET", key, "factor", factorId.toString(), "correct", Integer.toString(numbers.correct()),
                        "choices", choices, "state", "PENDING", "expires", Long.toString(expires.toEpochMilli()))
                .chain(() -> redis.execute("PEXPIRE", key, Long.toString(keepMillis)))
                .chain(() -> redis.execute("ZADD", pendingKey(factorId), Long.toString(expires.toEpochMilli()), key))
                .chain(() -> redis.execute("PEXPIRE", pendingKey(factorId), Long.toString(keepMillis)))
                .replaceWith(new Pending(id, numbers.choices(), expires));
    }

    /** The factor's challenges still open. */
    public Uni<List<Pending>> pending(UUID factorId) {
        long now = clock.millis();
        return redis.execute("ZRANGEBYSCORE", pendingKey(factorId), Long.toString(now), "+inf").chain(keys -> {
            List<Uni<Pending>> reads = new ArrayList<>();
            for (Response key : keys) {
                String k = key.toString();
                reads.add(redis.execute("HMGET", k, "choices", "expires", "state").map(r -> {
                    if (r == null || r.get(0) == null || !"PENDING".equals(String.valueOf(r.get(2)))) {
                        return null;
                    }
                    List<Integer> choices = Arrays.stream(r.get(0).toString().split(",")).map(Integer::valueOf).toList();
                    return new Pending(k.substring(k.lastIndexOf(':') + 1), choices, Instant.ofEpochMilli(r.get(1).toLong()));
                }));
            }
            return reads.isEmpty() ? Uni.createFrom().item(List.<Pending>of())
                    : Uni.join().all(reads).andFailFast().map(all -> all.stream().filter(p -> p != null).toList());
        });
    }

    public Uni<Answered> answer(UUID factorId, String challengeId, String decision, int number) {
        return redis.execute("EVAL", ANSWER, "2", challengeKey(challengeId), pendingKey(factorId), factorId.toString(), decision,
                        Integer.toString(number), Long.toString(clock.millis()))
                .map(r -> switch (r.toInteger()) {
                    case 1 -> Answered.ACCEPTED;
                    case -1 -> Answered.ALREADY_ANSWERED;
                    case -3 -> Answered.EXPIRED;
                    default -> Answered.NO_SUCH;
                });
    }

    /** Reads a challenge for verification; an answered or expired one is consumed (verified at most once). */
    public Uni<State> consume(UUID factorId, String challengeId) {
        return redis.execute("EVAL", CONSUME, "1", challengeKey(challengeId), factorId.toString(), Long.toString(clock.millis()))
                .map(r -> State.valueOf(r.toString()));
    }

    /** Counts a push to the user; answers the count within the current minute. */
    public Uni<Long> countPush(UUID userId) {
        String key = LockoutStore.PREFIX + "push:rate:" + userId;
        return redis.execute("EVAL", "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], 60000) end return n",
                "1", key).map(Response::toLong);
    }

    static String challengeKey(String challengeId) {
        return LockoutStore.PREFIX + "push:challenge:" + challengeId;
    }

    static String pendingKey(UUID factorId) {
        return LockoutStore.PREFIX + "push:pending:" + factorId;
    }
}
