package io.sequent.authflow.domain.policy;

import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.decide;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.orgMfa;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.user;
import static io.sequent.authflow.domain.policy.Case.allowed;
import static io.sequent.authflow.domain.policy.Case.allowedWithMfa;
import static io.sequent.authflow.domain.policy.Case.fired;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** S7 environment MFA, S8 org MFA and exemptions, S9 methods, S11 enrollment; seed 001 sentences. */
class MfaRulesTest {

    private static final UserSnapshot DEV = user().member("acme", "dev").build();
    private static final UserSnapshot ADMIN = user().member("acme", "admin").build();
    private static final UserSnapshot ADMIN_DEV = user().member("acme", "admin", "dev").build();
    private static final UserSnapshot NO_ROLE = user().member("acme").build();

    private static PolicySnapshot env(MfaMode mode) {
        return policy().env(mode).allowing(allowPassword()).build();
    }

    private static PolicySnapshot org(MfaMode env, boolean enforced, List<String> exemptRoles, List<String> exemptConnections) {
        return policy().env(env).org("acme", orgMfa(enforced, null, exemptRoles, exemptConnections))
                .allowing(allowPassword()).build();
    }

    private static Case row(String name, UserSnapshot user, List<ActiveFactor> factors, RequestContext ctx,
                            PolicySnapshot p, java.util.function.Consumer<Decision> expect) {
        return Case.of(name, () -> decide(user, factors, ctx, p), expect);
    }

    static Stream<Case> rules() {
        var enrollTotp = policy().env(MfaMode.YES, "push", "token:software:totp", "sms")
                .enrollment("staff", 1, List.of("staff"), List.of(), "sms", Enrollment.REQUIRED)
                .enrollment("everyone", 2, List.of(), List.of(), "token:software:totp", Enrollment.REQUIRED,
                        "push", Enrollment.OPTIONAL, "sms", Enrollment.NOT_ALLOWED)
                .allowing(allowPassword()).build();
        var ruleMfa = new RuleActions(Access.ALLOW, null, null, true, List.of("webauthn"), 60);
        return Stream.of(
                row("S7 env NO, no org: no MFA", DEV, factors("push"), request(), env(MfaMode.NO), allowedWithMfa(false)),
                row("seed 001: No - MFA applied only in some organizations: org not enforcing, no MFA",
                        DEV, factors("push"), request(), org(MfaMode.NO, false, null, null), allowedWithMfa(false)),
                row("S7 env YES: MFA for every user", DEV, factors(), request(), env(MfaMode.YES), allowedWithMfa(true)),
                row("seed 001: Yes overrides any organisation-level settings (org enforcement off)",
                        DEV, factors(), request(), org(MfaMode.YES, false, null, null),
                        allowedWithMfa(true).andThen(allowed(fired("ENV_YES")))),
                row("S10 an org turned off while the environment is YES still gets MFA",
                        DEV, factors("push"), request(), org(MfaMode.YES, false, List.of(), List.of()), allowedWithMfa(true)),
                row("S7 OPTIONAL: a user without an MFA factor is not challenged",
                        DEV, factors(), request(), env(MfaMode.OPTIONAL), allowedWithMfa(false)),
                row("S7 OPTIONAL: a user with an active MFA enrollment is challenged",
                        DEV, factors("push"), request(), env(MfaMode.OPTIONAL),
                        allowedWithMfa(true).andThen(allowed(fired("ENV_OPTIONAL_ENROLLED")))),
                row("S7 OPTIONAL: an enrolled password alone is not an MFA enrollment",
                        DEV, factors("password"), request(), env(MfaMode.OPTIONAL), allowedWithMfa(false)),
                row("seed 001: Optional - organization-level settings can require MFA per org",
                        DEV, factors(), request(), org(MfaMode.OPTIONAL, true, null, null), allowedWithMfa(true)),
                row("S8 an org that enforces MFA under env NO requires it",
                        DEV, factors(), request(), org(MfaMode.NO, true, null, null),
                        allowedWithMfa(true).andThen(allowed(fired("ORG_ENFORCED")))),
                row("S8 an org enforcing MFA does not reach a user signing in to another org",
                        user().member("acme", "dev").member("globex", "dev").build(), factors(), request("globex", null),
                        org(MfaMode.NO, true, null, null), allowedWithMfa(false)),
                row("S8 exempt role only: no MFA", ADMIN, factors("push"), request(),
                        org(MfaMode.NO, true, List.of("admin"), null),
                        allowedWithMfa(false).andThen(allowed(fired("EXEMPT_ROLES")))),
                row("seed 001: exempt certain roles, e.g. only Admins use MFA: a dev (exempt) signs in without MFA",
                        DEV, factors("push"), request(), org(MfaMode.NO, true, List.of("dev", "support"), null),
                        allowedWithMfa(false)),
                row("seed 001: mix of exempt and non-exempt roles: MFA applies as default",
                        ADMIN_DEV, factors("push"), request(), org(MfaMode.NO, true, List.of("dev"), null),
                        allowedWithMfa(true).andThen(allowed(fired("MIXED_ROLES")))),
                row("S8 no role at all is not 'all roles exempt': MFA applies",
                        NO_ROLE, factors("push"), request(), org(MfaMode.NO, true, List.of("dev"), null),
                        allowedWithMfa(true)),
                row("S8 exempt roles apply under env YES too (seed 001: whatever you select, you can still exempt roles)",
                        ADMIN, factors("push"), request(), org(MfaMode.YES, false, List.of("admin"), null),
                        allowedWithMfa(false)),
                row("S8 exempt roles apply under env OPTIONAL with an enrolled factor",
                        ADMIN, factors("push"), request(), org(MfaMode.OPTIONAL, false, List.of("admin"), null),
                        allowedWithMfa(false)),
                row("S8 roles are exempt per org: exempt in acme, not in globex",
                        user().member("acme", "admin").member("globex", "admin").build(), factors("push"),
                        request("globex", null),
                        policy().env(MfaMode.YES).org("acme", orgMfa(true, null, List.of("admin"), null))
                                .org("globex", orgMfa(true, null, List.of(), null)).allowing(allowPassword()).build(),
                        allowedWithMfa(true)),
                row("seed 001: signs in via Okta (exempt connection) with an Admin role (not exempt): no MFA",
                        ADMIN, factors("push"), request(null, "okta-idp"),
                        org(MfaMode.NO, true, List.of("dev"), List.of("okta-idp")),
                        allowedWithMfa(false).andThen(allowed(fired("EXEMPT_CONNECTION")))),
                row("S8 an exempt connection applies under env YES too",
                        DEV, factors("push"), request(null, "okta-idp"), org(MfaMode.YES, false, null, List.of("okta-idp")),
                        allowedWithMfa(false)),
                row("S8 a connection that is not exempt does not lift MFA",
                        DEV, factors("push"), request(null, "corp-iwa"), org(MfaMode.NO, true, null, List.of("okta-idp")),
                        allowedWithMfa(true)),
                row("S8 the built-in username flow is never an exempt connection",
                        DEV, factors("push"), request(), org(MfaMode.NO, true, null, List.of("okta-idp")),
                        allowedWithMfa(true)),
                row("seed 001: MFA methods selected for the org replace those of the environment",
                        DEV, factors("push"), request(),
                        policy().env(MfaMode.YES, "push", "sms").org("acme", orgMfa(true, List.of("webauthn"), null, null))
                                .allowing(allowPassword()).build(),
                        allowed(fired("ORG_METHODS").andThen(a -> assertThat(a.plan().mfaMethods()).containsExactly("webauthn")))),
                row("S8 an org without methods uses the environment's",
                        DEV, factors("push"), request(),
                        policy().env(MfaMode.YES, "push", "sms").org("acme", orgMfa(true, null, null, null))
                                .allowing(allowPassword()).build(),
                        allowed(a -> assertThat(a.plan().mfaMethods()).containsExactly("push", "sms"))),
                row("S9 methods are limited to activated factor types, and the password is never a method",
                        DEV, factors("push"), request(),
                        policy().env(MfaMode.YES, "push", "sms", "password").active("push").allowing(allowPassword()).build(),
                        allowed(a -> assertThat(a.plan().mfaMethods()).containsExactly("push"))),
                row("S3 a rule that requires MFA with its methods: MFA under env NO, rule methods win",
                        DEV, factors("webauthn"), request(), policy().allowing(ruleMfa).build(),
                        allowedWithMfa(true).andThen(allowed(a -> assertThat(a.plan().mfaMethods()).containsExactly("webauthn")))),
                row("S3 org exemptions do not lift MFA that the sign-on rule itself requires",
                        ADMIN, factors("webauthn"), request(),
                        policy().org("acme", orgMfa(true, null, List.of("admin"), null)).allowing(ruleMfa).build(),
                        allowedWithMfa(true)),
                row("S11 enrollable methods: the first enrollment policy targeting the user, REQUIRED or OPTIONAL only",
                        DEV, factors(), request(), enrollTotp,
                        allowed(a -> assertThat(a.plan().enrollableMethods()).containsExactly("push", "token:software:totp"))),
                row("S11 a hardware token, though the policy allows it, is not enrolled during sign-in (no activation there); "
                                + "webauthn and sms are",
                        DEV, factors(), request(), policy().env(MfaMode.YES, "token:hardware", "webauthn", "sms")
                                .active("token:hardware", "webauthn", "sms")
                                .enrollment("everyone", 1, List.of(), List.of(), "token:hardware", Enrollment.REQUIRED,
                                        "webauthn", Enrollment.OPTIONAL, "sms", Enrollment.OPTIONAL)
                                .allowing(allowPassword()).build(),
                        allowed(fired("NOT_ENROLLABLE_DURING_SIGN_IN").andThen(a -> {
                            assertThat(a.plan().enrollableMethods()).containsExactly("webauthn", "sms");
                            assertThat(a.plan().requiredEnrollments()).isEmpty();
                        }))),
                row("S11 REQUIRED methods stay REQUIRED, the others are OPTIONAL",
                        DEV, factors(), request(), enrollTotp,
                        allowed(fired("ENROLLMENT_POLICY").andThen(a -> assertThat(a.plan().requiredEnrollments())
                                .containsExactly("token:software:totp")))),
                row("S11 a REQUIRED type that is not an MFA method is not enrollable during sign-in",
                        user().member("acme", "dev").groups("staff").build(), factors(),
                        request(), policy().env(MfaMode.YES, "token:software:totp")
                                .enrollment("staff", 1, List.of("staff"), List.of(), "sms", Enrollment.REQUIRED,
                                        "token:software:totp", Enrollment.OPTIONAL).allowing(allowPassword()).build(),
                        allowed(a -> {
                            assertThat(a.plan().enrollableMethods()).containsExactly("token:software:totp");
                            assertThat(a.plan().requiredEnrollments()).isEmpty();
                        })),
                row("S11 enrollment policies are chosen by group (and priority)",
                        user().member("acme", "dev").groups("staff").build(), factors(), request(), enrollTotp,
                        allowed(a -> assertThat(a.plan().enrollableMethods()).containsExactly("sms"))),
                row("S11 an enrollment policy for another org does not apply",
                        DEV, factors(), request(),
                        policy().env(MfaMode.YES).enrollment("globex", 1, List.of(), List.of("globex"), "push", Enrollment.REQUIRED)
                                .allowing(allowPassword()).build(),
                        allowed(fired("NO_ENROLLMENT_POLICY").andThen(a -> assertThat(a.plan().enrollableMethods()).isEmpty()))),
                row("S9 a chain like [sms, push] satisfies MFA when push is an allowed method",
                        DEV, factors("sms", "push"), request(),
                        policy().env(MfaMode.YES, "push").allowing(allowChains(List.of("sms", "push"))).build(),
                        allowed(a -> assertThat(a.plan().mfaSatisfied(List.of("sms", "push"))).isTrue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(Case c) {
        c.run();
    }
}
