package io.sequent.authflow.domain.policy;

import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.decide;
import static io.sequent.authflow.domain.Fixtures.deny;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.rule;
import static io.sequent.authflow.domain.Fixtures.user;
import static io.sequent.authflow.domain.Fixtures.when;
import static io.sequent.authflow.domain.policy.Case.allowed;
import static io.sequent.authflow.domain.policy.Case.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** S3: policies by priority, rules by priority, first match; every condition kind. */
class RuleSelectionTest {

    private static RuleConditions groups(List<String> include, List<String> exclude) {
        return new RuleConditions(include, exclude, null, null, null, null, null);
    }

    private static RuleConditions roles(List<String> include, List<String> exclude) {
        return new RuleConditions(null, null, include, exclude, null, null, null);
    }

    private static RuleConditions orgs(String... orgs) {
        return new RuleConditions(null, null, null, null, List.of(orgs), null, null);
    }

    private static RuleConditions connections(ConnectionKindOrPassword... kinds) {
        return new RuleConditions(null, null, null, null, null, List.of(kinds), null);
    }

    private static RuleConditions cidrs(String... cidrs) {
        return new RuleConditions(null, null, null, null, null, null, List.of(cidrs));
    }

    /** A policy whose first rule (priority 1) has the condition and allows; a fallback rule denies. */
    private static PolicySnapshot guarded(RuleConditions condition) {
        return policy().orgPolicy("p", 1,
                rule("fallback", 9, when(), deny()),
                rule("guarded", 1, condition, allowPassword())).build();
    }

    private static Consumer<Decision> matched(String ruleId) {
        return allowed(a -> assertThat(a.ruleId()).as("reasons %s", a.reasons()).isEqualTo(ruleId));
    }

    private static Case row(String name, UserSnapshot user, RequestContext ctx, PolicySnapshot p,
                            Consumer<Decision> expect) {
        return Case.of(name, () -> decide(user, factors(), ctx, p), expect);
    }

    private static RequestContext ip(String ip) {
        return new RequestContext(null, null, null, ip, false);
    }

    static Stream<Case> rules() {
        var plain = user().build();
        var staff = user().groups("staff").build();
        var acmeAdmin = user().member("acme", "admin").member("globex", "dev").defaultOrg("acme").build();
        var longLife = new RuleActions(Access.ALLOW, null, null, false, null, 7200);
        return Stream.of(
                row("S3 rules within a policy are taken by priority, not list order", plain, request(),
                        policy().orgPolicy("p", 1, rule("second", 2, when(), deny()),
                                rule("first", 1, when(), allowPassword())).build(), matched("first")),
                row("S3 policies are taken by priority, not list order", plain, request(),
                        policy().orgPolicy("later", 5, rule("deny-all", 1, when(), deny()))
                                .orgPolicy("earlier", 1, rule("allow", 1, when(), allowPassword())).build(),
                        allowed(a -> assertThat(a.policyId()).isEqualTo("earlier"))),
                row("S3 the first matching rule decides, later rules are not read", plain, request(),
                        policy().orgPolicy("p", 1, rule("allow", 1, when(), allowPassword()),
                                rule("deny", 2, when(), deny())).build(), matched("allow")),
                row("S3 a rule that says DENY refuses", plain, request(),
                        policy().allowing(deny()).build(), refused(RefusalReason.RULE_DENIES)),
                row("S3 no rule matched: refused", plain, request(),
                        policy().orgPolicy("p", 1, rule("staff-only", 1, groups(List.of("staff"), null),
                                allowPassword())).build(), refused(RefusalReason.NO_RULE_MATCHED)),
                row("S3 no sign-on policy at all: refused", plain, request(), policy().build(),
                        refused(RefusalReason.NO_RULE_MATCHED)),
                row("S3 groups include: a member matches", staff, request(),
                        guarded(groups(List.of("staff", "ops"), null)), matched("guarded")),
                row("S3 groups include: a non-member does not match", plain, request(),
                        guarded(groups(List.of("staff"), null)), refused(RefusalReason.RULE_DENIES)),
                row("S3 groups exclude: a member does not match", staff, request(),
                        guarded(groups(null, List.of("staff"))), refused(RefusalReason.RULE_DENIES)),
                row("S3 groups exclude: a non-member matches", plain, request(),
                        guarded(groups(null, List.of("staff"))), matched("guarded")),
                row("S3 roles include: the role held in the sign-in's org matches", acmeAdmin, request(),
                        guarded(roles(List.of("admin"), null)), matched("guarded")),
                row("S3 roles are those of the sign-in's org, not of another membership", acmeAdmin,
                        request("globex", null), guarded(roles(List.of("admin"), null)),
                        refused(RefusalReason.RULE_DENIES)),
                row("S3 roles exclude: a holder does not match", acmeAdmin, request(),
                        guarded(roles(null, List.of("admin"))), refused(RefusalReason.RULE_DENIES)),
                row("S3 org condition: the sign-in's org matches", acmeAdmin, request(),
                        guarded(orgs("acme")), matched("guarded")),
                row("S3 org condition: another org does not match", acmeAdmin, request("globex", null),
                        guarded(orgs("acme")), refused(RefusalReason.RULE_DENIES)),
                row("S3 org condition: a sign-in without org does not match", plain, request(),
                        guarded(orgs("acme")), refused(RefusalReason.RULE_DENIES)),
                row("S3 connection kind PASSWORD matches the built-in username flow", plain, request(),
                        guarded(connections(ConnectionKindOrPassword.PASSWORD)), matched("guarded")),
                row("S3 connection kind IDP does not match the built-in flow", plain, request(),
                        guarded(connections(ConnectionKindOrPassword.IDP)), refused(RefusalReason.RULE_DENIES)),
                row("S3 connection kind IDP matches a sign-in through an IDP connection", plain,
                        request(null, "okta-idp"), guarded(connections(ConnectionKindOrPassword.IDP)),
                        matched("guarded")),
                row("S3 an unknown connection is refused", plain, request(null, "nope"),
                        policy().allowing(allowPassword()).build(), refused(RefusalReason.UNKNOWN_CONNECTION)),
                row("S3 client IPv4 inside the CIDR matches", plain, ip("10.1.2.3"),
                        guarded(cidrs("192.168.0.0/16", "10.0.0.0/8")), matched("guarded")),
                row("S3 client IPv4 outside the CIDR does not match", plain, ip("11.1.2.3"),
                        guarded(cidrs("10.0.0.0/8")), refused(RefusalReason.RULE_DENIES)),
                row("S3 client IPv6 inside the CIDR matches", plain, ip("2001:db8:0:1::5"),
                        guarded(cidrs("2001:db8::/32")), matched("guarded")),
                row("S3 client IPv6 outside the CIDR does not match", plain, ip("2001:db9::5"),
                        guarded(cidrs("2001:db8::/32")), refused(RefusalReason.RULE_DENIES)),
                row("S3 an IPv4 client never matches an IPv6 network", plain, ip("10.0.0.1"),
                        guarded(cidrs("::/0")), refused(RefusalReason.RULE_DENIES)),
                row("S3 an unknown client IP never matches an IP condition", plain, ip(null),
                        guarded(cidrs("0.0.0.0/0")), refused(RefusalReason.RULE_DENIES)),
                row("S3 a malformed CIDR never matches (fail closed)", plain, ip("10.0.0.1"),
                        guarded(cidrs("10.0.0.0/99", "not-an-ip")), refused(RefusalReason.RULE_DENIES)),
                row("S3 an APP policy applies when the request names that app", plain,
                        new RequestContext(null, null, "payroll", null, false),
                        policy().allowing(allowPassword()).appPolicy("payroll-policy", "payroll", 1,
                                rule("app-deny", 1, when(), deny())).build(), refused(RefusalReason.RULE_DENIES)),
                row("S3 without an app named, ORG policies apply and APP policies are ignored", plain, request(),
                        policy().allowing(allowPassword()).appPolicy("payroll-policy", "payroll", 1,
                                rule("app-deny", 1, when(), deny())).build(), matched("catch-all")),
                row("S3 an app without APP policy falls back to the ORG policies", plain,
                        new RequestContext(null, null, "wiki", null, false),
                        policy().allowing(allowPassword()).appPolicy("payroll-policy", "payroll", 1,
                                rule("app-deny", 1, when(), deny())).build(), matched("catch-all")),
                row("S3 a policy assigned to groups applies to members only", plain, request(),
                        policy().orgPolicyForGroups("staff-policy", 1, List.of("staff"), rule("deny", 1, when(), deny()))
                                .allowing(allowPassword()).build(), matched("catch-all")),
                row("S3 a policy assigned to groups applies to a member", staff, request(),
                        policy().orgPolicyForGroups("staff-policy", 1, List.of("staff"), rule("deny", 1, when(), deny()))
                                .allowing(allowPassword()).build(), refused(RefusalReason.RULE_DENIES)),
                row("S13 the session lifetime comes from the matched rule", plain, request(),
                        policy().allowing(longLife).build(),
                        allowed(a -> assertThat(a.plan().sessionLifetimeSeconds()).isEqualTo(7200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(Case c) {
        c.run();
    }
}
