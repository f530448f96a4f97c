package io.sequent.authflow.domain.flow;

import io.sequent.authflow.domain.policy.FlowPlan;
import io.sequent.authflow.domain.policy.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sign-in transaction, immutable: every transition returns a new one with {@code version + 1}
 * (the store's optimistic-lock version) and a slid {@code expiresAt}.
 *
 * @param plan          the policy decision parts the flow needs (chains, MFA, password, S2 flags)
 * @param multiOptionalFactorEnroll Okta's {@code options.multiOptionalFactorEnroll}: after a factor
 *                      is enrolled, come back to MFA_ENROLL while OPTIONAL methods remain unenrolled
 * @param enrolledTypes the user's ACTIVE factor types: those at the start plus those activated since
 * @param verified      the factor types verified in this transaction, in order (S4, S9); a
 *                      federated primary authentication counts as {@code federated:<kind>}
 * @param currentFactor the factor of MFA_CHALLENGE / MFA_ENROLL_ACTIVATE, else null
 * @param passwordExpired the password must be changed (snapshot flags, or the bind said so)
 * @param passwordResolved PASSWORD_EXPIRED / PASSWORD_WARN was passed (changed or skipped)
 * @param awaitingStatusRecheck every step is done; only {@link FlowEvent.StatusRechecked} (or an
 *                      ending event) may follow, and it decides SUCCESS (S2, S13). Transient: the
 *                      caller makes the read in the same request
 * @param refusal       CANCELLED by a refusal: why (internal only, S1); null otherwise
 */
public record Transaction(
        String id,
        long version,
        FlowState state,
        FlowPlan plan,
        String relayState,
        boolean multiOptionalFactorEnroll,
        List<String> enrolledTypes,
        List<String> verified,
        String currentFactor,
        boolean passwordExpired,
        boolean passwordResolved,
        boolean awaitingStatusRecheck,
        RefusalReason refusal,
        Instant createdAt,
        Instant expiresAt,
        Duration ttl) {

    public Transaction {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("expiresAt before createdAt");
        }
        enrolledTypes = enrolledTypes == null ? List.of() : List.copyOf(enrolledTypes);
        verified = verified == null ? List.of() : List.copyOf(verified);
        if (verified.stream().distinct().count() != verified.size()) {
            throw new IllegalArgumentException("a factor type is verified at most once (S4)");
        }
        boolean needsFactor = state.isSingleFactor() && !awaitingStatusRecheck;
        if (needsFactor != (currentFactor != null)) {
            throw new IllegalArgumentException("currentFactor is set exactly in MFA_CHALLENGE and MFA_ENROLL_ACTIVATE");
        }
        if (refusal != null && state != FlowState.CANCELLED) {
            throw new IllegalArgumentException("a refusal ends the transaction as CANCELLED");
        }
        if (awaitingStatusRecheck && state.isTerminal()) {
            throw new IllegalArgumentException("a finished transaction awaits nothing");
        }
    }

    /** Why the transaction ended, or null while it is live. */
    public Ending ending() {
        return switch (state) {
            case SUCCESS -> Ending.SUCCEEDED;
            case LOCKED_OUT -> Ending.LOCKED_OUT;
            case CANCELLED -> refusal == null ? Ending.CANCELLED_BY_CLIENT : Ending.REFUSED;
            default -> null;
        };
    }

    public enum Ending { SUCCEEDED, LOCKED_OUT, CANCELLED_BY_CLIENT, REFUSED }

    /** S4: the primary authentication is done (a chain completed, or the IdP answered). */
    public boolean primaryComplete() {
        return plan.primaryComplete(verified);
    }

    /**
     * The factor types the client may act on now: the next chain step (S4), the MFA factors (S9),
     * the enrollable methods (MFA_ENROLL), or the one current factor.
     */
    public List<String> offers() {
        if (state.isTerminal() || awaitingStatusRecheck) {
            return List.of();
        }
        return switch (state) {
            case UNAUTHENTICATED, MFA_REQUIRED -> primaryComplete()
                    ? plan.mfaOffers(verified, enrolledTypes)
                    : plan.primaryOffers(verified, enrolledTypes);
            case MFA_ENROLL -> plan.enrollOffers(enrolledTypes);
            case MFA_CHALLENGE, MFA_ENROLL_ACTIVATE -> List.of(currentFactor);
            default -> List.of();
        };
    }

    /**
     * {@code skip} may be called: in PASSWORD_WARN, and in MFA_ENROLL once MFA is satisfied and every
     * method the enrollment policy marks REQUIRED is enrolled (S9, S11): what remains is OPTIONAL.
     */
    public boolean skippable() {
        if (awaitingStatusRecheck) {
            return false;
        }
        return switch (state) {
            case PASSWORD_WARN -> true;
            case MFA_ENROLL -> (!plan.mfaRequired() || plan.mfaSatisfied(verified))
                    && plan.missingRequiredEnrollments(enrolledTypes).isEmpty();
            default -> false;
        };
    }

    /** S11: the MFA_ENROLL catalogue: every enrollable method, REQUIRED or OPTIONAL, held or not. */
    public List<FlowPlan.EnrollChoice> enrollChoices() {
        return state == FlowState.MFA_ENROLL && !awaitingStatusRecheck ? plan.enrollChoices(enrolledTypes) : List.of();
    }

    /** S2: the status read before SUCCESS must be a live directory read. */
    public boolean liveStatusRequired() {
        return plan.liveStatusRequired(verified);
    }

    Transaction withState(FlowState newState, String newCurrent) {
        return new Transaction(id, version, newState, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, verified, newCurrent,
                passwordExpired, passwordResolved, false, null, createdAt, expiresAt, ttl);
    }

    Transaction verifiedWith(String type, boolean expired) {
        List<String> v = new ArrayList<>(verified);
        v.add(type);
        return new Transaction(id, version, state, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, v, currentFactor,
                passwordExpired || expired, passwordResolved, false, null, createdAt, expiresAt, ttl);
    }

    Transaction enrolledWith(String type) {
        List<String> e = new ArrayList<>(enrolledTypes);
        if (!e.contains(type)) {
            e.add(type);
        }
        return new Transaction(id, version, state, plan, relayState, multiOptionalFactorEnroll,
                e, verified, currentFactor,
                passwordExpired, passwordResolved, false, null, createdAt, expiresAt, ttl);
    }

    Transaction withPasswordResolved(boolean changed) {
        return new Transaction(id, version, state, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, verified, null,
                passwordExpired && !changed, true, false, null, createdAt, expiresAt, ttl);
    }

    Transaction awaitingRecheck() {
        return new Transaction(id, version, state, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, verified, null,
                passwordExpired, passwordResolved, true, null, createdAt, expiresAt, ttl);
    }

    Transaction ended(FlowState terminal, RefusalReason why) {
        return new Transaction(id, version, terminal, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, verified, null,
                passwordExpired, passwordResolved, false, why, createdAt, expiresAt, ttl);
    }

    Transaction touched(Instant now) {
        return new Transaction(id, version + 1, state, plan, relayState, multiOptionalFactorEnroll,
                enrolledTypes, verified, currentFactor,
                passwordExpired, passwordResolved, awaitingStatusRecheck, refusal, createdAt, now.plus(ttl), ttl);
    }
}
