package io.sequent.directory.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads AD's bind failure sub-code ({@code "80090308: LdapErr: DSID-0C0903A9, comment:
 * AcceptSecurityContext error, data 52e, v1db1"}) into a {@link BindOutcome}.
 */
public final class BindDiagnostics {

    /** LDAP result code 49. */
    public static final int INVALID_CREDENTIALS = 49;
    private static final Pattern DATA = Pattern.compile("\\bdata\\s+([0-9a-fA-F]{1,8})\\b");

    private BindDiagnostics() {
    }

    /**
     * The outcome of a failed bind.
     *
     * @param resultCode        the LDAP result code
     * @param diagnosticMessage the server's diagnostic message, may be null
     * @return empty when the failure is not about the credentials or the account (a server or network
     *         problem): the caller must treat that as "cannot tell", never as a success
     */
    public static Optional<BindOutcome> classify(int resultCode, String diagnosticMessage) {
        if (resultCode != INVALID_CREDENTIALS) {
            return Optional.empty();
        }
        return Optional.of(subCode(diagnosticMessage).map(BindDiagnostics::bySubCode)
                .orElse(BindOutcome.INVALID_CREDENTIALS));
    }

    /** The hexadecimal sub-code after "data", lower case; empty when the message has none. */
    public static Optional<String> subCode(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return Optional.empty();
        }
        Matcher m = DATA.matcher(diagnosticMessage);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static BindOutcome bySubCode(String code) {
        return switch (code) {
            case "525" -> BindOutcome.NO_SUCH_USER;
            case "530", "531" -> BindOutcome.NOT_PERMITTED_NOW;
            case "532" -> BindOutcome.PASSWORD_EXPIRED;
            case "533" -> BindOutcome.DISABLED;
            case "701" -> BindOutcome.ACCOUNT_EXPIRED;
            case "773" -> BindOutcome.MUST_CHANGE_PASSWORD;
            case "775" -> BindOutcome.LOCKED_OUT;
            default -> BindOutcome.INVALID_CREDENTIALS; // 52e and anything unknown: fail closed
        };
    }
}
