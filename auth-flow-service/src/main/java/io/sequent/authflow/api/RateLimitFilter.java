package io.sequent.authflow.api;

import io.sequent.authflow.persistence.RateLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The per-client-IP limit on every {@code /api/v1/authn*} call, before the resource runs. The client
 * IP is the connection's peer, or the forwarded address when {@code quarkus.http.proxy.*} trusts the
 * proxy in front (see the README).
 */
public class RateLimitFilter {

    private final RateLimits limits;

    public RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Response> limitByIp(ContainerRequestContext context, HttpServerRequest http) {
        String path = context.getUriInfo().getPath();
        if (!path.startsWith("/api/v1/authn")) {
            return null;
        }
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return limits.checkIp(ip).map(verdict -> (Response) null)
                .onFailure(RateLimits.Limited.class).recoverWithItem(f ->
                        AuthnErrorMappers.limited((RateLimits.Limited) f));
    }
}
