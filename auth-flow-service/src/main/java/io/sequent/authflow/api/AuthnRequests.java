package io.sequent.authflow.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Request bodies of the Authentication API. Unknown fields are ignored and JSON null means absent (contract §1). */
public final class AuthnRequests {

    private AuthnRequests() {
    }

    /**
     * {@code assertion}: a federated sign-in (DESIGN §2), a JWT issued by the identity provider of the
     * connection named in {@code context.connection}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Primary(String username, String password, String stateToken, String relayState, Options options,
                          Context context, String assertion) {

        public Primary(String username, String password, String stateToken, String relayState, Options options,
                       Context context) {
            this(username, password, stateToken, relayState, options, context, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Options(Boolean warnBeforePasswordExpired, Boolean multiOptionalFactorEnroll) {
    }

    /** {@code connection}: the id of the enterprise connection a federated sign-in comes through. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(String orgId, String deviceToken, String connection) {
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

    /**
     * Activation in MFA_ENROLL_ACTIVATE: {@code passCode} (totp, sms, call, email), or for webauthn what
     * {@code navigator.credentials.create} returned, base64url: {@code attestation} (the attestationObject) and
     * {@code clientData} (clientDataJSON).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activate(String stateToken, String passCode, String attestation, String clientData) {
    }

    /** {@code revokeSessions} is accepted; a user in PASSWORD_EXPIRED/WARN has no session of this sign-in yet. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangePassword(String stateToken, String oldPassword, String newPassword, Boolean revokeSessions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String stateToken) {
    }
}
