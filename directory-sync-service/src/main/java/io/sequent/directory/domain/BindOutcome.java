package io.sequent.directory.domain;

/** The result of checking a password with an LDAP bind, as the internal authenticate API reports it. */
public enum BindOutcome {
    SUCCESS,
    /** Wrong password (AD 52e), or a non-AD server's plain invalidCredentials. */
    INVALID_CREDENTIALS,
    /** Outside the permitted logon hours or workstations (530, 531). */
    NOT_PERMITTED_NOW,
    /** The password is past its expiry (532). */
    PASSWORD_EXPIRED,
    /** The password must be reset before use (773, pwdLastSet=0). */
    MUST_CHANGE_PASSWORD,
    /** The account is disabled (533). */
    DISABLED,
    /** The account is past accountExpires (701). */
    ACCOUNT_EXPIRED,
    /** Locked out after bad passwords (775). */
    LOCKED_OUT,
    /** The directory does not know the account (525), or Sequent does not. */
    NO_SUCH_USER,
    /** The user is a LOCAL user: no directory can check the password. */
    NOT_A_DIRECTORY_USER
}
