package io.sequent.authflow.client;

import io.sequent.authflow.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * auth-flow's own short-lived {@code service} token for its calls to factor-service and
 * directory-sync, signed with its own key (no OIDC client round trip); reused until a minute before
 * it expires.
 */
@ApplicationScoped
public class ServiceTokens {

    static final String CLIENT_ID = "auth-flow-service";

    private record Held(String bearer, Instant refreshAt) {
    }

    private final TokenIssuer issuer;
    private final Clock clock;
    private final AtomicReference<Held> held = new AtomicReference<>();

    public ServiceTokens(TokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The {@code Authorization} header value. */
    public Uni<String> bearer() {
        Held current = held.get();
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.refreshAt())) {
            return Uni.createFrom().item(current.bearer());
        }
        return issuer.clientToken(CLIENT_ID, List.of("service"), null).map(token -> {
            long margin = Math.min(60, token.expiresInSeconds() / 2);
            Held fresh = new Held("Bearer " + token.token(), now.plusSeconds(token.expiresInSeconds() - margin));
            held.set(fresh);
            return fresh.bearer();
        });
    }
}
