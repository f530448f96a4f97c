package io.sequent.authflow.api;

import java.util.List;

/** An error of the Authentication API with its HTTP status and Okta error code (contract §6). */
public class AuthnException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> causes;

    public AuthnException(int status, String code, String summary, String... causes) {
        super(summary, null, false, false);
        this.status = status;
        this.code = code;
        this.causes = List.of(causes);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> causes() {
        return causes;
    }

    public OktaError body() {
        return OktaError.of(code, getMessage(), causes.toArray(String[]::new));
    }

    // ---- the codes this API answers with ------------------------------------------------------

    /** S1: the one generic failure of primary authentication, whatever the reason. */
    public static AuthnException authenticationFailed() {
        return new AuthnException(401, "E0000004", "Authentication failed");
    }

    public static AuthnException invalidToken() {
        return new AuthnException(401, "E0000011", "Invalid token provided");
    }

    public static AuthnException illegalState(String why) {
        return new AuthnException(403, "E0000079", "This operation is not allowed in the current authentication state.",
                why);
    }

    public static AuthnException invalidPasscode(String cause) {
        return new AuthnException(403, "E0000068", "Invalid Passcode/Answer", cause);
    }

    public static AuthnException replayed() {
        return new AuthnException(403, "E0000082", "Each code can only be used once. Please wait for a new code and try again.");
    }

    public static AuthnException locked() {
        return new AuthnException(403, "E0000069", "User Locked");
    }

    public static AuthnException validation(String cause) {
        return new AuthnException(400, "E0000001", "Api validation failed: " + cause, cause);
    }

    public static AuthnException notFound(String what) {
        return new AuthnException(404, "E0000007", "Not found: Resource not found: " + what + " (Factor)");
    }

    public static AuthnException tooSoon() {
        return new AuthnException(429, "E0000109", "An SMS message was recently sent. Please wait 30 seconds before trying again.");
    }

    /** A neighbour could not answer: nothing was decided, never a success (fail closed). */
    public static AuthnException unavailable() {
        return new AuthnException(503, "E0000010", "Service is temporarily unavailable. Please try again later.");
    }
}
