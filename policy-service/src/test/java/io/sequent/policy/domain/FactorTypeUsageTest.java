package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deactivating a factor type is refused naming every use. */
class FactorTypeUsageTest {

    private static PolicySnapshot snapshot() {
        var chains = new SignOnRule("r1", "seq", 1, null, Fixtures.sequence(List.of(List.of("sms", "push"), List.of("push", "question"))));
        var methods = new SignOnRule("r2", "pw", 2, null, Fixtures.password());
        var deny = new SignOnRule("r3", "deny", 3, null, new RuleActions(Access.DENY, PrimaryAuth.PASSWORD, null, false, null, 60));
        var policy = new SignOnPolicy("p1", "default", PolicyType.ORG, null, 1, null, List.of(chains, methods, deny));
        var org = new OrgPolicy("acme", "A", "Acme", new OrgMfa(true, List.of("push"), null, null, false));
        var defaults = new OrgPolicy("zeta", "Z", "Zeta", new OrgMfa(false, null, null, null, false));
        return new PolicySnapshot(1, Instant.EPOCH, new EnvironmentMfa(MfaMode.YES, List.of("push", "email")),
                List.of(), List.of(org, defaults), null, null, List.of(policy));
    }

    @Test
    void namesEveryChainOrgRuleAndEnvironmentUse() {
        assertThat(FactorTypeUsage.usesOf("push", snapshot())).containsExactly(
                "environment MFA methods",
                "org 'acme' MFA methods",
                "policy 'default' (p1) rule 'seq' (r1) chain 1",
                "policy 'default' (p1) rule 'seq' (r1) chain 2",
                "policy 'default' (p1) rule 'pw' (r2) MFA methods");
        assertThat(FactorTypeUsage.usesOf("question", snapshot())).containsExactly("policy 'default' (p1) rule 'seq' (r1) chain 2");
    }

    @Test
    void passwordIsInUseWhileAnAllowRuleSignsInWithIt() {
        assertThat(FactorTypeUsage.usesOf("password", snapshot()))
                .containsExactly("policy 'default' (p1) rule 'pw' (r2) primary authentication PASSWORD");
    }

    @Test
    void anUnusedTypeHasNoUses() {
        assertThat(FactorTypeUsage.usesOf("webauthn", snapshot())).isEmpty();
    }
}
