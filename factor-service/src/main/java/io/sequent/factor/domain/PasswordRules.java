package io.sequent.factor.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The complexity rules a local user's new password must meet: at least {@link #MIN_LENGTH} characters,
 * not the old password, not containing the username (ignoring case). Answers the first rule broken, as a
 * message that never repeats the password.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;

    private PasswordRules() {
    }

    public static Optional<String> violation(String oldPassword, String newPassword, String username) {
        if (newPassword.length() < MIN_LENGTH) {
            return Optional.of("the new password must hold at least " + MIN_LENGTH + " characters");
        }
        if (newPassword.equals(oldPassword)) {
            return Optional.of("the new password must differ from the old one");
        }
        if (username != null && !username.isBlank()
                && newPassword.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("the new password must not contain the username");
        }
        return Optional.empty();
    }
}
