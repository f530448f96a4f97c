package io.sequent.factor.domain;

import java.security.SecureRandom;

/** Six-digit codes for sms, call and email, uniformly drawn. */
public final class OneTimeCodes {

    public static final int DIGITS = 6;

    private final SecureRandom random;

    public OneTimeCodes(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public static boolean wellFormed(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
