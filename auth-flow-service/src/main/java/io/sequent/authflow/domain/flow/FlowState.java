package io.sequent.authflow.domain.flow;

/**
 * The states of a sign-in transaction: the Okta Authentication API statuses that sign-in needs
 * (contract §3), plus the terminal {@link #CANCELLED}, which the client never sees as a status
 * (cancel answers without one; a refusal answers with the generic failure). See README.md here.
 */
public enum FlowState {
    /** First step of primary authentication: the first factor of each chain, or the IdP's answer. */
    UNAUTHENTICATED,
    /** A list of factors to verify: the next chain step, or MFA (S4, S9). */
    MFA_REQUIRED,
    /** One factor challenged (code sent, push waiting, WebAuthn challenge). */
    MFA_CHALLENGE,
    /** MFA is needed and the user holds no factor of the methods: enroll one (S9, S11). */
    MFA_ENROLL,
    /** A factor enrolled during sign-in waits for activation. */
    MFA_ENROLL_ACTIVATE,
    /** The password must be changed before SUCCESS (S6). */
    PASSWORD_EXPIRED,
    /** The password expires soon; change it or skip (only with options.warnBeforePasswordExpired). */
    PASSWORD_WARN,
    /** Terminal: the user is locked out (S2, S6, S13). */
    LOCKED_OUT,
    /** Terminal: signed in; a session token is issued (S13). */
    SUCCESS,
    /** Terminal: cancelled by the client, or refused (the reason stays internal, S1). */
    CANCELLED;

    public boolean isTerminal() {
        return this == LOCKED_OUT || this == SUCCESS || this == CANCELLED;
    }

    /** States whose transaction is about one factor ({@code _embedded.factor}). */
    public boolean isSingleFactor() {
        return this == MFA_CHALLENGE || this == MFA_ENROLL_ACTIVATE;
    }
}
