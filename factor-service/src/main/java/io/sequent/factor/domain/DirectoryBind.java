package io.sequent.factor.domain;

/**
 * S6: what a directory user's password check (directory-sync's delegated LDAP bind) means for the
 * factor. Anything unknown is a failure: an unexpected answer never becomes a success.
 */
public final class DirectoryBind {

    private DirectoryBind() {
    }

    public static VerifyOutcome outcome(String bindOutcome) {
        if (bindOutcome == null) {
            return VerifyOutcome.UNAVAILABLE;
        }
        return switch (bindOutcome) {
            case "SUCCESS" -> VerifyOutcome.SUCCESS;
            case "INVALID_CREDENTIALS", "NO_SUCH_USER" -> VerifyOutcome.INVALID;
            case "PASSWORD_EXPIRED" -> VerifyOutcome.PASSWORD_EXPIRED;
            case "MUST_CHANGE_PASSWORD" -> VerifyOutcome.MUST_CHANGE_PASSWORD;
            case "DISABLED", "ACCOUNT_EXPIRED", "NOT_PERMITTED_NOW" -> VerifyOutcome.DISABLED;
            case "LOCKED_OUT" -> VerifyOutcome.LOCKED;
            default -> VerifyOutcome.UNAVAILABLE;
        };
    }
}
