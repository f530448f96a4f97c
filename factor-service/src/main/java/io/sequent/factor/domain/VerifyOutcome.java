package io.sequent.factor.domain;

/**
 * The closed set of answers to "verify this factor" given to auth-flow. Only {@link #SUCCESS} means
 * the factor was verified; every other value, {@link #UNAVAILABLE} included, is a failure.
 */
public enum VerifyOutcome {
    /** The factor was verified. */
    SUCCESS,
    /** Wrong code, answer, password or number; counted towards the lockout. */
    INVALID,
    /** A TOTP code that was already accepted once (Okta E0000082). */
    REPLAYED,
    /** Push: the device has not answered yet; poll again. */
    WAITING,
    /** Push: the user rejected the challenge on the device. */
    REJECTED,
    /** Push: the challenge expired before the device answered. */
    TIMEOUT,
    /** The code's challenge expired, was used up, or was never sent: ask for a new one. */
    EXPIRED,
    /** Too many failures: the factor is locked until {@code lockedUntil}. */
    LOCKED,
    /** Directory password: right password, but it has expired. */
    PASSWORD_EXPIRED,
    /** Directory password: right password, but it must be changed before use. */
    MUST_CHANGE_PASSWORD,
    /** The account is disabled, expired or deleted, or the directory reports it locked out. */
    DISABLED,
    /** The check could not be made (directory or broker unreachable): never a success. */
    UNAVAILABLE
}
