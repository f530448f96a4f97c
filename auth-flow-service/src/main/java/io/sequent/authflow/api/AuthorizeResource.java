package io.sequent.authflow.api;

import io.sequent.authflow.persistence.AuthorizationCodes;
import io.sequent.authflow.persistence.SessionTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Okta's classic redirect after the Authentication API: {@code GET /oauth2/v1/authorize?sessionToken=...}
 * consumes the session token and redirects to the client's registered {@code redirect_uri} with a
 * one-time {@code code} (authorization code flow, PKCE S256). Without a sessionToken the browser is
 * sent to the hosted sign-in page with the request ({@code prompt=none}: {@code login_required}
 * instead). An unknown client or an unregistered
 * redirect URI is answered here (400 JSON), never by a redirect; every other error is redirected
 * with {@code error} and {@code state} (RFC 6749 §4.1.2.1).
 */
@Path("/oauth2/v1/authorize")
@Tag(name = "Tokens")
public class AuthorizeResource {

    /** The hosted sign-in page (served from {@code META-INF/resources/signin}). */
    static final String SIGN_IN_PAGE = "/signin/";

    private final OAuthClients clients;
    private final SessionTokens sessionTokens;
    private final AuthorizationCodes codes;

    public AuthorizeResource(OAuthClients clients, SessionTokens sessionTokens, AuthorizationCodes codes) {
        this.clients = clients;
        this.sessionTokens = sessionTokens;
        this.codes = codes;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorization endpoint (response_type=code) for a sessionToken",
            description = "Parameters: client_id, redirect_uri (registered for the client), response_type=code, scope "
                    + "(must hold openid), state, nonce, code_challenge + code_challenge_method=S256 (required for public "
                    + "clients), sessionToken, prompt. 302 to redirect_uri with code and state; the session token is used up. "
                    + "Without a sessionToken: 302 to the hosted sign-in page /signin/ with the same parameters "
                    + "(prompt=none: login_required instead).")
    public Uni<Response> authorize(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
                                   @QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
                                   @QueryParam("state") String state, @QueryParam("nonce") String nonce,
                                   @QueryParam("code_challenge") String codeChallenge,
                                   @QueryParam("code_challenge_method") String codeChallengeMethod,
                                   @QueryParam("sessionToken") String sessionToken, @QueryParam("prompt") String prompt,
                                   @Context UriInfo uri) {
        var client = clients.find(clientId);
        if (client.isEmpty()) {
            return TokenResource.error(400, "invalid_client", "unknown client_id");
        }
        if (redirectUri == null || !client.get().redirectUris().orElse(List.of()).contains(redirectUri)) {
            return TokenResource.error(400, "invalid_request", "redirect_uri is not registered for this client");
        }
        if (!"code".equals(responseType)) {
            return redirect(redirectUri, state, "unsupported_response_type", "only response_type=code is supported");
        }
        if (scope == null || !Arrays.asList(scope.trim().split("\\s+")).contains("openid")) {
            return redirect(redirectUri, state, "invalid_scope", "scope must include openid");
        }
        if (codeChallenge != null && !"S256".equals(codeChallengeMethod)) {
            return redirect(redirectUri, state, "invalid_request", "code_challenge_method must be S256");
        }
        if (codeChallenge == null && client.get().isPublic()) {
            return redirect(redirectUri, state, "invalid_request", "a public client must send a PKCE code_challenge");
        }
        if (codeChallenge != null && !codeChallenge.matches("[A-Za-z0-9_-]{43}")) {
            return redirect(redirectUri, state, "invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
        }
        if (nonce != null && nonce.length() > 512 || state != null && state.length() > 1024) {
            return redirect(redirectUri, state, "invalid_request", "nonce or state is too long");
        }
        if (sessionToken == null || sessionToken.isBlank()) {
            if (prompt != null && Arrays.asList(prompt.trim().split("\\s+")).contains("none")) {
                return redirect(redirectUri, state, "login_required", "a sessionToken is required");
            }
            return Uni.createFrom().item(toSignInPage(uri.getRequestUri().getRawQuery()));
        }
        return sessionTokens.consume(sessionToken).flatMap(grant -> {
            if (grant.isEmpty()) {
                return redirect(redirectUri, state, "login_required", "the session token is unknown, used or expired");
            }
            return codes.issue(new AuthorizationCodes.Code(grant.get(), clientId, redirectUri, scope, nonce, codeChallenge))
                    .map(code -> found(redirectUri, state, Map.of("code", code)));
        });
    }

    /**
     * The hosted sign-in page with the authorize request as it came (already validated above); after
     * SUCCESS the page sends the browser back here with the same parameters and a sessionToken.
     */
    private static Response toSignInPage(String rawQuery) {
        return Response.status(302).location(URI.create(SIGN_IN_PAGE + "?" + rawQuery))
                .header("Cache-Control", "no-store").build();
    }

    private static Uni<Response> redirect(String redirectUri, String state, String error, String description) {
        return Uni.createFrom().item(found(redirectUri, state, Map.of("error", error, "error_description", description)));
    }

    private static Response found(String redirectUri, String state, Map<String, String> params) {
        UriBuilder uri = UriBuilder.fromUri(redirectUri);
        params.forEach(uri::queryParam);
        if (state != null) {
            uri.queryParam("state", state);
        }
        return Response.status(302).location(uri.build()).header("Cache-Control", "no-store").build();
    }
}
