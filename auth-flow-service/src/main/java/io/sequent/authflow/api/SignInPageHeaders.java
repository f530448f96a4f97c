package io.sequent.authflow.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Security headers of the hosted sign-in page and its assets ({@code /signin/}): a strict
 * Content-Security-Policy (no inline script or style, nothing from another origin, no framing), no
 * MIME sniffing, no referrer (the page's URL holds the authorize request), and no caching of the page.
 * {@code /signin} without the slash is sent to {@code /signin/} with its query, so relative asset URLs resolve.
 */
@Singleton
public class SignInPageHeaders {

    static final String PAGE = "/signin/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.request().path();
            if (path == null || !(path.equals("/signin") || path.startsWith(PAGE))) {
                context.next();
                return;
            }
            var response = context.response();
            if (path.equals("/signin")) {
                String query = context.request().query();
                response.setStatusCode(302).putHeader("Location", query == null ? PAGE : PAGE + "?" + query)
                        .putHeader("Cache-Control", "no-store");
                secure(response.headers());
                response.end();
                return;
            }
            context.addHeadersEndHandler(ignored -> {
                var headers = response.headers();
                secure(headers);
                if (path.equals(PAGE) || path.endsWith(".html")) {
                    headers.set("Cache-Control", "no-store");
                }
            });
            context.next();
        }, 9_000);
    }

    private static void secure(io.vertx.core.MultiMap headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), publickey-credentials-get=(self)");
    }
}
