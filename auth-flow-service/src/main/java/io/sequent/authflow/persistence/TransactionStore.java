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

    /** KEYS: tx key. ARGV: expected version, new version, json, ttl ms (0: the transaction ended, delete). */
    private static final LuaScript SWAP = new LuaScript("""
            local v = redis.call('HGET', KEYS[1], 'version')
            if not v or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
            if tonumber(ARGV[4]) <= 0 then redis.call('DEL', KEYS[1]) return 1 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """);

    /** KEYS: tx key. ARGV: version, json, ttl ms. */
    private static final LuaScript CREATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'json', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public TransactionStore(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Stores a new transaction under a fresh state token; returns the token. */
    public Uni<String> create(StoredTransaction stored) {
        String token = Secrets.newToken();
        return CREATE.run(redis, 1, key(token), Long.toString(stored.tx().version()), toJson(stored),
                        Long.toString(ttlMillis(stored)))
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
        return SWAP.run(redis, 1, key(stateToken), Long.toString(expectedVersion),
                        Long.toString(next.tx().version()), toJson(next), Long.toString(ttl))
                .map(r -> r != null && r.toLong() == 1L);
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
