package io.sequent.authflow.domain.policy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of the LDAP bind that checks a directory user's password (S6, design §5), and what it
 * means for the sign-in ({@link #interpret()}).
 */
public enum BindOutcome {
    SUCCESS,
    /** 52e, or a failed bind without a sub-code. */
    INVALID_CREDENTIALS,
    /** 525: answered exactly like a wrong password (S1). */
    NO_SUCH_USER,
    /** 530/531: not permitted at this time or from this workstation. */
    NOT_PERMITTED,
    /** 532. */
    PASSWORD_EXPIRED,
    /** 773. */
    MUST_CHANGE,
    /** 533. */
    DISABLED,
    /** 701. */
    ACCOUNT_EXPIRED,
    /** 775. */
    LOCKED;

    private static final Pattern DATA = Pattern.compile("data ([0-9a-fA-F]{3})");

    /**
     * Reads the Active Directory sub-code from a failed bind's diagnostic message
     * ({@code "... AcceptSecurityContext error, data 52e, v4563"}); an unknown or missing sub-code
     * is an invalid credential, never a success.
     */
    public static BindOutcome fromAdDiagnostic(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return INVALID_CREDENTIALS;
        }
        Matcher m = DATA.matcher(diagnosticMessage);
        if (!m.find()) {
            return INVALID_CREDENTIALS;
        }
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "525" -> NO_SUCH_USER;
            case "530", "531" -> NOT_PERMITTED;
            case "532" -> PASSWORD_EXPIRED;
            case "533" -> DISABLED;
            case "701" -> ACCOUNT_EXPIRED;
            case "773" -> MUST_CHANGE;
            case "775" -> LOCKED;
            default -> INVALID_CREDENTIALS;
        };
    }

    /** S6: what the bind result means for the sign-in. */
    public PasswordResult interpret() {
        return switch (this) {
            case SUCCESS -> new PasswordResult.Verified(false);
            case PASSWORD_EXPIRED, MUST_CHANGE -> new PasswordResult.Verified(true);
            case INVALID_CREDENTIALS, NO_SUCH_USER -> new PasswordResult.Failed();
            case DISABLED -> new PasswordResult.Refused(RefusalReason.DIRECTORY_DISABLED, true);
            case ACCOUNT_EXPIRED -> new PasswordResult.Refused(RefusalReason.DIRECTORY_ACCOUNT_EXPIRED, false);
            case NOT_PERMITTED -> new PasswordResult.Refused(RefusalReason.DIRECTORY_NOT_PERMITTED, false);
            case LOCKED -> new PasswordResult.LockedOut();
        };
    }
}
