package io.sequent.policy.domain;

import static io.sequent.policy.domain.Fixtures.ACTIVE;
import static io.sequent.policy.domain.Fixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    private static List<Violation> validate(PolicyType type, RuleActions actions) {
        return RuleValidator.validate(type, RuleConditions.ANY, actions, ACTIVE, Set.of("acme"));
    }

    private static List<String> pointers(List<Violation> violations) {
        return violations.stream().map(Violation::pointer).toList();
    }

    @Test
    void acceptsTheSeedsTwoChainsInAnOrgPolicy() {
        assertThat(validate(PolicyType.ORG, sequence(List.of(List.of("sms", "push"), List.of("push", "question"))))).isEmpty();
    }

    @Test
    void acceptsAPasswordRuleWithMfaMethods() {
        assertThat(validate(PolicyType.ORG, Fixtures.password())).isEmpty();
        assertThat(validate(PolicyType.APP, Fixtures.password())).isEmpty();
    }

    @Test
    void refusesChainsInAnAppPolicy() {
        var violations = validate(PolicyType.APP, sequence(List.of(List.of("sms", "push"))));
        assertThat(pointers(violations)).containsExactly("/actions/chains");
        assertThat(violations.get(0).detail()).startsWith("S5");
    }

    @Test
    void refusesFactorSequenceWithoutChainsInAnAppPolicyToo() {
        assertThat(pointers(validate(PolicyType.APP, sequence(List.of())))).containsExactly("/actions/chains");
    }

    @Test
    void refusesFactorSequenceWithoutAnyChain() {
        assertThat(pointers(validate(PolicyType.ORG, sequence(List.of())))).containsExactly("/actions/chains");
    }

    @Test
    void refusesChainsWhenPrimaryIsPassword() {
        var actions = new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, List.of(List.of("sms")), false, null, 3600);
        assertThat(validate(PolicyType.ORG, actions)).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("FACTOR_SEQUENCE"));
    }

    @Test
    void refusesChainsInADenyRule() {
        var actions = new RuleActions(Access.DENY, PrimaryAuth.FACTOR_SEQUENCE, List.of(List.of("sms")), false, null, 3600);
        assertThat(validate(PolicyType.ORG, actions)).singleElement().satisfies(v -> assertThat(v.detail()).contains("DENY"));
    }

    @Test
    void acceptsADenyRuleWithoutChains() {
        var actions = new RuleActions(Access.DENY, PrimaryAuth.FACTOR_SEQUENCE, null, false, null, 3600);
        assertThat(validate(PolicyType.ORG, actions)).isEmpty();
    }

    @Test
    void refusesAnInactiveFactorTypeNamingTheStep() {
        var violations = validate(PolicyType.ORG, sequence(List.of(List.of("sms", "push"), List.of("push", "call"))));
        assertThat(pointers(violations)).containsExactly("/actions/chains/1/1");
        assertThat(violations.get(0).detail()).contains("not activated");
    }

    @Test
    void refusesAnUnknownFactorType() {
        assertThat(validate(PolicyType.ORG, sequence(List.of(List.of("fax"))))).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("unknown factor type 'fax'"));
    }

    @Test
    void refusesAFactorTypeTwiceInOneChain() {
        assertThat(pointers(validate(PolicyType.ORG, sequence(List.of(List.of("sms", "push", "sms"))))))
                .containsExactly("/actions/chains/0/2");
    }

    @Test
    void allowsTheSameFactorTypeInDifferentChains() {
        assertThat(validate(PolicyType.ORG, sequence(List.of(List.of("sms", "push"), List.of("push", "sms"))))).isEmpty();
    }

    @Test
    void acceptsFiveStepsAndRefusesSix() {
        List<String> five = List.of("sms", "push", "question", "email", "webauthn");
        assertThat(validate(PolicyType.ORG, sequence(List.of(five)))).isEmpty();
        List<String> six = List.of("sms", "push", "question", "email", "webauthn", "token:software:totp");
        assertThat(pointers(validate(PolicyType.ORG, sequence(List.of(six))))).containsExactly("/actions/chains/0");
    }

    @Test
    void refusesAnEmptyChain() {
        assertThat(pointers(validate(PolicyType.ORG, sequence(List.of(List.of()))))).containsExactly("/actions/chains/0");
    }

    @Test
    void refusesTheSameChainTwice() {
        assertThat(pointers(validate(PolicyType.ORG, sequence(List.of(List.of("sms"), List.of("sms"))))))
                .containsExactly("/actions/chains/1");
    }

    @Test
    void checksMfaMethods() {
        var actions = new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, true, List.of("password", "call"), 3600);
        assertThat(pointers(validate(PolicyType.ORG, actions))).containsExactly("/actions/mfaMethods/0", "/actions/mfaMethods/1");
    }

    @Test
    void boundsTheSessionLifetime() {
        var tooShort = new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, false, null, 59);
        var tooLong = new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, false, null, RuleValidator.MAX_SESSION_SECONDS + 1);
        assertThat(pointers(validate(PolicyType.ORG, tooShort))).containsExactly("/actions/sessionLifetimeSeconds");
        assertThat(pointers(validate(PolicyType.ORG, tooLong))).containsExactly("/actions/sessionLifetimeSeconds");
    }

    @Test
    void checksConditionCidrsAndOrgs() {
        var conditions = new RuleConditions(List.of("staff"), null, null, null, List.of("acme", "ghost"),
                List.of(ConnectionKindOrPassword.IDP), List.of("10.0.0.0/8", "10.0.0.0/40", "not-an-ip"));
        var violations = RuleValidator.validate(PolicyType.ORG, conditions, Fixtures.password(), ACTIVE, Set.of("acme"));
        assertThat(pointers(violations)).containsExactly("/conditions/ipCidrs/1", "/conditions/ipCidrs/2", "/conditions/orgs/1");
    }
}
