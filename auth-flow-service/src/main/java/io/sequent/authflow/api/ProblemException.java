package io.sequent.authflow.api;

import java.util.List;

/** An admin-API failure answered as RFC 9457 problem details. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String title, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage(), null, violations);
    }

    public int status() {
        return status;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail, List.of());
    }

    public static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(400, "Bad Request", pointer + " " + detail,
                List.of(new Problem.Violation(pointer, detail)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " does not exist", List.of());
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail, List.of());
    }
}
