package io.sequent.authflow.domain.policy;

import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import java.util.Locale;

/**
 * Factor type names as the Okta Authentication API spells them ({@code sms}, {@code push},
 * {@code token:software:totp}, {@code password}, ...). The domain treats them as opaque strings,
 * except the password, which S6 and S9 single out.
 */
public final class FactorTypes {

    /** The password, verified as a factor (S6); always available to every user. */
    public static final String PASSWORD = "password";

    private static final String FEDERATED_PREFIX = "federated:";

    private FactorTypes() {
    }

    /**
     * The entry a federated primary authentication leaves in the verified list (S5): the identity
     * provider authenticated the user, which counts as one verified type for S9 but is never a method.
     */
    public static String federated(ConnectionKindOrPassword kind) {
        return FEDERATED_PREFIX + kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The provider factor-service enrolls a type with ({@code GOOGLE} for TOTP, {@code FIDO} for
     * WebAuthn, {@code SEQUENT} otherwise): what a decoy's factors must show too (S1), since a real
     * user's factors show theirs from the first step on.
     */
    public static String provider(String type) {
        return switch (type) {
            case "token:software:totp" -> "GOOGLE";
            case "webauthn" -> "FIDO";
            default -> "SEQUENT";
        };
    }

    /**
     * Whether a sign-in can enroll the type inside MFA_ENROLL through the Authentication API: usable at once
     * (question), activated with a passcode (TOTP, sms, call, email), with the authenticator's attestation
     * (WebAuthn, from the browser's {@code navigator.credentials.create}) or by the device app scanning the
     * activation QR code while the client polls (push). Types an administrator issues (hardware tokens and
     * the like) are not: MFA_ENROLL neither offers nor requires them.
     */
    public static boolean enrollableDuringSignIn(String type) {
        return switch (type) {
            case "token:software:totp", "sms", "call", "email", "question", "webauthn", "push" -> true;
            default -> false;
        };
    }

    public static boolean isFederated(String type) {
        return type.startsWith(FEDERATED_PREFIX);
    }
}
