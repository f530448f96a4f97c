package io.sequent.factor.api;

/** A refusal the client can act on, answered as a problem details body with {@code status}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String errorCode;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null, null);
    }

    public ProblemException(int status, String title, String detail, String errorCode, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public String errorCode() {
        return errorCode;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " does not exist");
    }

    /** 412: the If-Match header names another version than the factor's current one. */
    public static ProblemException preconditionFailed(String what, long current) {
        return new ProblemException(412, "Precondition Failed",
                what + " changed since it was read (If-Match does not match the current ETag \"" + current + "\")");
    }

    /** Throws 412 unless {@code ifMatch} is absent, {@code *} or names {@code version}. */
    public static void requireMatch(String ifMatch, long version, String what) {
        if (!io.sequent.factor.domain.Preconditions.ifMatch(ifMatch, version)) {
            throw preconditionFailed(what, version);
        }
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
