package io.sequent.authflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sequent.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in sessions in Redis: {@code sequent:authflow:session:<id>} (JSON, expiring with the session)
 * and a per-user index {@code sequent:authflow:user-sessions:<userId>} (a set of session ids whose
 * expiry follows the longest session in it). A session is created when a session token is exchanged
 * for tokens; deleting it is revoking it.
 */
@ApplicationScoped
public class Sessions {

    static final String KEY = "sequent:authflow:session:";
    static final String USER_KEY = "sequent:authflow:user-sessions:";

    /** KEYS: session, user index. ARGV: session id, json, ttl ms. */
    private static final LuaScript CREATE = new LuaScript("""
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('SADD', KEYS[2], ARGV[1])
            if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
            return 1
            """);

    /** KEYS: session, user index. ARGV: session id. Returns the deleted session's JSON, or nil. */
    private static final LuaScript DELETE = new LuaScript("""
            local json = redis.call('GET', KEYS[1])
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            return json
            """);

    /**
     * @param amr RFC 8176 method references of the sign-in; {@code acr} a level derived from them
     */
    public record Session(String id, String userId, String orgId, String clientId, List<String> amr, String acr,
                          String transactionId, Instant createdAt, Instant expiresAt) {
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            amr = amr == null ? List.of() : List.copyOf(amr);
        }
    }

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public Sessions(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A new session for the grant behind a consumed session token, lasting {@code lifetime}. */
    public Uni<Session> create(SessionTokens.Grant grant, String clientId, String acr, Duration lifetime) {
        Instant now = clock.instant();
        Session session = new Session(UUID.randomUUID().toString(), grant.userId(), grant.orgId(), clientId, grant.amr(),
                acr, grant.transactionId(), now, now.plus(lifetime));
        return CREATE.run(redis, 2, KEY + session.id(), USER_KEY + session.userId(), session.id(), toJson(session),
                Long.toString(Math.max(1, lifetime.toMillis()))).replaceWith(session);
    }

    public Uni<Optional<Session>> find(String sessionId) {
        if (!validId(sessionId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.value(String.class).get(KEY + sessionId).map(json -> Optional.ofNullable(json).map(Sessions::fromJson));
    }

    /** Deletes (revokes) a session; the one deleted, or empty when there was none. */
    public Uni<Optional<Session>> delete(String sessionId) {
        if (!validId(sessionId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return find(sessionId).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(found)
                : DELETE.run(redis, 2, KEY + sessionId, USER_KEY + found.get().userId(), sessionId)
                        .map(r -> r == null ? Optional.<Session>empty() : Optional.of(fromJson(r.toString()))));
    }

    /** The user's live sessions, newest first; ids of expired sessions are pruned from the index. */
    public Uni<List<Session>> ofUser(String userId) {
        return redis.set(String.class).smembers(USER_KEY + userId).flatMap(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<Session>of());
            }
            List<String> idList = new ArrayList<>(ids);
            String[] keys = idList.stream().map(id -> KEY + id).toArray(String[]::new);
            return redis.value(String.class).mget(keys).flatMap(values -> {
                List<Session> live = new ArrayList<>();
                List<String> gone = new ArrayList<>();
                for (String id : idList) {
                    String json = values.get(KEY + id);
                    if (json == null) {
                        gone.add(id);
                    } else {
                        live.add(fromJson(json));
                    }
                }
                live.sort(Comparator.comparing(Session::createdAt).reversed());
                Uni<Void> prune = gone.isEmpty() ? Uni.createFrom().voidItem()
                        : redis.set(String.class).srem(USER_KEY + userId, gone.toArray(String[]::new)).replaceWithVoid();
                return prune.replaceWith(live);
            });
        });
    }

    /** Deletes every session of the user; the ones deleted. */
    public Uni<List<Session>> deleteAllOf(String userId) {
        return ofUser(userId).flatMap(all -> {
            if (all.isEmpty()) {
                return Uni.createFrom().item(List.<Session>of());
            }
            return io.smallrye.mutiny.Multi.createFrom().iterable(all).onItem().transformToUni(s -> delete(s.id())).merge(4)
                    .filter(Optional::isPresent).map(Optional::get).collect().asList();
        });
    }

    private static boolean validId(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String toJson(Session session) {
        try {
            return EventCodec.mapper().writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Session fromJson(String json) {
        try {
            return EventCodec.mapper().readValue(json, Session.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored session is unreadable", e);
        }
    }
}
