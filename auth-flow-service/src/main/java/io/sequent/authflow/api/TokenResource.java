package io.sequent.authflow.api;

import io.sequent.authflow.persistence.AuthorizationCodes;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.service.SessionGrants;
import io.sequent.authflow.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 token endpoint: {@code client_credentials} for services and admins; the sign-in's
 * session token exchanged for an ID token and an access token, either directly (RFC 8693 token
 * exchange) or through {@code /oauth2/v1/authorize} and {@code authorization_code} with PKCE (the
 * classic Okta path). Errors follow RFC 6749 §5.2 ({@code error}, {@code error_description}), which is
 * what OAuth clients expect here, unlike the Okta error shape of the Authentication API.
 */
@Path("/oauth2/v1/token")
@Tag(name = "Tokens")
public class TokenResource {

    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String SESSION_TOKEN_TYPE = "urn:sequent:params:oauth:token-type:session_token";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final OAuthClients clients;
    private final TokenIssuer issuer;
    private final SessionTokens sessionTokens;
    private final AuthorizationCodes codes;
    private final SessionGrants grants;

    public TokenResource(OAuthClients clients, TokenIssuer issuer, SessionTokens sessionTokens, AuthorizationCodes codes,
                         SessionGrants grants) {
        this.clients = clients;
        this.issuer = issuer;
        this.sessionTokens = sessionTokens;
        this.codes = codes;
        this.grants = grants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue tokens",
            description = "grant_type=client_credentials (confidential clients): an access token with the client's roles. "
                    + "grant_type=" + TOKEN_EXCHANGE + " with subject_token=<sessionToken> and subject_token_type="
                    + SESSION_TOKEN_TYPE + " (a registered client: its secret, or a public client's id): an ID token and "
                    + "an access token, and a session. grant_type=authorization_code with code, redirect_uri and the PKCE "
                    + "code_verifier: the same, for a code from /oauth2/v1/authorize. A session token or code is used once.")
    public Uni<Response> token(MultivaluedMap<String, String> form,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String grant = form.getFirst("grant_type");
        if (grant == null || grant.isBlank()) {
            return error(400, "invalid_request", "grant_type is required");
        }
        return switch (grant) {
            case "client_credentials" -> clientCredentials(form, authorization);
            case TOKEN_EXCHANGE -> tokenExchange(form, authorization);
            case "authorization_code" -> authorizationCode(form, authorization);
            default -> error(400, "unsupported_grant_type",
                    "supported: client_credentials, authorization_code, " + TOKEN_EXCHANGE);
        };
    }

    private Uni<Response> clientCredentials(MultivaluedMap<String, String> form, String authorization) {
        var client = clients.authenticate(form, authorization, false);
        if (client.isEmpty()) {
            return error(401, "invalid_client", "client authentication failed");
        }
        String scope = form.getFirst("scope");
        return issuer.clientToken(client.get().clientId(), client.get().client().roles().orElse(List.of()), scope)
                .map(token -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", token.token());
                    body.put("token_type", "Bearer");
                    body.put("expires_in", token.expiresInSeconds());
                    if (scope != null) {
                        body.put("scope", scope);
                    }
                    return Response.ok(body).header("Cache-Control", "no-store").build();
                });
    }

    private Uni<Response> tokenExchange(MultivaluedMap<String, String> form, String authorization) {
        var client = clients.authenticate(form, authorization, true);
        if (client.isEmpty()) {
            return error(401, "invalid_client", "client authentication failed");
        }
        String subject = form.getFirst("subject_token");
        String type = form.getFirst("subject_token_type");
        if (subject == null || subject.isBlank()) {
            return error(400, "invalid_request", "subject_token is required");
        }
        if (!SESSION_TOKEN_TYPE.equals(type)) {
            return error(400, "invalid_request", "subject_token_type must be " + SESSION_TOKEN_TYPE);
        }
        String scope = form.getFirst("scope") == null ? "openid" : form.getFirst("scope");
        return sessionTokens.consume(subject).flatMap(found -> found.isEmpty()
                ? error(400, "invalid_grant", "the session token is unknown, used or expired")
                : issued(found.get(), client.get().clientId(), scope, null, true));
    }

    private Uni<Response> authorizationCode(MultivaluedMap<String, String> form, String authorization) {
        var client = clients.authenticate(form, authorization, true);
        if (client.isEmpty()) {
            return error(401, "invalid_client", "client authentication failed");
        }
        String code = form.getFirst("code");
        if (code == null || code.isBlank()) {
            return error(400, "invalid_request", "code is required");
        }
        String verifier = form.getFirst("code_verifier");
        if (verifier != null && !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return error(400, "invalid_request", "code_verifier must be 43 to 128 unreserved characters (RFC 7636)");
        }
        String redirectUri = form.getFirst("redirect_uri");
        return codes.redeem(code).flatMap(found -> {
            if (found.isEmpty()) {
                return error(400, "invalid_grant", "the code is unknown, used or expired");
            }
            AuthorizationCodes.Code c = found.get();
            if (!c.clientId().equals(client.get().clientId())) {
                return error(400, "invalid_grant", "the code was issued to another client");
            }
            if (!c.redirectUri().equals(redirectUri)) {
                return error(400, "invalid_grant", "redirect_uri does not match the authorization request");
            }
            if (c.codeChallenge() != null && (verifier == null || !s256(verifier).equals(c.codeChallenge()))) {
                return error(400, "invalid_grant", "code_verifier does not match the code_challenge");
            }
            return issued(c.grant(), c.clientId(), c.scope(), c.nonce(), false);
        });
    }

    private Uni<Response> issued(SessionTokens.Grant grant, String clientId, String scope, String nonce, boolean exchange) {
        return grants.issue(grant, clientId, scope, nonce).flatMap(result -> {
            if (result.isEmpty()) {
                return error(400, "invalid_grant", "the user can no longer sign in");
            }
            var tokens = result.get().tokens();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", tokens.accessToken());
            if (exchange) {
                body.put("issued_token_type", ACCESS_TOKEN_TYPE);
            }
            body.put("token_type", "Bearer");
            body.put("expires_in", tokens.expiresInSeconds());
            body.put("scope", scope);
            body.put("id_token", tokens.idToken());
            return Uni.createFrom().item(Response.ok(body).header("Cache-Control", "no-store").build());
        });
    }

    /** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))), no padding. */
    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Uni<Response> error(int status, String code, String description) {
        var response = Response.status(status).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(Map.of("error", code, "error_description", description));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sequent\"");
        }
        return Uni.createFrom().item(response.build());
    }
}
