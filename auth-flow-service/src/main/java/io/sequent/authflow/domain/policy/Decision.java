package io.sequent.authflow.domain.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link PolicyEvaluator#evaluate}: allowed with a plan, refused, or locked out; each
 * with the reasons (every rule that fired, in order) that the audit event and the admin simulation
 * return. Only {@link #outwardStatus()} may reach the end user (S1).
 */
public sealed interface Decision permits Decision.Allowed, Decision.Refused, Decision.LockedOut {

    List<Reason> reasons();

    /** What the end user may learn: SUCCESS-path, the generic refusal, or LOCKED_OUT. */
    Outward outwardStatus();

    enum Outward {
        /** The sign-in goes on; the transaction's state says how. */
        PROCEED,
        /** The one generic failure (E0000004 on primary auth), whatever the internal reason (S1). */
        AUTHENTICATION_FAILED,
        /** S2: status LOCKED_OUT. */
        LOCKED_OUT
    }

    /**
     * @param firstOffers the factor types offered at the first step (S4); empty for a federated
     *                    sign-in, whose primary authentication is already done (S5)
     */
    record Allowed(FlowPlan plan, String policyId, String ruleId, List<String> firstOffers,
                   List<Reason> reasons) implements Decision {
        public Allowed {
            Objects.requireNonNull(plan, "plan");
            firstOffers = List.copyOf(firstOffers);
            reasons = List.copyOf(reasons);
        }

        @Override
        public Outward outwardStatus() {
            return Outward.PROCEED;
        }
    }

    record Refused(RefusalReason reason, List<Reason> reasons) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            reasons = List.copyOf(reasons);
        }

        @Override
        public Outward outwardStatus() {
            return Outward.AUTHENTICATION_FAILED;
        }
    }

    record LockedOut(List<Reason> reasons) implements Decision {
        public LockedOut {
            reasons = List.copyOf(reasons);
        }

        @Override
        public Outward outwardStatus() {
            return Outward.LOCKED_OUT;
        }
    }
}
