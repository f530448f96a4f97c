package io.sequent.factor.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that quarkus-oidc has already accepted, by their exact text, until they expire or
 * {@code max-age} has passed, whichever comes first.
 *
 * <p>auth-flow signs one service token and sends it on every call of every sign-in for minutes.
 * Checking its RS256 signature and parsing its claims again on each call was about a fifth of this
 * service's CPU under sign-in load. A hit is the same string quarkus-oidc verified: the same
 * signature over the same claims, so it carries the same identity; any other string (one byte
 * changed, another token) misses and is verified in full. {@code max-age} bounds how long a token
 * outlives the removal of its signing key from the issuer's JWKS.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long maxAgeMillis;
    private final int maxEntries;
    private final Clock clock;
    private final LongAdder hits = new LongAdder();

    public VerifiedTokens(@ConfigProperty(name = "sequent.security.token-cache.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "sequent.security.token-cache.max-age", defaultValue = "PT60S") Duration maxAge,
                          @ConfigProperty(name = "sequent.security.token-cache.max-entries", defaultValue = "1024") int maxEntries,
                          Clock clock) {
        this.enabled = enabled;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The identity quarkus-oidc made of this exact token, while it is still valid. */
    public Optional<SecurityIdentity> find(String token) {
        if (!enabled || token == null) {
            return Optional.empty();
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.identity());
    }

    /** Keeps an identity quarkus-oidc accepted, if it came from a JWT bearer token with an expiry. */
    public void remember(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        long expiry = jwt.getExpirationTime();
        if (credential == null || credential.getToken() == null || expiry <= 0) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(expiry * 1000, now + maxAgeMillis);
        if (until <= now || entries.containsKey(credential.getToken())) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                // full of live tokens (many distinct callers): start again rather than grow without bound
                entries.clear();
            }
        }
        // the first request's routing context is not kept: a hit is bound to its own request
        var kept = QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), null).build();
        entries.put(credential.getToken(), new Entry(kept, until));
    }

    /** How many requests were answered from here. */
    public long hits() {
        return hits.sum();
    }
}
