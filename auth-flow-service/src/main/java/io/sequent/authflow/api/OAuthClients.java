package io.sequent.authflow.api;

import io.quarkus.logging.Log;
import io.sequent.authflow.config.OAuthConfig;
import io.sequent.authflow.persistence.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Client authentication at the token endpoint (RFC 6749 §2.3): a confidential client with its secret
 * (HTTP Basic or {@code client_secret_post}), or a public client by its id alone ({@code none}),
 * which PKCE then binds to the authorization request.
 */
@ApplicationScoped
public class OAuthClients {

    public record Authenticated(String clientId, OAuthConfig.Client client) {
    }

    private final OAuthConfig config;

    public OAuthClients(OAuthConfig config) {
        this.config = config;
    }

    public Optional<OAuthConfig.Client> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(config.clients().get(clientId));
    }

    /**
     * The client making the request; empty when authentication failed. {@code allowPublic}: a public
     * client may come with its id only (never a confidential one, never for client_credentials).
     */
    public Optional<Authenticated> authenticate(MultivaluedMap<String, String> form, String authorization,
                                                boolean allowPublic) {
        String[] credentials = credentials(form, authorization);
        if (credentials == null) {
            String id = form.getFirst("client_id");
            if (allowPublic && id != null && form.getFirst("client_secret") == null) {
                OAuthConfig.Client client = config.clients().get(id);
                if (client != null && client.isPublic()) {
                    return Optional.of(new Authenticated(id, client));
                }
            }
            return Optional.empty();
        }
        OAuthConfig.Client client = config.clients().get(credentials[0]);
        // compare even for an unknown or public client, so the answer takes as long either way
        boolean secretMatches = MessageDigest.isEqual(Secrets.sha256Bytes(credentials[1]), expectedHash(client));
        if (client == null || client.isPublic() || !secretMatches) {
            Log.infof("token request refused for client '%s'", credentials[0]);
            return Optional.empty();
        }
        return Optional.of(new Authenticated(credentials[0], client));
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
            return HexFormat.of().parseHex(client == null || client.isPublic() ? "00".repeat(32) : client.secretSha256().get());
        } catch (IllegalArgumentException e) {
            Log.error("a client's secret-sha256 setting is not hex; that client cannot authenticate");
            return new byte[32];
        }
    }

    private static String urlDecode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
