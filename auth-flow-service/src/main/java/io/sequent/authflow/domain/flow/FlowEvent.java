package io.sequent.authflow.domain.flow;

import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.authflow.domain.policy.RefusalReason;
import io.sequent.events.UserStatus;
import java.util.Objects;

/** What can happen to a sign-in transaction; {@link SignInFlow#transition} decides what it means. */
public sealed interface FlowEvent {

    /** The enterprise connection's identity provider authenticated the user (S5). */
    record PrimaryAuthSucceeded() implements FlowEvent {
    }

    /** A challenge was sent for an offered factor (code sent, push sent or polled, WebAuthn challenge). */
    record FactorChallenged(String factorType) implements FlowEvent {
        public FactorChallenged {
            requireType(factorType);
        }
    }

    /**
     * An offered or challenged factor was verified.
     *
     * @param passwordExpired for the password only: it was right but must be changed (S6)
     */
    record FactorVerified(String factorType, boolean passwordExpired) implements FlowEvent {
        public FactorVerified {
            requireType(factorType);
            if (passwordExpired && !FactorTypes.PASSWORD.equals(factorType)) {
                throw new IllegalArgumentException("only a password can be expired");
            }
        }

        public FactorVerified(String factorType) {
            this(factorType, false);
        }
    }

    /** A wrong code, answer or password (E0000068); the state does not change. */
    record FactorFailed(String factorType) implements FlowEvent {
        public FactorFailed {
            requireType(factorType);
        }
    }

    /** Back from MFA_CHALLENGE or MFA_ENROLL_ACTIVATE. */
    record Previous() implements FlowEvent {
    }

    /** Skip PASSWORD_WARN. */
    record Skip() implements FlowEvent {
    }

    /** A factor of an offered method was enrolled; {@code activationRequired} false: it is usable at once. */
    record Enrolled(String factorType, boolean activationRequired) implements FlowEvent {
        public Enrolled {
            requireType(factorType);
        }
    }

    /** The factor enrolled in MFA_ENROLL_ACTIVATE was activated (its code or attestation checked). */
    record Activated(String factorType) implements FlowEvent {
        public Activated {
            requireType(factorType);
        }
    }

    /** The password was changed in PASSWORD_EXPIRED or PASSWORD_WARN. */
    record PasswordChanged() implements FlowEvent {
    }

    /** The client cancelled. */
    record Cancel() implements FlowEvent {
    }

    /**
     * The sign-in must end refused: a bind said disabled, a {@code directory.user.disabled} event
     * arrived (S2), ... The reason stays internal (S1).
     */
    record Refuse(RefusalReason reason) implements FlowEvent {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The user is locked out: a bind said locked, or factor failures reached the limit (S13). */
    record LockOut() implements FlowEvent {
    }

    /** The S2 status read made once every step is done; the only way into SUCCESS. */
    record StatusRechecked(UserStatus status, StatusSource source) implements FlowEvent {
        public StatusRechecked {
            Objects.requireNonNull(source, "source");
            if (status == null && source != StatusSource.UNREACHABLE) {
                throw new IllegalArgumentException("a status is required unless the directory was unreachable");
            }
        }
    }

    /** The client read the transaction ({@code stateToken} only); its lifetime slides. */
    record StateRead() implements FlowEvent {
    }

    private static void requireType(String factorType) {
        Objects.requireNonNull(factorType, "factorType");
        if (factorType.isBlank()) {
            throw new IllegalArgumentException("factorType must not be blank");
        }
    }
}
