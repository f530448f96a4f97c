package io.sequent.factor.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.factor.config.FactorSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Live one-time codes of sms, call and email factors in Redis: only a keyed hash of the code, with a
 * TTL, an attempt count and a resend cooldown. Issue and verify are single Lua scripts: a code is
 * accepted at most once, and the attempt limit holds across replicas.
 */
@ApplicationScoped
public class CodeStore {

    /** The result of asking for a new code. */
    public sealed interface Issued {
        record Stored() implements Issued {
        }

        record CoolingDown(long retryAfterMillis) implements Issued {
        }
    }

    public enum Check { ACCEPTED, WRONG, USED_UP, NONE }

    // KEYS[1] code hash, KEYS[2] cooldown; ARGV hash, ttl ms, cooldown ms. Answers 0, or the cooldown's remaining ms.
    private static final String ISSUE = """
            local left = redis.call('PTTL', KEYS[2])
            if left > 0 then return left end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'a', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
            return 0""";

    // KEYS[1] code hash, KEYS[2] cooldown; ARGV hash, max attempts. Answers 1 accepted, 0 wrong, -1 wrong and used up,
    // -2 no code. An accepted code ends its challenge, cooldown included: the next sign-in may ask for a code at once.
    private static final String VERIFY = """
            local h = redis.call('HGET', KEYS[1], 'h')
            if not h then return -2 end
            if h == ARGV[1] then redis.call('DEL', KEYS[1], KEYS[2]) return 1 end
            local a = redis.call('HINCRBY', KEYS[1], 'a', 1)
            if a >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -1 end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final FactorSettings settings;

    public CodeStore(ReactiveRedisDataSource redis, FactorSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    public Uni<Issued> issue(UUID factorId, byte[] codeHash) {
        var code = settings.code();
        return redis.execute("EVAL", ISSUE, "2", codeKey(factorId), cooldownKey(factorId), HexFormat.of().formatHex(codeHash),
                        Long.toString(code.ttl().toMillis()), Long.toString(code.resendCooldown().toMillis()))
                .map(r -> r.toLong() == 0 ? new Issued.Stored() : new Issued.CoolingDown(r.toLong()));
    }

    public Uni<Check> verify(UUID factorId, byte[] codeHash) {
        return redis.execute("EVAL", VERIFY, "2", codeKey(factorId), cooldownKey(factorId), HexFormat.of().formatHex(codeHash),
                        Integer.toString(settings.code().maxAttempts()))
                .map(r -> switch (r.toInteger()) {
                    case 1 -> Check.ACCEPTED;
                    case 0 -> Check.WRONG;
                    case -1 -> Check.USED_UP;
                    default -> Check.NONE;
                });
    }

    /** Drops a factor's live code (when the factor is reset). */
    public Uni<Void> discard(UUID factorId) {
        return redis.execute("DEL", codeKey(factorId), cooldownKey(factorId)).replaceWithVoid();
    }

    static String codeKey(UUID factorId) {
        return LockoutStore.PREFIX + "code:" + factorId;
    }

    static String cooldownKey(UUID factorId) {
        return LockoutStore.PREFIX + "cooldown:" + factorId;
    }
}
