package io.sequent.authflow.domain.policy;

import java.util.Objects;

/** What a password check (LDAP bind or Argon2id) means for the sign-in (S6). */
public sealed interface PasswordResult {

    /** The password is right; {@code expired}: it must be changed (PASSWORD_EXPIRED when enforced). */
    record Verified(boolean expired) implements PasswordResult {
    }

    /** Wrong password (or no such directory user): E0000004 on primary auth, E0000068 on verify. */
    record Failed() implements PasswordResult {
    }

    /**
     * The account may not sign in; the client sees the generic refusal (S1).
     *
     * @param publishUserDisabled publish {@code directory.user.disabled} at once (S6)
     */
    record Refused(RefusalReason reason, boolean publishUserDisabled) implements PasswordResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Status LOCKED_OUT. */
    record LockedOut() implements PasswordResult {
    }
}
