package io.sequent.policy.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the admin console signs its admins in: the issuer ({@code sequent.console.issuer}, by default
 * the OIDC issuer this service already trusts for its bearer tokens) and the public OAuth client id
 * ({@code sequent.console.client-id}, {@code sequent-console}).
 */
@ApplicationScoped
public class ConsoleSettings {

    static final String DEFAULT_CLIENT_ID = "sequent-console";

    private final String issuer;
    private final String clientId;
    private final String issuerOrigin;

    public ConsoleSettings(Config config) {
        this.issuer = first(config, "sequent.console.issuer", "quarkus.oidc.token.issuer", "quarkus.oidc.auth-server-url")
                .map(ConsoleSettings::withoutTrailingSlash)
                .orElseThrow(() -> new IllegalStateException(
                        "the console needs an issuer: set sequent.console.issuer or quarkus.oidc.auth-server-url"));
        this.clientId = config.getOptionalValue("sequent.console.client-id", String.class).orElse(DEFAULT_CLIENT_ID);
        this.issuerOrigin = origin(issuer);
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return clientId;
    }

    /** The issuer's scheme, host and port: what the console's Content-Security-Policy lets it connect to. */
    public String issuerOrigin() {
        return issuerOrigin;
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalStateException("the console issuer must be an http(s) URL: " + url);
        }
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static Optional<String> first(Config config, String... names) {
        for (String name : names) {
            Optional<String> value = config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
