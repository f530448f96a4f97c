package io.sequent.authflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Sign-in transactions in Redis under {@code sequent:authflow:tx:<sha256 of the state token>}, so a
 * leaked key dump yields no usable token. The key lives until the transaction's sliding
 * {@code expiresAt}. Every write compares the stored version and writes the new one in one Lua
 * script: of two concurrent steps on the same version exactly one wins.
 */
@ApplicationScoped
public class TransactionStore {

    static final String KEY = "sequent:authflow:tx:";

    /**
     * KEYS: tx key, the user's index (optional). ARGV: expected version, new version, json, ttl ms (0:
     * the transaction ended, delete it and drop it from the index).
     */
    private static final LuaScript SWAP = new LuaScript("""
            local v = redis.call('HGET', KEYS[1], 'version')
            if not v or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
            if tonumber(ARGV[4]) <= 0 then
              redis.call('DEL', KEYS[1])
              if KEYS[2] then redis.call('SREM', KEYS[2], KEYS[1]) end
              return 1
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if KEYS[2] and redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            return 1
            """);

    /** KEYS: tx key, the user's index of open transactions (optional). ARGV: version, json, ttl ms. */
    private static final LuaScript CREATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'json', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            if KEYS[2] then
              redis.call('SADD', KEYS[2], KEYS[1])
              if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
            end
            return 1
            """);

    /**
     * KEYS: the user's index of open transactions. Deletes every transaction in it (their tokens answer
     * E0000011 from then on) and the index; returns how many were still open.
     */
    private static final LuaScript CANCEL_ALL = new LuaScript("""
            local keys = redis.call('SMEMBERS', KEYS[1])
            local n = 0
            for _, k in ipairs(keys) do n = n + redis.call('DEL', k) end
            redis.call('DEL', KEYS[1])
            return n
            """);

    static final String USER_INDEX = "sequent:authflow:user-tx:";

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public TransactionStore(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Stores a new transaction under a fresh state token; returns the token. A real user's transaction
     * is also recorded in their index (expiring with the newest one), so that a {@code user.disabled}
     * or {@code user.deleted} event can cancel it (S2). A transaction slides by at most its TTL per
     * step, so an index kept for the TTL of the latest transaction may outlive older entries, never
     * miss a live one that was created after it: steps refresh it too.
     */
    public Uni<String> create(StoredTransaction stored) {
        String token = Secrets.newToken();
        String json = toJson(stored);
        String ttl = Long.toString(ttlMillis(stored));
        String version = Long.toString(stored.tx().version());
        Uni<io.vertx.mutiny.redis.client.Response> created = stored.decoy() || stored.userId() == null
                ? CREATE.run(redis, 1, key(token), version, json, ttl)
                : CREATE.run(redis, 2, key(token), USER_INDEX + stored.userId(), version, json, ttl);
        return created
                .map(r -> {
                    if (r == null || r.toLong() != 1L) {
                        throw new IllegalStateException("state token collision");
                    }
                    return token;
                });
    }

    /** The live transaction behind a state token; empty for an unknown, expired or finished one. */
    public Uni<Optional<StoredTransaction>> find(String stateToken) {
        if (stateToken == null || stateToken.isBlank() || stateToken.length() > 512) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.hash(String.class).hget(key(stateToken), "json")
                .map(json -> Optional.ofNullable(json).map(TransactionStore::fromJson));
    }

    /**
     * Replaces the stored transaction if it still has {@code expectedVersion}; a finished
     * transaction is deleted (its token is dead). False when another request changed it first.
     */
    public Uni<Boolean> swap(String stateToken, long expectedVersion, StoredTransaction next) {
        long ttl = next.tx().state().isTerminal() ? 0 : Math.max(1, ttlMillis(next));
        boolean indexed = !next.decoy() && next.userId() != null;
        String[] args = indexed
                ? new String[] {key(stateToken), USER_INDEX + next.userId(), Long.toString(expectedVersion),
                        Long.toString(next.tx().version()), toJson(next), Long.toString(ttl)}
                : new String[] {key(stateToken), Long.toString(expectedVersion),
                        Long.toString(next.tx().version()), toJson(next), Long.toString(ttl)};
        return SWAP.run(redis, indexed ? 2 : 1, args).map(r -> r != null && r.toLong() == 1L);
    }

    /** S2: cancels every open transaction of the user (their state tokens become unknown); how many there were. */
    public Uni<Long> cancelAllOf(String userId) {
        return CANCEL_ALL.run(redis, 1, USER_INDEX + userId).map(r -> r == null ? 0L : r.toLong());
    }

    private long ttlMillis(StoredTransaction stored) {
        return Math.max(1, Duration.between(clock.instant(), stored.tx().expiresAt()).toMillis());
    }

    static String key(String stateToken) {
        return KEY + Secrets.sha256(stateToken);
    }

    private static String toJson(StoredTransaction stored) {
        try {
            return EventCodec.mapper().writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static StoredTransaction fromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, StoredTransaction.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored transaction is unreadable", e);
        }
    }
}
