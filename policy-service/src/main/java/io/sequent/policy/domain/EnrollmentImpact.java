package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.ArrayList;
import java.util.List;

/**
 * S11 seen from the other side: after a change to the enrollment policies, the rules with chains
 * that were covered (a chain all REQUIRED) and no longer are.
 */
public final class EnrollmentImpact {

    private EnrollmentImpact() {
    }

    public static List<Warning> newlyUncovered(List<SignOnPolicy> policies, List<EnrollmentPolicy> before,
                                               List<EnrollmentPolicy> after) {
        List<Warning> warnings = new ArrayList<>();
        for (SignOnPolicy policy : policies) {
            for (SignOnRule rule : policy.rules()) {
                boolean wasCovered = EnrollmentCoverage.check(policy, rule, before).isEmpty();
                EnrollmentCoverage.check(policy, rule, after).filter(w -> wasCovered).ifPresent(w -> warnings.add(
                        new Warning("S11", "policy '" + policy.name() + "' rule '" + rule.name() + "' (" + rule.id()
                                + "): " + w.detail())));
            }
        }
        return warnings;
    }
}
