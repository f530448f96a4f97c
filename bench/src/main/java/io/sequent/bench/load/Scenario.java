package io.sequent.bench.load;

import java.util.List;

/** The sign-ins the generator drives; each has an org of its own whose rule sets the sequence. */
enum Scenario {
    /** Username, then a chain of one factor: [totp]. */
    TOTP("totp", "bench-totp", false, List.of(Setup.TOTP)),
    /** Passwordless with two factors: [totp, question]. */
    TOTP_QUESTION("totp-question", "bench-totp-question", false, List.of(Setup.TOTP, "question")),
    /** Username and password (Argon2id), then TOTP as MFA. */
    PASSWORD_TOTP("password-totp", "bench-password-totp", true, List.of(Setup.TOTP)),
    /** Username, then push with number matching, approved by an automated device. */
    PUSH("push", "bench-push", false, List.of("push"));

    final String label;
    final String org;
    final boolean passwordFirst;
    final List<String> chain;

    Scenario(String label, String org, boolean passwordFirst, List<String> chain) {
        this.label = label;
        this.org = org;
        this.passwordFirst = passwordFirst;
        this.chain = chain;
    }

    static Scenario of(String label) {
        for (Scenario s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + label + "; one of totp, totp-question, password-totp, push");
    }
}
