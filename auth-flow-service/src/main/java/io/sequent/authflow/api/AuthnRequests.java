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
                         Boolean autoPush, String clientData, String authenticatorData, String signatureData) {
    }

    /** Enroll inside MFA_ENROLL: {@code {"factorType":"sms","provider":"OKTA","profile":{"phoneNumber":"+1..."}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enroll(String stateToken, String factorType, String provider, java.util.Map<String, Object> profile) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activate(String stateToken, String passCode) {
    }

    /** {@code revokeSessions} is accepted; a user in PASSWORD_EXPIRED/WARN has no session of this sign-in yet. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangePassword(String stateToken, String oldPassword, String newPassword, Boolean revokeSessions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String stateToken) {
    }
}
