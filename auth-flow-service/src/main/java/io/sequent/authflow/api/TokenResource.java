package io.sequent.authflow.api;

import io.quarkus.logging.Log;
import io.sequent.authflow.config.OAuthConfig;
import io.sequent.authflow.persistence.Secrets;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 token endpoint. Errors follow RFC 6749 §5.2 ({@code error}, {@code error_description}),
 * which is what OAuth clients expect here, unlike the Okta error shape of the Authentication API.
 */
@Path("/oauth2/v1/token")
@Tag(name = "Tokens")
public class TokenResource {

    private final OAuthConfig config;
    private final TokenIssuer issuer;

    public TokenResource(OAuthConfig config, TokenIssuer issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an access token (grant client_credentials)")
    public Uni<Response> token(MultivaluedMap<String, String> form,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String grant = form.getFirst("grant_type");
        if (grant == null || grant.isBlank()) {
            return error(400, "invalid_request", "grant_type is required");
        }
        if (!"client_credentials".equals(grant)) {
            return error(400, "unsupported_grant_type", "supported: client_credentials");
        }
        String[] credentials = credentials(form, authorization);
        if (credentials == null) {
            return error(401, "invalid_client", "client authentication failed");
        }
        OAuthConfig.Client client = config.clients().get(credentials[0]);
        // compare even for an unknown client, so the answer takes as long either way
        boolean secretMatches = MessageDigest.isEqual(Secrets.sha256Bytes(credentials[1]), expectedHash(client));
        if (client == null || !secretMatches) {
            Log.infof("token request refused for client '%s'", credentials[0]);
            return error(401, "invalid_client", "client authentication failed");
        }
        return issuer.clientToken(credentials[0], client.roles(), form.getFirst("scope")).map(token -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token.token());
            body.put("token_type", "Bearer");
            body.put("expires_in", token.expiresInSeconds());
            if (form.getFirst("scope") != null) {
                body.put("scope", form.getFirst("scope"));
            }
            return Response.ok(body).header("Cache-Control", "no-store").build();
        });
    }

    /** {client id, secret} from HTTP Basic or from the form; null when absent or malformed. */
    private static String[] credentials(MultivaluedMap<String, String> form, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                return new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String id = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        return id == null || secret == null || id.isBlank() ? null : new String[] {id, secret};
    }

    private static byte[] expectedHash(OAuthConfig.Client client) {
        try {
            return HexFormat.of().parseHex(client == null ? "00".repeat(32) : client.secretSha256());
        } catch (IllegalArgumentException e) {
            Log.error("a client's secret-sha256 setting is not hex; that client cannot authenticate");
            return new byte[32];
        }
    }

    private static String urlDecode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Uni<Response> error(int status, String code, String description) {
        var response = Response.status(status).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .entity(Map.of("error", code, "error_description", description));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sequent\"");
        }
        return Uni.createFrom().item(response.build());
    }
}
