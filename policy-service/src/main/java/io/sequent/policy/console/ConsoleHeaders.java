package io.sequent.policy.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The admin console's responses (everything under {@code /console}) carry a strict
 * Content-Security-Policy: scripts and styles from this origin only (the console has no inline script
 * or style), network calls to this origin and the issuer's, no framing, no base or form target
 * elsewhere. {@code /console} itself is redirected to {@code /console/}, where the page is.
 */
@Singleton
public class ConsoleHeaders {

    static final String PREFIX = "/console";

    private final String policy;

    public ConsoleHeaders(ConsoleSettings settings) {
        this.policy = contentSecurityPolicy(settings.issuerOrigin());
    }

    static String contentSecurityPolicy(String issuerOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + issuerOrigin + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (PREFIX.equals(path)) {
                context.response().setStatusCode(302).putHeader("Location", PREFIX + "/").end();
                return;
            }
            if (path.startsWith(PREFIX + "/")) {
                context.addHeadersEndHandler(ignored -> {
                    var headers = context.response().headers();
                    headers.set("Content-Security-Policy", policy);
                    headers.set("X-Content-Type-Options", "nosniff");
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Cross-Origin-Opener-Policy", "same-origin");
                    // a new console version is picked up at the next load (the config answers no-store itself)
                    String cache = headers.get("Cache-Control");
                    if (cache == null || !cache.contains("no-store")) {
                        headers.set("Cache-Control", "no-cache");
                    }
                });
            }
            context.next();
        }, 9_000);
    }
}
