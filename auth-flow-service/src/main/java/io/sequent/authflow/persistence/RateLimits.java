package io.sequent.authflow.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.config.RateLimitConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;

/**
 * Fixed-window counters in Redis, shared by every replica: one {@code INCR} (with the window's expiry
 * set on the first hit) per request, in one Lua script so a counter never outlives its window. A
 * fixed window lets through at most twice the limit across a window boundary, which is enough to
 * stop guessing and keeps the cost at one round trip. Keys hold a SHA-256 of the username, never
 * the name itself.
 */
@ApplicationScoped
public class RateLimits {

    static final String KEY = "sequent:authflow:rate:";

    /** KEYS: counter. ARGV: window ms. Returns {count, ms left}. */
    private static final LuaScript HIT = new LuaScript("""
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """);

    /** What the 429 carries: Okta's X-Rate-Limit-* headers (contract §6). */
    public record Verdict(boolean allowed, long limit, long remaining, long resetEpochSeconds) {
    }

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final Clock clock;

    public RateLimits(ReactiveRedisDataSource redis, RateLimitConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Counts a call from {@code ip}; fails with E0000047 (429) over the limit. */
    public Uni<Verdict> checkIp(String ip) {
        return check("ip:" + (ip == null ? "unknown" : ip), config.ip());
    }

    /** Counts a primary authentication for {@code username}; fails with E0000047 (429) over the limit. */
    public Uni<Verdict> checkUsername(String username) {
        return check("user:" + Secrets.sha256(username.toLowerCase(Locale.ROOT)), config.username());
    }

    private Uni<Verdict> check(String subject, RateLimitConfig.Window window) {
        if (!config.enabled()) {
            return Uni.createFrom().item(new Verdict(true, window.limit(), window.limit(), 0));
        }
        long windowMs = Math.max(1, window.window().toMillis());
        return HIT.run(redis, 1, KEY + subject, Long.toString(windowMs)).map(r -> {
            Verdict verdict = verdict(r, window.limit());
            if (!verdict.allowed()) {
                throw new Limited(verdict);
            }
            return verdict;
        });
    }

    private Verdict verdict(Response r, long limit) {
        long count = r.get(0).toLong();
        long ttl = Math.max(0, r.get(1).toLong());
        long reset = (clock.millis() + ttl + 999) / 1000;
        return new Verdict(count <= limit, limit, Math.max(0, limit - count), reset);
    }

    /** Over the limit: the API answers 429 E0000047 with the verdict's headers. */
    public static final class Limited extends AuthnException {
        private final Verdict verdict;

        public Limited(Verdict verdict) {
            super(429, "E0000047", "API call exceeded rate limit due to too many requests.");
            this.verdict = verdict;
        }

        public Verdict verdict() {
            return verdict;
        }
    }
}
