package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * S11: a rule with chains should have at least one chain whose factors are all REQUIRED by the
 * enrollment policy that applies to the users it targets, else some of them may be unable to sign in.
 *
 * <p>The users a rule targets are known here only by group and org: those of the policy's groups,
 * the rule's included groups and the rule's orgs. The enrollment policy that applies is the first by
 * priority that targets everyone (no groups, no orgs) or shares a group or an org with the rule's
 * target; a rule that targets everyone is checked against the first catch-all policy. Which users
 * are actually affected is auth-flow's dry run (it holds the users).
 */
public final class EnrollmentCoverage {

    private EnrollmentCoverage() {
    }

    public static Optional<Warning> check(SignOnPolicy policy, SignOnRule rule, List<EnrollmentPolicy> enrollmentPolicies) {
        List<List<String>> chains = rule.actions().chains();
        if (chains.isEmpty()) {
            return Optional.empty();
        }
        Set<String> groups = new HashSet<>(policy.groups());
        groups.addAll(rule.conditions().groupsInclude());
        Set<String> orgs = new HashSet<>(rule.conditions().orgs());
        boolean everyone = groups.isEmpty() && orgs.isEmpty();
        Optional<EnrollmentPolicy> applies = enrollmentPolicies.stream()
                .sorted(Comparator.comparingInt(EnrollmentPolicy::priority).thenComparing(EnrollmentPolicy::id))
                .filter(p -> (p.groups().isEmpty() && p.orgs().isEmpty())
                        || (!everyone && (!Collections.disjoint(p.groups(), groups) || !Collections.disjoint(p.orgs(), orgs))))
                .findFirst();
        if (applies.isEmpty()) {
            return Optional.of(new Warning("S11", "no enrollment policy applies to the users of this rule, so no chain "
                    + "is REQUIRED for enrollment: users who did not enroll the first factor of a chain cannot sign in"));
        }
        EnrollmentPolicy enrollment = applies.get();
        boolean covered = chains.stream().anyMatch(chain -> chain.stream()
                .allMatch(type -> enrollment.factors().get(type) == Enrollment.REQUIRED));
        if (covered) {
            return Optional.empty();
        }
        return Optional.of(new Warning("S11", "no chain has all its factors REQUIRED in enrollment policy '"
                + enrollment.name() + "' (" + enrollment.id() + "): users who did not enroll the first factor of a "
                + "chain cannot sign in"));
    }
}
