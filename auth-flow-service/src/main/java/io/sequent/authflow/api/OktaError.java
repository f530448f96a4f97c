package io.sequent.authflow.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The error body of the Okta Authentication API (contract §6): the Java SDK and okta-auth-js read
 * {@code errorCode}, {@code errorSummary}, {@code errorId} and {@code errorCauses[].errorSummary}.
 */
public record OktaError(String errorCode, String errorSummary, String errorLink, String errorId,
                        List<Cause> errorCauses) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public OktaError {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorSummary, "errorSummary");
        errorCauses = errorCauses == null ? List.of() : List.copyOf(errorCauses);
    }

    public record Cause(String errorSummary) {
        public Cause {
            Objects.requireNonNull(errorSummary, "errorSummary");
        }
    }

    public static OktaError of(String code, String summary, String... causes) {
        return new OktaError(code, summary, code, newErrorId(),
                java.util.Arrays.stream(causes).map(Cause::new).toList());
    }

    /** An opaque id for the error, also written to the log line that records it. */
    public static String newErrorId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "oae" + HexFormat.of().formatHex(bytes);
    }
}
