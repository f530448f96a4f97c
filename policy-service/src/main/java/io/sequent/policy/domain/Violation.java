package io.sequent.policy.domain;

import java.util.Objects;

/** One offending field of a request: {@code pointer} is a JSON pointer into the request body. */
public record Violation(String pointer, String detail) {
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(detail, "detail");
    }
}
