package io.sequent.authflow.api;

import io.sequent.authflow.config.OAuthConfig;
import io.sequent.authflow.token.SigningKey;
import io.sequent.authflow.token.SigningKeyStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** OpenID Connect discovery and the JWKS, so that quarkus-oidc in the other services validates our tokens. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class DiscoveryResource {

    private final OAuthConfig config;
    private final SigningKeyStore keys;

    public DiscoveryResource(OAuthConfig config, SigningKeyStore keys) {
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Operation(summary = "OpenID Connect discovery document")
    public Map<String, Object> discovery() {
        String issuer = config.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/oauth2/v1/keys");
        doc.put("authorization_endpoint", issuer + "/oauth2/v1/authorize");
        doc.put("token_endpoint", issuer + "/oauth2/v1/token");
        doc.put("grant_types_supported", List.of("client_credentials", "authorization_code",
                "urn:ietf:params:oauth:grant-type:token-exchange"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", List.of("openid", "profile"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "groups", "roles", "client_id", "scope",
                "sid", "amr", "acr", "org_id", "org", "nonce", "auth_time", "preferred_username"));
        return doc;
    }

    @GET
    @Path("oauth2/v1/keys")
    @Operation(summary = "The public keys tokens are signed with (JWKS)")
    public Uni<Map<String, Object>> jwks() {
        return keys.published().map(all -> Map.of("keys", all.stream().map(SigningKey::publicJwk).toList()));
    }
}
