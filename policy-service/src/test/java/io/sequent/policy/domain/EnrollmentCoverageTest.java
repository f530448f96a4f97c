package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S11: a warning when no chain is all REQUIRED in the enrollment policy that applies. */
class EnrollmentCoverageTest {

    private static final SignOnPolicy STAFF_POLICY = new SignOnPolicy("p", "staff", PolicyType.ORG, null, 1, List.of("staff"), List.of());
    private static final SignOnPolicy EVERYONE = new SignOnPolicy("p", "all", PolicyType.ORG, null, 1, List.of(), List.of());

    private static SignOnRule rule(List<List<String>> chains) {
        return new SignOnRule("r", "rule", 1, RuleConditions.ANY, Fixtures.sequence(chains));
    }

    private static EnrollmentPolicy enrollment(String id, int priority, List<String> groups, Map<String, Enrollment> factors) {
        return new EnrollmentPolicy(id, id, priority, groups, List.of(), factors);
    }

    @Test
    void noWarningWhenOneChainIsAllRequired() {
        var policies = List.of(enrollment("e", 1, List.of("staff"),
                Map.of("sms", Enrollment.REQUIRED, "push", Enrollment.REQUIRED, "question", Enrollment.OPTIONAL)));
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule(List.of(List.of("sms", "push"), List.of("push", "question"))),
                policies)).isEmpty();
    }

    @Test
    void warnsWhenNoChainIsAllRequired() {
        var policies = List.of(enrollment("e", 1, List.of("staff"),
                Map.of("sms", Enrollment.REQUIRED, "push", Enrollment.OPTIONAL)));
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule(List.of(List.of("sms", "push"))), policies))
                .hasValueSatisfying(w -> {
                    assertThat(w.rule()).isEqualTo("S11");
                    assertThat(w.detail()).contains("'e'");
                });
    }

    @Test
    void warnsWhenNoEnrollmentPolicyApplies() {
        var policies = List.of(enrollment("e", 1, List.of("contractors"), Map.of("sms", Enrollment.REQUIRED)));
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule(List.of(List.of("sms"))), policies))
                .hasValueSatisfying(w -> assertThat(w.detail()).contains("no enrollment policy applies"));
    }

    @Test
    void theFirstApplyingPolicyByPriorityDecides() {
        var lenient = enrollment("lenient", 2, List.of("staff"), Map.of("sms", Enrollment.OPTIONAL));
        var strict = enrollment("strict", 1, List.of(), Map.of("sms", Enrollment.REQUIRED));
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule(List.of(List.of("sms"))), List.of(lenient, strict))).isEmpty();
        var strictLater = enrollment("strict", 3, List.of(), Map.of("sms", Enrollment.REQUIRED));
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule(List.of(List.of("sms"))), List.of(lenient, strictLater)))
                .hasValueSatisfying(w -> assertThat(w.detail()).contains("'lenient'"));
    }

    @Test
    void aRuleForEveryoneIsCheckedAgainstTheCatchAllPolicy() {
        var groupOnly = enrollment("group", 1, List.of("staff"), Map.of("sms", Enrollment.REQUIRED));
        assertThat(EnrollmentCoverage.check(EVERYONE, rule(List.of(List.of("sms"))), List.of(groupOnly))).isPresent();
        var catchAll = enrollment("all", 2, List.of(), Map.of("sms", Enrollment.REQUIRED));
        assertThat(EnrollmentCoverage.check(EVERYONE, rule(List.of(List.of("sms"))), List.of(groupOnly, catchAll))).isEmpty();
    }

    @Test
    void aRuleWithoutChainsNeedsNoEnrollment() {
        var rule = new SignOnRule("r", "pw", 1, null, Fixtures.password());
        assertThat(EnrollmentCoverage.check(STAFF_POLICY, rule, List.of())).isEmpty();
    }
}
