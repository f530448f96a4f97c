package io.sequent.factor.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers accepted for sms and call: E.164 after removing spaces, dashes, dots and parentheses. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {
    }

    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String compact = input.replaceAll("[\\s\\-().]", "");
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }
}
