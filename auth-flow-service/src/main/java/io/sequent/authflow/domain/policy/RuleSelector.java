package io.sequent.authflow.domain.policy;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * S3: the first rule, in priority order of policies and then of rules, whose conditions all match.
 * An APP policy applies when the request names its app (and then only the app's policies count);
 * otherwise the ORG policies. Empty condition lists match everything; a condition that cannot be
 * evaluated (unknown IP, malformed CIDR, no org) does not match.
 */
final class RuleSelector {

    /** Who is signing in, as the conditions see it. */
    record Subject(List<String> groups, List<String> roles, String orgId, ConnectionKindOrPassword connection,
                   String clientIp, String appId) {
    }

    record Match(SignOnPolicy policy, SignOnRule rule) {
    }

    private RuleSelector() {
    }

    static Optional<Match> select(PolicySnapshot snapshot, Subject subject, List<Reason> reasons) {
        List<SignOnPolicy> candidates = candidates(snapshot.signOnPolicies(), subject.appId());
        PolicyType type = candidates.isEmpty() ? PolicyType.ORG : candidates.get(0).type();
        reasons.add(new Reason(Rule.S3, type == PolicyType.APP ? "APP_POLICIES" : "ORG_POLICIES",
                type == PolicyType.APP ? "the request names app " + subject.appId() : "the organisation's sign-on policies"));
        for (SignOnPolicy policy : candidates) {
            if (!policy.groups().isEmpty() && !intersects(policy.groups(), subject.groups())) {
                continue;
            }
            List<SignOnRule> rules = policy.rules().stream()
                    .sorted(Comparator.comparingInt(SignOnRule::priority)).toList();
            for (SignOnRule rule : rules) {
                if (matches(rule.conditions(), subject)) {
                    reasons.add(new Reason(Rule.S3, "RULE_MATCHED",
                            "policy " + policy.id() + " rule " + rule.id() + " (" + rule.actions().access() + ")"));
                    return Optional.of(new Match(policy, rule));
                }
            }
        }
        return Optional.empty();
    }

    private static List<SignOnPolicy> candidates(List<SignOnPolicy> policies, String appId) {
        Comparator<SignOnPolicy> byPriority = Comparator.comparingInt(SignOnPolicy::priority);
        if (appId != null) {
            List<SignOnPolicy> app = policies.stream()
                    .filter(p -> p.type() == PolicyType.APP && appId.equals(p.appId()))
                    .sorted(byPriority).toList();
            if (!app.isEmpty()) {
                return app;
            }
        }
        return policies.stream().filter(p -> p.type() == PolicyType.ORG).sorted(byPriority).toList();
    }

    static boolean matches(RuleConditions c, Subject s) {
        if (!c.groupsInclude().isEmpty() && !intersects(c.groupsInclude(), s.groups())) {
            return false;
        }
        if (intersects(c.groupsExclude(), s.groups())) {
            return false;
        }
        if (!c.rolesInclude().isEmpty() && !intersects(c.rolesInclude(), s.roles())) {
            return false;
        }
        if (intersects(c.rolesExclude(), s.roles())) {
            return false;
        }
        if (!c.orgs().isEmpty() && (s.orgId() == null || !c.orgs().contains(s.orgId()))) {
            return false;
        }
        if (!c.connections().isEmpty() && !c.connections().contains(s.connection())) {
            return false;
        }
        return c.ipCidrs().isEmpty() || ipMatches(c.ipCidrs(), s.clientIp());
    }

    private static boolean ipMatches(List<String> cidrs, String clientIp) {
        if (clientIp == null) {
            return false;
        }
        for (String cidr : cidrs) {
            try {
                if (Cidr.parse(cidr).contains(clientIp)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed network never matches: fail closed
            }
        }
        return false;
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
