package io.sequent.authflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.events.EventCodec;
import io.sequent.events.FactorEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Users as the directory last described them, in Redis so every replica reads the same state.
 * A snapshot is applied only if its version is newer than the stored one, in one Lua script, so
 * replays and out-of-order deliveries cannot roll a user back. The same hash keeps the user's ACTIVE
 * factor set as factor-service last described it ({@code factor.*} events, or a list it answered),
 * newest version wins likewise, so a sign-in reads the user and what they hold in one round trip.
 */
@ApplicationScoped
public class UserReadModel {

    static final String USER_KEY = "sequent:authflow:user:";
    static final String USERNAME_KEY = "sequent:authflow:username:";

    /**
     * KEYS: user hash, new username key, the user's open-transaction index, the user's session index.
     * ARGV: version, json, status, user id. Returns 0 (not newer), 1 (applied) or 2 (applied, the user
     * is now DISABLED or DELETED and still has open sign-ins or sessions to end: S2).
     */
    private static final LuaScript APPLY = new LuaScript("""
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            local previous = redis.call('HGET', KEYS[1], 'usernameKey')
            if previous and previous ~= KEYS[2] and redis.call('GET', previous) == ARGV[4] then
              redis.call('DEL', previous)
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'json', ARGV[2], 'usernameKey', KEYS[2])
            if ARGV[3] == 'DELETED' then
              if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
            else
              redis.call('SET', KEYS[2], ARGV[4])
            end
            if (ARGV[3] == 'DISABLED' or ARGV[3] == 'DELETED')
                and (redis.call('EXISTS', KEYS[3]) == 1 or redis.call('EXISTS', KEYS[4]) == 1) then
              return 2
            end
            return 1
            """);

    /**
     * KEYS: user hash. ARGV: the factor set's version, its json. Stores the user's ACTIVE factor set unless the hash
     * already holds one of a newer or equal version; returns 1 when stored. The user's snapshot fields are not touched
     * (the set may arrive before the user does: the hash then holds no user, and sign-in finds none).
     */
    private static final LuaScript APPLY_FACTORS = new LuaScript("""
            local current = redis.call('HGET', KEYS[1], 'factorsVersion')
            if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'factorsVersion', ARGV[1], 'factors', ARGV[2])
            return 1
            """);

    private static final TypeReference<List<FactorEvent.Held>> HELD_LIST = new TypeReference<>() {
    };

    /**
     * A user as a sign-in starts with them: the snapshot and their ACTIVE factors, {@code factors} null when the read
     * model does not hold the set (never told, or lost with Redis).
     */
    public record SignInUser(UserSnapshot user, List<FactorEvent.Held> factors) {
    }

    /** What applying a snapshot did. */
    public enum Applied {
        /** The stored version was newer or equal: nothing changed. */
        ALREADY_CURRENT,
        APPLIED,
        /** Applied; the user is now DISABLED or DELETED and has open sign-ins or sessions to end (S2). */
        APPLIED_ENDS_SIGN_INS
    }

    private final ReactiveRedisDataSource redis;

    public UserReadModel(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Stores the snapshot unless a newer or equal version is there; true when it was applied. */
    public Uni<Boolean> apply(UserSnapshot user) {
        return applyChecked(user).map(a -> a != Applied.ALREADY_CURRENT);
    }

    /**
     * Like {@link #apply}, and says in the same round trip whether the user's open sign-ins and
     * sessions must end, so replaying the topic costs nothing more for users who have none.
     */
    public Uni<Applied> applyChecked(UserSnapshot user) {
        String json = toJson(user);
        return APPLY.run(redis, 4, USER_KEY + user.userId(), usernameKey(user.username()),
                        TransactionStore.USER_INDEX + user.userId(), Sessions.USER_KEY + user.userId(),
                        Long.toString(user.version()), json, user.status().name(), user.userId())
                .map(response -> response == null ? Applied.ALREADY_CURRENT : switch (response.toInteger()) {
                    case 1 -> Applied.APPLIED;
                    case 2 -> Applied.APPLIED_ENDS_SIGN_INS;
                    default -> Applied.ALREADY_CURRENT;
                });
    }

    /** One page of the read model: the users found and the cursor of the next page ("0" when done). */
    public record Page(List<UserSnapshot> users, String nextCursor) {
    }

    /**
     * One SCAN step over the stored users ({@code count} is a hint to Redis, not an exact size): admin
     * tools that walk every user page by page (the S11 dry run), never the sign-in path.
     */
    public Uni<Page> page(String cursor, int count) {
        return redis.execute("SCAN", cursor, "MATCH", USER_KEY + "*", "COUNT", Integer.toString(count)).flatMap(r -> {
            String next = r.get(0).toString();
            List<String> keys = new ArrayList<>();
            r.get(1).forEach(k -> keys.add(k.toString()));
            if (keys.isEmpty()) {
                return Uni.createFrom().item(new Page(List.of(), next));
            }
            // a few reads at a time: the Redis pool is shared with sign-in
            return io.smallrye.mutiny.Multi.createFrom().iterable(keys)
                    .onItem().transformToUni(k -> redis.hash(String.class).hget(k, "json")).merge(4)
                    .filter(java.util.Objects::nonNull).map(UserReadModel::fromJson)
                    .collect().asList().map(found -> new Page(found, next));
        });
    }

    /**
     * Stores the user's ACTIVE factor set at {@code version} unless a newer or equal one is there (an event read again,
     * or a list read from factor-service after a later event); true when stored.
     */
    public Uni<Boolean> applyFactors(String userId, long version, List<FactorEvent.Held> factors) {
        return APPLY_FACTORS.run(redis, 1, USER_KEY + userId, Long.toString(version), toJson(factors))
                .map(response -> response != null && response.toInteger() == 1);
    }

    /** The stored factor set; empty when none is stored (what the read model holds, for tools and tests). */
    public Uni<Optional<List<FactorEvent.Held>>> findFactors(String userId) {
        return redis.hash(String.class).hget(USER_KEY + userId, "factors").map(json -> Optional.ofNullable(json)
                .map(UserReadModel::heldFromJson));
    }

    /**
     * The live user with this username (as {@link #findByUsername}) and, read in the same round trip as the user, their
     * factor set when stored: a sign-in's identification costs two Redis reads, as before the set was kept.
     */
    public Uni<Optional<SignInUser>> findForSignIn(String username) {
        return redis.value(String.class).get(usernameKey(username)).flatMap(id -> id == null
                ? Uni.createFrom().item(Optional.<SignInUser>empty())
                : redis.hash(String.class).hmget(USER_KEY + id, "json", "factors").map(fields -> {
                    String json = fields.get("json");
                    if (json == null) {
                        return Optional.<SignInUser>empty();
                    }
                    UserSnapshot user = fromJson(json);
                    if (user.status() == UserStatus.DELETED) {
                        return Optional.<SignInUser>empty();
                    }
                    String factors = fields.get("factors");
                    return Optional.of(new SignInUser(user, factors == null ? null : heldFromJson(factors)));
                }));
    }

    public Uni<Optional<UserSnapshot>> findById(String userId) {
        return redis.hash(String.class).hget(USER_KEY + userId, "json")
                .map(json -> Optional.ofNullable(json).map(UserReadModel::fromJson));
    }

    /** The live user with this username (case-insensitive); empty for unknown or deleted users. */
    public Uni<Optional<UserSnapshot>> findByUsername(String username) {
        return findForSignIn(username).map(found -> found.map(SignInUser::user));
    }

    static String usernameKey(String username) {
        return USERNAME_KEY + username.toLowerCase(Locale.ROOT);
    }

    private static List<FactorEvent.Held> heldFromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, HELD_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored factor set is not a list of factors", e);
        }
    }

    private static String toJson(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static UserSnapshot fromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, UserSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored user is not a user snapshot", e);
        }
    }
}
