package io.sequent.authflow.domain.policy;

import java.util.Objects;

/**
 * S11 dry run: how a proposed policy snapshot changes one user's sign-in, by comparing the decision
 * under the current snapshot with the decision under the proposed one (same user, enrollments and
 * context).
 */
public final class DryRun {

    public enum Impact {
        UNCHANGED,
        /** Allowed now, refused under the proposal (e.g. no first factor of any chain). */
        LOSES_SIGN_IN,
        /** Refused now, allowed under the proposal. */
        GAINS_SIGN_IN,
        MFA_ADDED,
        MFA_REMOVED,
        /** MFA required both times, with another set of methods. */
        MFA_METHODS_CHANGED
    }

    private DryRun() {
    }

    public static Impact compare(Decision current, Decision proposed) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(proposed, "proposed");
        boolean allowedNow = current instanceof Decision.Allowed;
        boolean allowedThen = proposed instanceof Decision.Allowed;
        if (allowedNow && !allowedThen) {
            return Impact.LOSES_SIGN_IN;
        }
        if (!allowedNow && allowedThen) {
            return Impact.GAINS_SIGN_IN;
        }
        if (!allowedNow) {
            return Impact.UNCHANGED;
        }
        FlowPlan before = ((Decision.Allowed) current).plan();
        FlowPlan after = ((Decision.Allowed) proposed).plan();
        if (!before.mfaRequired() && after.mfaRequired()) {
            return Impact.MFA_ADDED;
        }
        if (before.mfaRequired() && !after.mfaRequired()) {
            return Impact.MFA_REMOVED;
        }
        if (before.mfaRequired() && !java.util.Set.copyOf(before.mfaMethods()).equals(java.util.Set.copyOf(after.mfaMethods()))) {
            return Impact.MFA_METHODS_CHANGED;
        }
        return Impact.UNCHANGED;
    }
}
