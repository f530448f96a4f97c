package io.sequent.authflow.domain.flow;

import io.sequent.authflow.domain.flow.FlowEvent.Activated;
import io.sequent.authflow.domain.flow.FlowEvent.Cancel;
import io.sequent.authflow.domain.flow.FlowEvent.Enrolled;
import io.sequent.authflow.domain.flow.FlowEvent.FactorChallenged;
import io.sequent.authflow.domain.flow.FlowEvent.FactorFailed;
import io.sequent.authflow.domain.flow.FlowEvent.FactorVerified;
import io.sequent.authflow.domain.flow.FlowEvent.LockOut;
import io.sequent.authflow.domain.flow.FlowEvent.PasswordChanged;
import io.sequent.authflow.domain.flow.FlowEvent.Previous;
import io.sequent.authflow.domain.flow.FlowEvent.PrimaryAuthSucceeded;
import io.sequent.authflow.domain.flow.FlowEvent.Refuse;
import io.sequent.authflow.domain.flow.FlowEvent.Skip;
import io.sequent.authflow.domain.flow.FlowEvent.StateRead;
import io.sequent.authflow.domain.flow.FlowEvent.StatusRechecked;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.authflow.domain.policy.FlowPlan;
import io.sequent.authflow.domain.policy.PasswordState;
import io.sequent.authflow.domain.policy.RefusalReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The sign-in state machine: {@link #start} and the one transition function. The table and the
 * diagram are in README.md beside this file; every row is tested.
 */
public final class SignInFlow {

    /** Transactions expire after this long without a request (S13); every request slides it. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private SignInFlow() {
    }

    /** A new transaction in UNAUTHENTICATED for an allowed sign-in. */
    public static Transaction start(String id, Decision.Allowed decision, String relayState, Clock clock) {
        return start(id, decision, relayState, false, clock, DEFAULT_TTL);
    }

    /**
     * @param multiOptionalFactorEnroll the client's {@code options.multiOptionalFactorEnroll}: after a
     *                                  factor is enrolled, back to MFA_ENROLL while OPTIONAL methods remain
     */
    public static Transaction start(String id, Decision.Allowed decision, String relayState,
                                    boolean multiOptionalFactorEnroll, Clock clock) {
        return start(id, decision, relayState, multiOptionalFactorEnroll, clock, DEFAULT_TTL);
    }

    public static Transaction start(String id, Decision.Allowed decision, String relayState,
                                    boolean multiOptionalFactorEnroll, Clock clock, Duration ttl) {
        Objects.requireNonNull(decision, "decision");
        Instant now = clock.instant();
        FlowPlan plan = decision.plan();
        return new Transaction(id, 0, FlowState.UNAUTHENTICATED, plan, relayState, multiOptionalFactorEnroll,
                plan.enrolledTypes(), List.of(), null, plan.passwordState() == PasswordState.EXPIRED, false, false, null,
                now, now.plus(ttl), ttl);
    }

    /**
     * Applies one event. Throws {@link DeadTransaction} when the transaction expired or ended, and
     * {@link IllegalTransition} for any event the table does not allow in the current state.
     */
    public static Transaction transition(Transaction t, FlowEvent event, Clock clock) {
        Objects.requireNonNull(t, "transaction");
        Objects.requireNonNull(event, "event");
        if (t.state().isTerminal()) {
            throw new DeadTransaction(t.id(), DeadTransaction.Why.FINISHED);
        }
        Instant now = clock.instant();
        if (!now.isBefore(t.expiresAt())) {
            throw new DeadTransaction(t.id(), DeadTransaction.Why.EXPIRED);
        }
        return apply(t, event).touched(now);
    }

    private static Transaction apply(Transaction t, FlowEvent event) {
        // Allowed in every live state, also while the S2 recheck is pending.
        if (event instanceof Cancel) {
            return t.ended(FlowState.CANCELLED, null);
        }
        if (event instanceof Refuse refuse) {
            return t.ended(FlowState.CANCELLED, refuse.reason());
        }
        if (event instanceof LockOut) {
            return t.ended(FlowState.LOCKED_OUT, null);
        }
        if (event instanceof StateRead) {
            return t;
        }
        if (t.awaitingStatusRecheck()) {
            if (event instanceof StatusRechecked recheck) {
                return recheck(t, recheck);
            }
            throw illegal(t, event, "every step is done; only the status recheck may follow");
        }
        FlowState s = t.state();
        if (event instanceof PrimaryAuthSucceeded) {
            if (s != FlowState.UNAUTHENTICATED || t.plan().primary() != FlowPlan.Primary.FEDERATED) {
                throw illegal(t, event, "only the first step of a federated sign-in");
            }
            return advance(t.verifiedWith(FactorTypes.federated(t.plan().connectionKind()), false));
        }
        if (event instanceof FactorChallenged c) {
            if ((s == FlowState.UNAUTHENTICATED || s == FlowState.MFA_REQUIRED) && t.offers().contains(c.factorType())) {
                return t.withState(FlowState.MFA_CHALLENGE, c.factorType());
            }
            if (s == FlowState.MFA_CHALLENGE && c.factorType().equals(t.currentFactor())) {
                return t; // resend, or poll while a push waits
            }
            throw illegal(t, event, "factor not offered");
        }
        if (event instanceof FactorVerified v) {
            requireActionable(t, event, v.factorType());
            return advance(t.verifiedWith(v.factorType(), v.passwordExpired()));
        }
        if (event instanceof FactorFailed f) {
            requireActionable(t, event, f.factorType());
            return t; // E0000068: same state, same token
        }
        if (event instanceof Previous) {
            if (s == FlowState.MFA_CHALLENGE) {
                boolean firstStep = t.verified().isEmpty() && !t.primaryComplete();
                return t.withState(firstStep ? FlowState.UNAUTHENTICATED : FlowState.MFA_REQUIRED, null);
            }
            if (s == FlowState.MFA_ENROLL_ACTIVATE) {
                return t.withState(FlowState.MFA_ENROLL, null);
            }
            throw illegal(t, event, "no previous step");
        }
        if (event instanceof Enrolled e) {
            if (s != FlowState.MFA_ENROLL || !t.offers().contains(e.factorType())) {
                throw illegal(t, event, "not an enrollable method here");
            }
            if (e.activationRequired()) {
                return t.withState(FlowState.MFA_ENROLL_ACTIVATE, e.factorType());
            }
            return afterEnrollment(t.enrolledWith(e.factorType()).verifiedWith(e.factorType(), false));
        }
        if (event instanceof Activated a) {
            if (s != FlowState.MFA_ENROLL_ACTIVATE || !a.factorType().equals(t.currentFactor())) {
                throw illegal(t, event, "not the factor being activated");
            }
            return afterEnrollment(t.enrolledWith(a.factorType()).verifiedWith(a.factorType(), false));
        }
        if (event instanceof Skip) {
            if (s == FlowState.PASSWORD_WARN) {
                return advance(t.withPasswordResolved(false));
            }
            if (s == FlowState.MFA_ENROLL) {
                if (!t.skippable()) {
                    throw illegal(t, event, t.plan().mfaRequired() && !t.plan().mfaSatisfied(t.verified())
                            ? "MFA is not satisfied yet" : "a REQUIRED factor type is not enrolled yet");
                }
                return advance(t); // what remains is OPTIONAL (S11)
            }
            throw illegal(t, event, "nothing to skip");
        }
        if (event instanceof PasswordChanged) {
            if (s != FlowState.PASSWORD_EXPIRED && s != FlowState.PASSWORD_WARN) {
                throw illegal(t, event, "no password change was asked for");
            }
            return advance(t.withPasswordResolved(true));
        }
        if (event instanceof StatusRechecked) {
            throw illegal(t, event, "steps remain before SUCCESS");
        }
        throw illegal(t, event, "unknown event");
    }

    /** Verify or fail: an offered factor in an offer state, or the challenged one (S4: no skip, no repeat). */
    private static void requireActionable(Transaction t, FlowEvent event, String type) {
        FlowState s = t.state();
        boolean offered = (s == FlowState.UNAUTHENTICATED || s == FlowState.MFA_REQUIRED) && t.offers().contains(type);
        boolean challenged = s == FlowState.MFA_CHALLENGE && type.equals(t.currentFactor());
        if (!offered && !challenged) {
            throw illegal(t, event, "factor " + type + " is not the next step");
        }
    }

    /** Where a transaction goes once something was verified or resolved. */
    private static Transaction advance(Transaction t) {
        FlowPlan plan = t.plan();
        List<String> verified = t.verified();
        if (!plan.primaryComplete(verified)) {
            if (plan.primaryOffers(verified, t.enrolledTypes()).isEmpty()) {
                return t.ended(FlowState.CANCELLED, RefusalReason.NO_ENROLLED_NEXT_FACTOR);
            }
            return t.withState(verified.isEmpty() ? FlowState.UNAUTHENTICATED : FlowState.MFA_REQUIRED, null);
        }
        if (plan.mfaRequired() && !plan.mfaSatisfied(verified)) {
            if (!plan.mfaOffers(verified, t.enrolledTypes()).isEmpty()) {
                return t.withState(FlowState.MFA_REQUIRED, null);
            }
            if (!plan.enrollOffers(t.enrolledTypes()).isEmpty()) {
                return t.withState(FlowState.MFA_ENROLL, null);
            }
            return t.ended(FlowState.CANCELLED, RefusalReason.MFA_UNSATISFIABLE);
        }
        if (enrolledDuringSignIn(t) && !plan.missingRequiredEnrollments(t.enrolledTypes()).isEmpty()) {
            // S11: once a sign-in enrolls (S9 sent it to MFA_ENROLL), it leaves only with every REQUIRED method;
            // a sign-in that satisfies MFA with factors already held is not stopped for the ones it lacks
            return t.withState(FlowState.MFA_ENROLL, null);
        }
        if (!t.passwordResolved() && plan.passwordExpiryEnforced(verified)) {
            if (t.passwordExpired()) {
                return t.withState(FlowState.PASSWORD_EXPIRED, null);
            }
            if (plan.passwordState() == PasswordState.WARN) {
                return t.withState(FlowState.PASSWORD_WARN, null);
            }
        }
        return t.awaitingRecheck();
    }

    /** Whether a factor was enrolled in this transaction: only then was it in MFA_ENROLL. */
    private static boolean enrolledDuringSignIn(Transaction t) {
        return !t.plan().enrolledTypes().containsAll(t.enrolledTypes());
    }

    /**
     * Next, after a factor was enrolled in MFA_ENROLL (usable at once, or activated). With
     * {@code multiOptionalFactorEnroll}, back to MFA_ENROLL while OPTIONAL methods remain and only
     * they do (MFA satisfied, nothing REQUIRED missing: the state then offers skip); otherwise the
     * routing of any step, which returns to MFA_ENROLL anyway while a REQUIRED method is missing.
     */
    private static Transaction afterEnrollment(Transaction t) {
        Transaction back = t.withState(FlowState.MFA_ENROLL, null);
        if (t.multiOptionalFactorEnroll() && back.skippable() && !back.offers().isEmpty()) {
            return back;
        }
        return advance(t);
    }

    /** S2 just before SUCCESS. */
    private static Transaction recheck(Transaction t, StatusRechecked r) {
        if (r.source() == StatusSource.UNREACHABLE) {
            return t.ended(FlowState.CANCELLED, RefusalReason.STATUS_UNVERIFIABLE);
        }
        if (r.source() == StatusSource.READ_MODEL && t.liveStatusRequired()) {
            throw illegal(t, r, "a directory user without a password step needs a live directory read");
        }
        return switch (r.status()) {
            case ACTIVE -> t.ended(FlowState.SUCCESS, null);
            case LOCKED_OUT -> t.ended(FlowState.LOCKED_OUT, null);
            case DISABLED -> t.ended(FlowState.CANCELLED, RefusalReason.USER_DISABLED);
            case DELETED -> t.ended(FlowState.CANCELLED, RefusalReason.USER_DELETED);
        };
    }

    private static IllegalTransition illegal(Transaction t, FlowEvent event, String why) {
        return new IllegalTransition(t.state(), event, why);
    }
}
