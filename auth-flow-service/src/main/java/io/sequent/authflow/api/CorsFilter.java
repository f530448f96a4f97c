package io.sequent.authflow.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the few endpoints a browser app on another origin calls (the admin console: token
 * exchange, JWKS, discovery, policy simulation), for the configured origins only ({@code sequent.cors.origins}).
 * Quarkus's own CORS filter would open every path; the Authentication API and the hosted sign-in page
 * stay same-origin. A preflight from any other origin is refused (403); an actual request from one
 * gets no CORS headers, so the browser does not hand it the answer.
 */
@Singleton
public class CorsFilter {

    static final Set<String> PATHS = Set.of("/.well-known/openid-configuration", "/oauth2/v1/token", "/oauth2/v1/keys",
            "/api/v1/policies/simulate");
    private static final String METHODS = "GET, POST";
    private static final String HEADERS = "Authorization, Content-Type";

    private final Set<String> origins;

    public CorsFilter(@ConfigProperty(name = "sequent.cors.origins") List<String> origins) {
        this.origins = Set.copyOf(origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList());
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            var request = context.request();
            String origin = request.getHeader("Origin");
            if (origin == null || !PATHS.contains(request.path())) {
                context.next();
                return;
            }
            var response = context.response();
            response.headers().add("Vary", "Origin");
            boolean allowed = origins.contains(origin);
            String requestedMethod = request.getHeader("Access-Control-Request-Method");
            if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
                if (!allowed || !(requestedMethod.equals("GET") || requestedMethod.equals("POST"))) {
                    response.setStatusCode(403).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .end("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                    + "\"detail\":\"cross-origin request not allowed from this origin\"}");
                    return;
                }
                response.setStatusCode(204)
                        .putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", METHODS)
                        .putHeader("Access-Control-Allow-Headers", HEADERS)
                        .putHeader("Access-Control-Max-Age", "600")
                        .end();
                return;
            }
            if (allowed) {
                response.putHeader("Access-Control-Allow-Origin", origin);
            }
            context.next();
        }, 20_000);
    }
}
