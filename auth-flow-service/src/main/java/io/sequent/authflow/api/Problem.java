package io.sequent.authflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}) of the admin APIs. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field ({@code pointer}: a JSON pointer into the request body) and what is wrong with it. */
    public record Violation(String pointer, String detail) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of());
    }
}
