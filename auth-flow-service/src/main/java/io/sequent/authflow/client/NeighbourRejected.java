package io.sequent.authflow.client;

/**
 * A neighbour service answered with a 4xx: the request was wrong or too soon, the service is up.
 * {@code errorCode} (Okta's, when the neighbour's problem details carry one) and {@code detail} are
 * read from its body when it has them, else null.
 */
public class NeighbourRejected extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String detail;

    public NeighbourRejected(int status, String message) {
        this(status, message, null, null);
    }

    public NeighbourRejected(int status, String message, String errorCode, String detail) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String detail() {
        return detail;
    }
}
