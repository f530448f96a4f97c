package io.sequent.authflow.domain.policy;

/** What the user's password needs before SUCCESS (S6), as far as the evaluator knows at the start. */
public enum PasswordState {
    OK,
    /** Inside the warning period and the client asked for {@code warnBeforePasswordExpired}. */
    WARN,
    /** Expired or must change (directory flags, or expiry time passed). */
    EXPIRED
}
