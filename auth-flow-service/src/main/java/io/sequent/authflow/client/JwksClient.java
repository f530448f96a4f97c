package io.sequent.authflow.client;

import io.quarkus.logging.Log;
import io.sequent.authflow.config.FederationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The JWKS of the identity providers behind enterprise connections, fetched over HTTP with Vert.x's
 * non-blocking client (the event loop never waits on it) and cached per URL in this replica. Keys
 * are fetched again after {@code max-age}, or earlier when an assertion names a key id the cache
 * does not hold (key rotation), at most once per {@code min-refresh-interval}. Concurrent misses
 * share one fetch. A JWKS that cannot be fetched or read is {@link NeighbourUnavailable}: the
 * sign-in answers 503, never a decision.
 */
@ApplicationScoped
public class JwksClient {

    private record Cached(List<JsonWebKey> keys, Instant fetchedAt) {
    }

    private final WebClient http;
    private final FederationConfig.Jwks config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Uni<Cached>> inFlight = new ConcurrentHashMap<>();

    public JwksClient(Vertx vertx, FederationConfig config, Clock clock) {
        this.config = config.jwks();
        this.clock = clock;
        int timeout = (int) this.config.timeout().toMillis();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeout)
                .setIdleTimeout(timeout).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setFollowRedirects(false).setUserAgent("sequent-auth-flow"));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** The keys at {@code url}: from the cache while younger than max-age, else fetched. */
    public Uni<List<JsonWebKey>> keys(String url) {
        Cached cached = cache.get(url);
        if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(config.maxAge()))) {
            return Uni.createFrom().item(cached.keys());
        }
        return fetchShared(url).map(Cached::keys);
    }

    /**
     * The keys at {@code url} after an unknown key id: fetched again unless the cached copy is younger
     * than min-refresh-interval (then that copy, which holds no such key either).
     */
    public Uni<List<JsonWebKey>> refreshed(String url) {
        Cached cached = cache.get(url);
        if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(config.minRefreshInterval()))) {
            return Uni.createFrom().item(cached.keys());
        }
        return fetchShared(url).map(Cached::keys);
    }

    private Uni<Cached> fetchShared(String url) {
        return Uni.createFrom().deferred(() -> inFlight.computeIfAbsent(url, u -> fetch(u)
                .onTermination().invoke(() -> inFlight.remove(u))
                .memoize().indefinitely()));
    }

    private Uni<Cached> fetch(String url) {
        Duration timeout = config.timeout();
        return http.getAbs(url).putHeader(HttpHeaders.ACCEPT.toString(), "application/json")
                .timeout(timeout.toMillis()).send()
                .ifNoItem().after(timeout.plusMillis(500)).failWith(() -> new NeighbourUnavailable("JWKS timed out"))
                .onFailure(f -> !(f instanceof NeighbourUnavailable))
                .transform(f -> new NeighbourUnavailable("JWKS unreachable: " + f.getClass().getSimpleName()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new NeighbourUnavailable("JWKS answered " + response.statusCode());
                    }
                    String body = response.bodyAsString();
                    if (body == null || body.length() > config.maxBytes()) {
                        throw new NeighbourUnavailable("JWKS empty or too large");
                    }
                    try {
                        var fresh = new Cached(List.copyOf(new JsonWebKeySet(body).getJsonWebKeys()), clock.instant());
                        cache.put(url, fresh);
                        return fresh;
                    } catch (JoseException | RuntimeException e) {
                        throw new NeighbourUnavailable("JWKS unreadable");
                    }
                })
                .onFailure().invoke(f -> Log.warnf("JWKS %s: %s", url, f.getMessage()));
    }
}
