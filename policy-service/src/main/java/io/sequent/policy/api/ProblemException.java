package io.sequent.policy.api;

import io.sequent.policy.domain.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A refusal the client can act on, answered as a problem details body with {@code status}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException preconditionFailed(String what, long current) {
        return new ProblemException(412, "Precondition Failed",
                what + " changed since it was read (If-Match does not match the current ETag \"" + current + "\")");
    }

    /** 400 naming each offending field. */
    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.stream().map(v -> v.pointer() + " " + v.detail()).collect(Collectors.joining("; "));
        return new ProblemException(400, "Invalid request", detail, violations);
    }

    public static ProblemException invalid(String pointer, String detail) {
        return invalid(List.of(new Violation(pointer, detail)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
