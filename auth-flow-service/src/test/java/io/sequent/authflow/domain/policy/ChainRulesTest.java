package io.sequent.authflow.domain.policy;

import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.decide;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.orgMfa;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.rule;
import static io.sequent.authflow.domain.Fixtures.user;
import static io.sequent.authflow.domain.Fixtures.when;
import static io.sequent.authflow.domain.policy.Case.allowed;
import static io.sequent.authflow.domain.policy.Case.allowedWithMfa;
import static io.sequent.authflow.domain.policy.Case.fired;
import static io.sequent.authflow.domain.policy.Case.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** S4 factor chains, S5 where chains do not apply, S6 password as a factor; seed 000 sentences. */
class ChainRulesTest {

    private static final List<String> SMS_PUSH = List.of("sms", "push");
    private static final List<String> PUSH_QUESTION = List.of("push", "question");

    /** The seed's example: "SMS and Okta Verify" and "Okta Verify and Security Questions". */
    private static final PolicySnapshot SEED_CHAINS = policy().allowing(allowChains(SMS_PUSH, PUSH_QUESTION)).build();

    private static PolicySnapshot expiryPolicy(boolean enforceWithoutPassword, List<String>... chains) {
        return policy().org("acme", new OrgMfa(false, null, null, null, enforceWithoutPassword))
                .allowing(allowChains(chains)).build();
    }

    static Stream<Case> rules() {
        var expiredAd = user().directory().member("acme").passwordExpired().build();
        return Stream.of(
                Case.of("seed 000: user not enrolled in the first factor of any chain cannot sign in",
                        () -> decide(user().build(), factors("question"), request(), SEED_CHAINS),
                        refused(RefusalReason.NO_ENROLLED_FIRST_FACTOR)),
                Case.of("seed 000: a user with no factor at all cannot sign in with chains",
                        () -> decide(user().build(), factors(), request(), SEED_CHAINS),
                        refused(RefusalReason.NO_ENROLLED_FIRST_FACTOR)),
                Case.of("seed 000: multiple chains, enrolled in the first factor of at least one chain signs in",
                        () -> decide(user().build(), factors("sms"), request(), SEED_CHAINS),
                        allowed(a -> assertThat(a.firstOffers()).containsExactly("sms"))),
                Case.of("S4 the first step offers the first factor of every chain the user holds",
                        () -> decide(user().build(), factors("push", "sms"), request(), SEED_CHAINS),
                        allowed(a -> assertThat(a.firstOffers()).containsExactly("sms", "push"))),
                Case.of("S4 a first factor shared by chains is offered once",
                        () -> decide(user().build(), factors("push"), request(),
                                policy().allowing(allowChains(List.of("push", "sms"), PUSH_QUESTION)).build()),
                        allowed(a -> assertThat(a.firstOffers()).containsExactly("push"))),
                Case.of("S4 a chain with a factor type that is not activated is not offered",
                        () -> decide(user().build(), factors("sms", "push"), request(),
                                policy().active("push", "question").allowing(allowChains(SMS_PUSH, PUSH_QUESTION)).build()),
                        allowed(fired("CHAIN_UNUSABLE").andThen(a -> assertThat(a.firstOffers()).containsExactly("push")))),
                Case.of("S4 no usable chain at all: refused",
                        () -> decide(user().build(), factors("sms", "push"), request(),
                                policy().active("question").allowing(allowChains(SMS_PUSH)).build()),
                        refused(RefusalReason.NO_ENROLLED_FIRST_FACTOR)),
                Case.of("S4 a chain may start with the password (Okta Mobile: password first)",
                        () -> decide(user().build(), factors("push"), request(),
                                policy().allowing(allowChains(List.of("password", "push"))).build()),
                        allowed(a -> assertThat(a.firstOffers()).containsExactly("password"))),
                Case.of("S5 an IDP connection skips factor sequencing: no chain factor is prompted",
                        () -> decide(user().build(), factors("sms"), request(null, "okta-idp"), SEED_CHAINS),
                        allowed(fired("CHAINS_SKIPPED").andThen(a -> {
                            assertThat(a.plan().primary()).isEqualTo(FlowPlan.Primary.FEDERATED);
                            assertThat(a.firstOffers()).isEmpty();
                            assertThat(a.plan().chains()).isEmpty();
                        }))),
                Case.of("S5 IWA skips chains, even for a user holding no chain factor",
                        () -> decide(user().build(), factors(), request(null, "corp-iwa"), SEED_CHAINS),
                        allowed(a -> assertThat(a.plan().primary()).isEqualTo(FlowPlan.Primary.FEDERATED))),
                Case.of("S5 Factor Sequencing chains can't be specified for application sign-on policies",
                        () -> decide(user().build(), factors("sms"), new RequestContext(null, null, "payroll", null, false),
                                policy().appPolicy("app", "payroll", 1, rule("r", 1, when(), allowChains(SMS_PUSH))).build()),
                        refused(RefusalReason.APP_RULE_WITH_CHAINS)),
                Case.of("S5 org MFA still applies to an IDP sign-in",
                        () -> decide(user().member("acme", "dev").build(), factors("push"), request(null, "okta-idp"),
                                policy().org("acme", orgMfa(true, null, null, null)).allowing(allowPassword()).build()),
                        allowedWithMfa(true)),
                Case.of("S5 ... unless the connection is exempt",
                        () -> decide(user().member("acme", "dev").build(), factors("push"), request(null, "okta-idp"),
                                policy().org("acme", orgMfa(true, null, null, List.of("okta-idp"))).allowing(allowPassword()).build()),
                        allowedWithMfa(false)),
                Case.of("S6 the built-in flow is a password step: the chain [password]",
                        () -> decide(user().build(), factors(), request(), policy().allowing(allowPassword()).build()),
                        allowed(fired("PASSWORD_PRIMARY").andThen(a -> {
                            assertThat(a.plan().chains()).containsExactly(List.of("password"));
                            assertThat(a.firstOffers()).containsExactly("password");
                        }))),
                Case.of("S6 expired AD password blocks a chain with a password step",
                        () -> decide(expiredAd, factors("push"), request(), expiryPolicy(false, List.of("password", "push"))),
                        allowed(fired("PASSWORD_EXPIRED_ENFORCED").andThen(a -> {
                            assertThat(a.plan().passwordState()).isEqualTo(PasswordState.EXPIRED);
                            assertThat(a.plan().passwordExpiryEnforced(List.of("password", "push"))).isTrue();
                        }))),
                Case.of("S6 expired AD password does not block a passwordless chain (seed 000: sign in without a password change)",
                        () -> decide(expiredAd, factors("push"), request(), expiryPolicy(false, List.of("push"))),
                        allowed(fired("PASSWORD_EXPIRED_NOT_ENFORCED").andThen(a ->
                                assertThat(a.plan().passwordExpiryEnforced(List.of("push"))).isFalse()))),
                Case.of("S6 ... unless the org sets enforcePasswordExpiryWithoutPassword",
                        () -> decide(expiredAd, factors("push"), request(), expiryPolicy(true, List.of("push"))),
                        allowed(fired("PASSWORD_EXPIRED_ENFORCED").andThen(a ->
                                assertThat(a.plan().passwordExpiryEnforced(List.of("push"))).isTrue()))),
                Case.of("S6 seed 000: password expiry state is only checked if a password is used in the sequence",
                        () -> decide(expiredAd, factors("push"), request(),
                                expiryPolicy(false, List.of("password", "push"), List.of("push"))),
                        allowed(fired("PASSWORD_EXPIRED_ONLY_WITH_PASSWORD_STEP").andThen(a -> {
                            assertThat(a.plan().passwordExpiryEnforced(List.of("push"))).isFalse();
                            assertThat(a.plan().passwordExpiryEnforced(List.of("password", "push"))).isTrue();
                        }))),
                Case.of("S6 a federated sign-in has no password step: expiry not enforced",
                        () -> decide(expiredAd, factors(), request(null, "corp-iwa"), expiryPolicy(false, List.of("push"))),
                        allowed(fired("PASSWORD_EXPIRED_NOT_ENFORCED"))),
                Case.of("S6 must-change (pwdLastSet=0) counts as expired",
                        () -> decide(user().mustChange().build(), factors(), request(), policy().allowing(allowPassword()).build()),
                        allowed(a -> assertThat(a.plan().passwordState()).isEqualTo(PasswordState.EXPIRED))),
                Case.of("S6 a password expiry time in the past counts as expired",
                        () -> decide(user().passwordExpiresAt(Fixtures.NOW).build(), factors(), request(),
                                policy().allowing(allowPassword()).build()),
                        allowed(a -> assertThat(a.plan().passwordState()).isEqualTo(PasswordState.EXPIRED))),
                Case.of("S6 PASSWORD_WARN inside the warning period when the client asks for it",
                        () -> decide(user().passwordExpiresAt(Fixtures.NOW.plus(Duration.ofDays(3))).build(), factors(),
                                new RequestContext(null, null, null, null, true), policy().allowing(allowPassword()).build()),
                        allowed(a -> assertThat(a.plan().passwordState()).isEqualTo(PasswordState.WARN))),
                Case.of("S6 no PASSWORD_WARN when the client does not ask for it",
                        () -> decide(user().passwordExpiresAt(Fixtures.NOW.plus(Duration.ofDays(3))).build(), factors(),
                                request(), policy().allowing(allowPassword()).build()),
                        allowed(a -> assertThat(a.plan().passwordState()).isEqualTo(PasswordState.OK))),
                Case.of("S6 no PASSWORD_WARN outside the warning period",
                        () -> decide(user().passwordExpiresAt(Fixtures.NOW.plus(Duration.ofDays(30))).build(), factors(),
                                new RequestContext(null, null, null, null, true), policy().allowing(allowPassword()).build()),
                        allowed(a -> assertThat(a.plan().passwordState()).isEqualTo(PasswordState.OK))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(Case c) {
        c.run();
    }
}
