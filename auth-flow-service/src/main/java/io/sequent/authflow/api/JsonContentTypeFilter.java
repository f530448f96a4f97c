package io.sequent.authflow.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Sends JSON as exactly {@code application/json}. Quarkus appends {@code ;charset=UTF-8} to JSON
 * responses (resources, security 401s, health), and Okta's Java SDK does not accept a JSON content
 * type with parameters. A route filter sees every response, which a JAX-RS filter does not.
 */
@Singleton
public class JsonContentTypeFilter {

    private static final String JSON = "application/json";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                String type = headers.get(HttpHeaders.CONTENT_TYPE);
                if (isJsonWithParameters(type)) {
                    headers.set(HttpHeaders.CONTENT_TYPE, JSON);
                }
            });
            context.next();
        }, 10_000);
    }

    static boolean isJsonWithParameters(String type) {
        return type != null && type.length() > JSON.length() && type.regionMatches(true, 0, JSON, 0, JSON.length())
                && (type.charAt(JSON.length()) == ';' || type.charAt(JSON.length()) == ' ');
    }
}
