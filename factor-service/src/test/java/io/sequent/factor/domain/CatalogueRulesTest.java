package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueRulesTest {

    static PolicySnapshot snapshot(List<String> active, EnrollmentPolicy... policies) {
        return new PolicySnapshot(1, Instant.EPOCH, new PolicySnapshot.EnvironmentMfa(PolicySnapshot.MfaMode.NO, List.of()),
                active, null, null, List.of(policies), null);
    }

    @Test
    void takesTheFirstPolicyByPriorityThatTargetsTheUser() {
        var s = snapshot(List.of("sms", "push"),
                new EnrollmentPolicy("late", "all", 9, List.of(), List.of(), Map.of("sms", Enrollment.OPTIONAL)),
                new EnrollmentPolicy("grp", "g", 1, List.of("g"), List.of(), Map.of("push", Enrollment.REQUIRED)),
                new EnrollmentPolicy("org", "o", 2, List.of(), List.of("o1"), Map.of("sms", Enrollment.REQUIRED)));
        assertThat(Catalogue.policyFor(s, List.of("g"), "o1").orElseThrow().id()).isEqualTo("grp");
        assertThat(Catalogue.policyFor(s, List.of(), "o1").orElseThrow().id()).isEqualTo("org");
        assertThat(Catalogue.policyFor(s, List.of(), null).orElseThrow().id()).isEqualTo("late");
        assertThat(Catalogue.policyFor(snapshot(List.of()), List.of(), null)).isEmpty();
    }

    @Test
    void listsOnlyActiveTypesTheRuleAllowsWithTheUsersStatus() {
        var s = snapshot(List.of("sms", "push", "question", "not-a-type"),
                new EnrollmentPolicy("p", "p", 1, List.of(), List.of(), Map.of("sms", Enrollment.REQUIRED, "push", Enrollment.NOT_ALLOWED,
                        "question", Enrollment.OPTIONAL, "webauthn", Enrollment.REQUIRED)));
        var entries = Catalogue.entries(s, List.of(), null, EnumSet.of(FactorType.QUESTION));
        assertThat(entries).containsExactly(
                new Catalogue.Entry(FactorType.SMS, Enrollment.REQUIRED, Catalogue.Status.NOT_SETUP),
                new Catalogue.Entry(FactorType.QUESTION, Enrollment.OPTIONAL, Catalogue.Status.ACTIVE));
        assertThat(Catalogue.entries(snapshot(List.of("sms")), List.of(), null, Set.of())).isEmpty();
    }

    @Test
    void picksTheOrgAsASignInDoes() {
        assertThat(Catalogue.org("b", List.of("a", "b"), "a")).contains("b");
        assertThat(Catalogue.org("x", List.of("a", "b"), "a")).isEmpty();
        assertThat(Catalogue.org(null, List.of("a", "b"), "b")).contains("b");
        assertThat(Catalogue.org(null, List.of("a", "b"), "z")).isEmpty();
        assertThat(Catalogue.org(null, List.of("a"), null)).contains("a");
        assertThat(Catalogue.org(null, List.of(), null)).isEmpty();
    }
}
