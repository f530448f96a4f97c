package io.sequent.authflow.domain.policy;

import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.decide;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.orgMfa;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.user;
import static io.sequent.authflow.domain.policy.Case.allowed;
import static io.sequent.authflow.domain.policy.Case.allowedWithMfa;
import static io.sequent.authflow.domain.policy.Case.fired;
import static io.sequent.authflow.domain.policy.Case.lockedOut;
import static io.sequent.authflow.domain.policy.Case.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.events.UserStatus;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** S1, S2 and org resolution, one row per sentence. */
class StatusAndOrgRulesTest {

    static Stream<Case> rules() {
        var open = policy().allowing(allowPassword()).build();
        var passwordless = policy().allowing(allowChains(List.of("push"))).build();
        var mixed = policy().allowing(allowChains(List.of("password", "push"), List.of("push"))).build();
        var orgEnforced = policy().org("acme", orgMfa(true, null, null, null)).allowing(allowPassword()).build();
        return Stream.of(
                Case.of("S2 DISABLED user is refused at identification",
                        () -> decide(user().status(UserStatus.DISABLED).build(), factors(), request(), open),
                        refused(RefusalReason.USER_DISABLED)),
                Case.of("S2 DELETED user is refused at identification",
                        () -> decide(user().status(UserStatus.DELETED).build(), factors(), request(), open),
                        refused(RefusalReason.USER_DELETED)),
                Case.of("S2 DISABLED user is refused in a passwordless flow too",
                        () -> decide(user().status(UserStatus.DISABLED).build(), factors("push"), request(), passwordless),
                        refused(RefusalReason.USER_DISABLED)),
                Case.of("S2 LOCKED_OUT gives status LOCKED_OUT",
                        () -> decide(user().status(UserStatus.LOCKED_OUT).build(), factors(), request(), open),
                        lockedOut()),
                Case.of("S6/S2 account expired (accountExpires passed) is refused",
                        () -> decide(user().accountExpiresAt(Fixtures.NOW).build(), factors(), request(), open),
                        refused(RefusalReason.ACCOUNT_EXPIRED)),
                Case.of("S2 account expiring later is not refused",
                        () -> decide(user().accountExpiresAt(Fixtures.NOW.plusSeconds(1)).build(), factors(), request(), open),
                        allowed(fired("STATUS_ACTIVE"))),
                Case.of("S2 directory user whose flow has no password step: SUCCESS waits on a live status read",
                        () -> decide(user().directory().build(), factors("push"), request(), passwordless),
                        allowed(fired("LIVE_STATUS_READ_BEFORE_SUCCESS").andThen(a -> {
                            assertThat(a.plan().liveStatusRequired(List.of("push"))).isTrue();
                        }))),
                Case.of("S2 directory user in the password flow: the bind checks the account, no live read",
                        () -> decide(user().directory().build(), factors(), request(), open),
                        allowed(fired("STATUS_CHECKED_BY_BIND").andThen(a ->
                                assertThat(a.plan().liveStatusRequired(List.of("password"))).isFalse()))),
                Case.of("S2 directory user, chains with and without password: live read unless a password step",
                        () -> decide(user().directory().build(), factors("push"), request(), mixed),
                        allowed(fired("LIVE_STATUS_READ_UNLESS_PASSWORD_STEP").andThen(a -> {
                            assertThat(a.plan().liveStatusRequired(List.of("push"))).isTrue();
                            assertThat(a.plan().liveStatusRequired(List.of("password", "push"))).isFalse();
                        }))),
                Case.of("S2 local user passwordless: no directory to read",
                        () -> decide(user().build(), factors("push"), request(), passwordless),
                        allowed(a -> assertThat(a.plan().liveStatusRequired(List.of("push"))).isFalse())),
                Case.of("ORG context.orgId must be one of the user's memberships, else refused",
                        () -> decide(user().member("acme", "dev").build(), factors(), request("globex", null), open),
                        refused(RefusalReason.NOT_ORG_MEMBER)),
                Case.of("ORG the org the client names is used",
                        () -> decide(user().member("acme").member("globex").defaultOrg("acme").build(), factors(),
                                request("globex", null), open),
                        allowed(a -> assertThat(a.plan().orgId()).isEqualTo("globex"))),
                Case.of("ORG no org named: the membership marked default",
                        () -> decide(user().member("acme").member("globex").defaultOrg("globex").build(), factors(),
                                request(), open),
                        allowed(fired("ORG_DEFAULT").andThen(a -> assertThat(a.plan().orgId()).isEqualTo("globex")))),
                Case.of("ORG no org named, no default: the only membership",
                        () -> decide(user().member("acme").build(), factors(), request(), open),
                        allowed(fired("ORG_ONLY_MEMBERSHIP").andThen(a -> assertThat(a.plan().orgId()).isEqualTo("acme")))),
                Case.of("ORG a default that is not a membership is ignored",
                        () -> decide(user().member("acme").defaultOrg("gone").build(), factors(), request(), open),
                        allowed(a -> assertThat(a.plan().orgId()).isEqualTo("acme"))),
                Case.of("ORG user without memberships signs in without an org",
                        () -> decide(user().build(), factors(), request(), open),
                        allowed(fired("NO_ORG").andThen(a -> assertThat(a.plan().orgId()).isNull()))),
                Case.of("ORG several memberships, none default, none named: refused (naming no org never lowers MFA)",
                        () -> decide(user().member("acme").member("globex").build(), factors(), request(), orgEnforced),
                        refused(RefusalReason.ORG_AMBIGUOUS)),
                Case.of("ORG naming no org never lowers MFA: the default org's enforcement applies",
                        () -> decide(user().member("acme").defaultOrg("acme").build(), factors("push"), request(),
                                orgEnforced),
                        allowedWithMfa(true)),
                Case.of("ORG naming no org never lowers MFA: the only membership's enforcement applies",
                        () -> decide(user().member("acme").build(), factors("push"), request(), orgEnforced),
                        allowedWithMfa(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(Case c) {
        c.run();
    }

    @Test
    void s1DisabledUnknownOrgAndUnenrolledUsersLookTheSameFromOutside() {
        var passwordless = policy().allowing(allowChains(List.of("push"))).build();
        Decision disabled = decide(user().status(UserStatus.DISABLED).build(), factors("push"), request(), passwordless);
        Decision unenrolled = decide(user().build(), factors(), request(), passwordless);
        Decision notMember = decide(user().build(), factors("push"), request("acme", null), passwordless);
        assertThat(List.of(disabled.outwardStatus(), unenrolled.outwardStatus(), notMember.outwardStatus()))
                .containsOnly(Decision.Outward.AUTHENTICATION_FAILED);
        assertThat(((Decision.Refused) disabled).reason()).isNotEqualTo(((Decision.Refused) unenrolled).reason());
    }

    @Test
    void s11ReasonsListEveryRuleThatFiredInOrder() {
        var p = policy().org("acme", orgMfa(true, List.of("push"), null, null))
                .allowing(allowChains(List.of("sms", "push"))).build();
        var a = (Decision.Allowed) decide(user().member("acme", "dev").build(), factors("sms", "push"), request(), p);
        assertThat(a.reasons().stream().map(Reason::rule).toList())
                .containsSubsequence(Rule.S2, Rule.ORG, Rule.S3, Rule.S7, Rule.S8, Rule.S9, Rule.S4, Rule.S13);
        assertThat(a.ruleId()).isEqualTo("catch-all");
        assertThat(a.policyId()).isEqualTo("default");
    }

    @Test
    void passwordWarnPeriodIsConfigurableAndNeverNegative() {
        var evaluator = new PolicyEvaluator(Fixtures.CLOCK, Duration.ofDays(1));
        var ctx = new RequestContext(null, null, null, null, true);
        var twoDays = user().passwordExpiresAt(Fixtures.NOW.plus(Duration.ofDays(2))).build();
        var d = (Decision.Allowed) evaluator.evaluate(twoDays, factors(), ctx, policy().allowing(allowPassword()).build());
        assertThat(d.plan().passwordState()).isEqualTo(PasswordState.OK);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new PolicyEvaluator(Fixtures.CLOCK, Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
