package io.sequent.factor.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token that {@link VerifiedTokens} holds with the identity quarkus-oidc made of it;
 * any other token falls through (a null identity) to quarkus-oidc's own provider, which verifies it
 * and, on success, {@link RememberVerifiedTokens} keeps it.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    public CachedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which has the default priority (1001): the highest runs first. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential)) {
            return Uni.createFrom().nullItem();
        }
        return tokens.find(credential.getToken())
                .map(known -> Uni.createFrom().item(forThisRequest(known, HttpSecurityUtils.getRoutingContextAttribute(request))))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The same principal, roles, credentials and attributes, bound to this request's routing context, not the first one's. */
    private static SecurityIdentity forThisRequest(SecurityIdentity known, RoutingContext routing) {
        var builder = QuarkusSecurityIdentity.builder(known);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }
}
