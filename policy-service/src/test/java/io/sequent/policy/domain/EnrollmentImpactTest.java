package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollmentImpactTest {

    private static final SignOnRule SEQ = new SignOnRule("r1", "seq", 1, null, Fixtures.sequence(List.of(List.of("sms"))));
    private static final List<SignOnPolicy> POLICIES = List.of(
            new SignOnPolicy("p1", "default", PolicyType.ORG, null, 1, null, List.of(SEQ)));

    private static List<EnrollmentPolicy> requiring(Enrollment sms) {
        return List.of(new EnrollmentPolicy("e", "all", 1, null, null, Map.of("sms", sms)));
    }

    @Test
    void warnsForARuleThatWasCoveredAndIsNoLonger() {
        assertThat(EnrollmentImpact.newlyUncovered(POLICIES, requiring(Enrollment.REQUIRED), requiring(Enrollment.OPTIONAL)))
                .singleElement().satisfies(w -> assertThat(w.detail()).contains("'seq'").contains("r1"));
    }

    @Test
    void saysNothingWhenCoverageDoesNotGetWorse() {
        assertThat(EnrollmentImpact.newlyUncovered(POLICIES, requiring(Enrollment.OPTIONAL), requiring(Enrollment.OPTIONAL))).isEmpty();
        assertThat(EnrollmentImpact.newlyUncovered(POLICIES, requiring(Enrollment.OPTIONAL), requiring(Enrollment.REQUIRED))).isEmpty();
        assertThat(EnrollmentImpact.newlyUncovered(POLICIES, requiring(Enrollment.REQUIRED), requiring(Enrollment.REQUIRED))).isEmpty();
    }
}
