package io.sequent.bench.jmh;

import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A large configuration for the evaluation benchmark: 1,000 orgs (every third enforcing MFA with
 * exempt roles), 10 sign-on policies of 10 rules each. The benchmark user's rule is the 98th of
 * 100, so every rule before it is tested and refused first: the worst case short of no match.
 */
final class Snapshots {

    static final String TOTP = "token:software:totp";
    static final int ORGS = 1_000;
    static final int POLICIES = 10;
    static final int RULES_PER_POLICY = 10;

    private Snapshots() {
    }

    static PolicySnapshot large() {
        List<OrgPolicy> orgs = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            OrgMfa mfa = i % 3 == 0
                    ? new OrgMfa(true, List.of(TOTP, "push"), List.of("contractor", "kiosk"), List.of(), false)
                    : new OrgMfa(false, null, List.of(), List.of(), false);
            orgs.add(new OrgPolicy(org(i), "code-" + i, "Org " + i, mfa));
        }
        List<SignOnPolicy> policies = new ArrayList<>();
        for (int p = 0; p < POLICIES; p++) {
            List<SignOnRule> rules = new ArrayList<>();
            for (int r = 0; r < RULES_PER_POLICY; r++) {
                int n = p * RULES_PER_POLICY + r;
                // each rule targets 10 orgs and a role; only rule 97 targets the benchmark user's org and role
                List<String> ruleOrgs = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    ruleOrgs.add(org((n * 10 + k) % ORGS));
                }
                var conditions = new RuleConditions(List.of(), List.of("blocked"), List.of("role-" + n), List.of(),
                        ruleOrgs, List.of(ConnectionKindOrPassword.PASSWORD), List.of("10.0.0.0/8", "192.168.0.0/16"));
                var actions = new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE,
                        List.of(List.of(TOTP, "question"), List.of("push", "question"), List.of("sms", "push")),
                        false, List.of(), 3600);
                rules.add(new SignOnRule("rule-" + n, "Rule " + n, r + 1, conditions, actions));
            }
            policies.add(new SignOnPolicy("policy-" + p, "Policy " + p, PolicyType.ORG, null, p + 1, List.of(), rules));
        }
        return new PolicySnapshot(42, Instant.parse("2026-01-01T00:00:00Z"),
                new EnvironmentMfa(MfaMode.OPTIONAL, List.of(TOTP, "push", "sms")),
                List.of("password", TOTP, "push", "sms", "question"), orgs, List.of(), List.of(), policies);
    }

    /** A member of org 970 (enforcing MFA) with role-97 and one exempt role, so rule 97 and S9 both apply. */
    static UserSnapshot user() {
        return new UserSnapshot("user-1", 7, UserSource.LOCAL, null, null, "pat", "pat@example.com", "Pat", "Lee",
                "Pat Lee", UserStatus.ACTIVE, false, false, null, null, org(970),
                List.of(new OrgMembership(org(970), List.of("role-97", "contractor"))), List.of("staff"),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static String org(int i) {
        return "org-" + i;
    }
}
