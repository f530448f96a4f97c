package io.sequent.factor.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the factor APIs. Validation messages never repeat the submitted value. */
public final class FactorRequests {

    private FactorRequests() {
    }

    /** Okta's enroll body: {@code {"factorType": "sms", "provider": "SEQUENT", "profile": {"phoneNumber": "+1..."}}}. */
    public record Enroll(@NotBlank @Size(max = 64) String factorType,
                         @Size(max = 64) String provider,
                         @Valid Profile profile) {
    }

    /**
     * What each type needs: phoneNumber (sms, call), email (email), question and answer (question),
     * password (password), publicKey and deviceName (push: the device's P-256 key, X.509 SubjectPublicKeyInfo in base64;
     * without a key the factor waits for its device to activate it).
     */
    public record Profile(@Size(max = 32) String phoneNumber,
                          @Email @Size(max = 320) String email,
                          @Size(max = 64) String question,
                          @Size(max = 256) String answer,
                          @Size(max = 256) String password,
                          @Size(max = 512) String publicKey,
                          @Size(max = 64) @Pattern(regexp = "[\\p{L}\\p{N} ._'\\-]*", message = "may hold letters, digits, spaces and . _ ' - only")
                          String deviceName) {
    }

    /**
     * Activation of a pending factor: passCode (the code it was sent or the authenticator shows: totp, sms, call, email),
     * or, for webauthn, what {@code navigator.credentials.create} returned: attestation (the attestationObject) and
     * clientData (the clientDataJSON), both base64url.
     */
    public record Activate(@Size(max = 16) String passCode,
                           @Size(max = 16384) String attestation,
                           @Size(max = 4096) String clientData) {
    }

    /**
     * A verification: passCode (totp, sms, call, email), answer (question), password (password), challengeId (push poll),
     * or for webauthn the assertion as Okta's end-user API carries it: clientData (clientDataJSON), authenticatorData and
     * signatureData, each base64url. transactionId (internal API): the sign-in transaction the verification belongs
     * to, whose failures are counted on their own as well (S13: 5 in a transaction).
     */
    public record Verify(@Size(max = 16) String passCode,
                         @Size(max = 256) String answer,
                         @Size(max = 256) String password,
                         @Size(max = 64) String challengeId,
                         @Size(max = 4096) String clientData,
                         @Size(max = 4096) String authenticatorData,
                         @Size(max = 1024) String signatureData,
                         @Size(max = 64) @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]+",
                                 message = "must be letters, digits, '-' or '_'") String transactionId) {
        public static final Verify NONE = new Verify(null, null, null, null, null, null, null, null);

        public static Verify passCode(String passCode) {
            return new Verify(passCode, null, null, null, null, null, null, null);
        }

        /** Whether a WebAuthn assertion was given (otherwise a webauthn verify on the self-service API issues a challenge). */
        public boolean hasAssertion() {
            return clientData != null && !clientData.isEmpty();
        }
    }

    /** auth-flow's change_password for a local user: the old password and the new one. */
    public record ChangePassword(@NotNull @Size(max = 256) String oldPassword, @NotNull @Size(max = 256) String newPassword) {
    }

    /** A push device's answer to a challenge, signed with its key over {@code sequent-push-answer|challengeId|decision|number}. */
    public record DeviceAnswer(@NotNull @Pattern(regexp = "APPROVE|REJECT", message = "must be APPROVE or REJECT") String decision,
                               @NotNull @jakarta.validation.constraints.Min(10) @jakarta.validation.constraints.Max(99) Integer number,
                               @NotBlank @Size(max = 256) String signature) {
    }

    /**
     * A push device activating a pending push factor: the factor id and token of the activation URI, its new P-256 public
     * key (X.509 SubjectPublicKeyInfo, base64), an optional name, and a signature with that key over
     * {@code sequent-push-activate|factorId|token} (base64 DER ECDSA-SHA256).
     */
    public record DeviceActivate(@NotNull java.util.UUID factorId,
                                 @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be base64url")
                                 String token,
                                 @NotBlank @Size(max = 512) String publicKey,
                                 @Size(max = 64) @Pattern(regexp = "[\\p{L}\\p{N} ._'\\-]*",
                                         message = "may hold letters, digits, spaces and . _ ' - only") String deviceName,
                                 @NotBlank @Size(max = 256) String signature) {
    }

    /** A password for the decoy check of an unknown user (S1). */
    public record DecoyPassword(@Size(max = 256) String password) {
    }
}
