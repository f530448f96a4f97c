package io.sequent.authflow.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Request bodies of the Authentication API. Unknown fields are ignored and JSON null means absent (contract §1). */
public final class AuthnRequests {

    private AuthnRequests() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Primary(String username, String password, String stateToken, String relayState, Options options,
                          Context context) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Options(Boolean warnBeforePasswordExpired, Boolean multiOptionalFactorEnroll) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(String orgId, String deviceToken) {
    }

    /** {@code rememberDevice} and {@code autoPush} may come here (Java SDK) or as query parameters (okta-auth-js). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Verify(String stateToken, String passCode, String answer, String password, Boolean rememberDevice,
                         Boolean autoPush) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String stateToken) {
    }
}
