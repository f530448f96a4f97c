package io.sequent.authflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.sequent.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time authorization codes of {@code /oauth2/v1/authorize}: 60 seconds in Redis under the code's
 * SHA-256, consumed with GETDEL so a code is redeemed at most once, even by two replicas at once.
 */
@ApplicationScoped
public class AuthorizationCodes {

    public static final Duration LIFETIME = Duration.ofSeconds(60);
    static final String KEY = "sequent:authflow:code:";

    /** What the code stands for: the consumed session token's grant and the request it answered. */
    public record Code(SessionTokens.Grant grant, String clientId, String redirectUri, String scope, String nonce,
                       String codeChallenge) {
        public Code {
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(redirectUri, "redirectUri");
        }
    }

    private final ReactiveRedisDataSource redis;

    public AuthorizationCodes(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<String> issue(Code code) {
        String token = Secrets.newToken();
        try {
            String json = EventCodec.mapper().writeValueAsString(code);
            return redis.value(String.class).set(KEY + Secrets.sha256(token), json, new SetArgs().px(LIFETIME).nx())
                    .replaceWith(token);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The code's content, removed in the same step; empty for an unknown, used or expired code. */
    public Uni<Optional<Code>> redeem(String code) {
        if (code == null || code.isBlank() || code.length() > 128) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.value(String.class).getdel(KEY + Secrets.sha256(code)).map(json -> Optional.ofNullable(json).map(j -> {
            try {
                return EventCodec.mapper().readValue(j, Code.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored authorization code is unreadable", e);
            }
        }));
    }
}
