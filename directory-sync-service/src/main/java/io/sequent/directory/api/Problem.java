package io.sequent.directory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors,
                      String runningImportId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field ({@code pointer} as a JSON pointer into the request body) and what is wrong. */
    public record Violation(String pointer, String detail) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of(), null);
    }
}
