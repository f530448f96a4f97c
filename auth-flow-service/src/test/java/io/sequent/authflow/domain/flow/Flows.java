package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.orgMfa;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.user;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.authflow.domain.flow.FlowEvent.FactorChallenged;
import io.sequent.authflow.domain.flow.FlowEvent.FactorVerified;
import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import java.time.Duration;
import java.util.List;

/** Transactions in every state, reached through the evaluator and the real transition function. */
final class Flows {

    static final String TOTP = "token:software:totp";

    private Flows() {
    }

    static Transaction start(UserSnapshot user, List<ActiveFactor> factors, RequestContext ctx, PolicySnapshot p) {
        Decision d = Fixtures.EVALUATOR.evaluate(user, factors, ctx, p);
        return SignInFlow.start("tx-1", Fixtures.allowed(d), "/after", Fixtures.CLOCK);
    }

    /** A sign-in whose client sent {@code options.multiOptionalFactorEnroll}. */
    static Transaction startMultiOptional(UserSnapshot user, List<ActiveFactor> factors, PolicySnapshot p) {
        Decision d = Fixtures.EVALUATOR.evaluate(user, factors, request(), p);
        return SignInFlow.start("tx-1", Fixtures.allowed(d), "/after", true, Fixtures.CLOCK);
    }

    static Transaction run(Transaction t, FlowEvent... events) {
        for (FlowEvent e : events) {
            t = SignInFlow.transition(t, e, Fixtures.CLOCK);
        }
        return t;
    }

    static FactorVerified verified(String type) {
        return new FactorVerified(type);
    }

    static FactorChallenged challenged(String type) {
        return new FactorChallenged(type);
    }

    /** Local user, env NO, the built-in password flow: UNAUTHENTICATED offering [password]. */
    static Transaction password() {
        return start(user().build(), factors(), request(), policy().allowing(allowPassword()).build());
    }

    /** Env YES with push/TOTP; the user holds push. */
    static Transaction passwordThenMfa() {
        return start(user().build(), factors("push"), request(),
                policy().env(MfaMode.YES, "push", TOTP).allowing(allowPassword()).build());
    }

    /** Env YES with TOTP/question; the user holds none; the enrollment policy allows both. */
    static Transaction passwordThenEnroll() {
        return start(user().build(), factors(), request(), policy().env(MfaMode.YES, TOTP, "question")
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED, "question", Enrollment.OPTIONAL)
                .allowing(allowPassword()).build());
    }

    /** {@link #passwordThenEnroll()} (TOTP REQUIRED, question OPTIONAL), with multiOptionalFactorEnroll. */
    static Transaction passwordThenEnrollMultiOptional() {
        return startMultiOptional(user().build(), factors(), policy().env(MfaMode.YES, TOTP, "question")
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED, "question", Enrollment.OPTIONAL)
                .allowing(allowPassword()).build());
    }

    /** Env YES with TOTP/sms/question; TOTP and sms REQUIRED, question OPTIONAL; the user holds none. */
    static Transaction passwordThenEnrollTwoRequired() {
        return start(user().build(), factors(), request(), twoRequired());
    }

    static Transaction passwordThenEnrollTwoRequiredMultiOptional() {
        return startMultiOptional(user().build(), factors(), twoRequired());
    }

    private static PolicySnapshot twoRequired() {
        return policy().env(MfaMode.YES, TOTP, "sms", "question")
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED, "sms", Enrollment.REQUIRED,
                        "question", Enrollment.OPTIONAL)
                .allowing(allowPassword()).build();
    }

    /** Env YES with TOTP/question, both OPTIONAL: MFA still needs one of them (S9). */
    static Transaction passwordThenEnrollAllOptional() {
        return start(user().build(), factors(), request(), allOptional());
    }

    static Transaction passwordThenEnrollAllOptionalMultiOptional() {
        return startMultiOptional(user().build(), factors(), allOptional());
    }

    private static PolicySnapshot allOptional() {
        return policy().env(MfaMode.YES, TOTP, "question")
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.OPTIONAL, "question", Enrollment.OPTIONAL)
                .allowing(allowPassword()).build();
    }

    /** Env YES with TOTP/question; TOTP OPTIONAL (activated after enrolling), question REQUIRED; the user holds none. */
    static Transaction passwordThenEnrollOptionalTotpRequiredQuestion() {
        return start(user().build(), factors(), request(), policy().env(MfaMode.YES, TOTP, "question")
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.OPTIONAL, "question", Enrollment.REQUIRED)
                .allowing(allowPassword()).build());
    }

    /** Env YES with TOTP only, REQUIRED; multiOptionalFactorEnroll: nothing OPTIONAL to come back for. */
    static Transaction passwordThenEnrollOnlyRequiredMultiOptional() {
        return startMultiOptional(user().build(), factors(), policy().env(MfaMode.YES, TOTP)
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED).allowing(allowPassword()).build());
    }

    /** {@link #passwordThenEnrollAllOptionalMultiOptional()} for a user whose password has expired. */
    static Transaction expiredPasswordThenEnrollAllOptionalMultiOptional() {
        return startMultiOptional(user().passwordExpired().build(), factors(), allOptional());
    }

    /**
     * Env YES with push/TOTP; the user holds push; the enrollment policy marks TOTP REQUIRED and push
     * OPTIONAL: push satisfies MFA with a factor already held, so the sign-in is not stopped to enroll
     * TOTP (S11 is enforced only once a sign-in enrolls).
     */
    static Transaction heldPushThenRequiredTotp() {
        return start(user().build(), factors("push"), request(), heldPushRequiredTotp());
    }

    static Transaction heldPushThenRequiredTotpMultiOptional() {
        return startMultiOptional(user().build(), factors("push"), heldPushRequiredTotp());
    }

    private static PolicySnapshot heldPushRequiredTotp() {
        return policy().env(MfaMode.YES, "push", TOTP)
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED, "push", Enrollment.OPTIONAL)
                .allowing(allowPassword()).build();
    }

    /** The chain [sms, push] satisfies MFA (env YES with push/TOTP); TOTP is REQUIRED and not held, nor asked for. */
    static Transaction chainThenRequiredTotp() {
        return start(user().build(), factors("sms", "push"), request(), policy().env(MfaMode.YES, "push", TOTP)
                .enrollment("all", 1, List.of(), List.of(), TOTP, Enrollment.REQUIRED)
                .allowing(allowChains(List.of("sms", "push"))).build());
    }

    /** Env YES; the user holds no factor and no enrollment policy lets them enroll one. */
    static Transaction passwordNoWayToMfa() {
        return start(user().build(), factors(), request(), policy().env(MfaMode.YES).allowing(allowPassword()).build());
    }

    static Transaction expiredPassword() {
        return start(user().passwordExpired().build(), factors(), request(), policy().allowing(allowPassword()).build());
    }

    static Transaction expiredPasswordWithMfa() {
        return start(user().passwordExpired().build(), factors("push"), request(),
                policy().env(MfaMode.YES, "push").allowing(allowPassword()).build());
    }

    static Transaction warnPassword() {
        return start(user().passwordExpiresAt(Fixtures.NOW.plus(Duration.ofDays(2))).build(), factors(),
                new RequestContext(null, null, null, null, true), policy().allowing(allowPassword()).build());
    }

    /** The seed's chains [sms, push] and [push, question]; the user holds all three. */
    static Transaction chains() {
        return start(user().build(), factors("sms", "push", "question"), request(),
                policy().allowing(allowChains(List.of("sms", "push"), List.of("push", "question"))).build());
    }

    /** One chain [sms, push]. */
    static Transaction singleChain() {
        return start(user().build(), factors("sms", "push"), request(),
                policy().allowing(allowChains(List.of("sms", "push"))).build());
    }

    /** One chain [sms, push, question]; the user lacks the last factor. */
    static Transaction chainMissingLast() {
        return start(user().build(), factors("sms", "push"), request(),
                policy().allowing(allowChains(List.of("sms", "push", "question"))).build());
    }

    /** One chain [push] under env YES (push, TOTP): MFA needs a second factor after the chain. */
    static Transaction pushChainThenMfa() {
        return start(user().build(), factors("push", TOTP), request(),
                policy().env(MfaMode.YES, "push", TOTP).allowing(allowChains(List.of("push"))).build());
    }

    static Transaction federated() {
        return start(user().build(), factors(), request(null, "corp-iwa"), policy().allowing(allowPassword()).build());
    }

    static Transaction federatedWithOrgMfa() {
        return start(user().member("acme", "dev").build(), factors("push"), request(null, "okta-idp"),
                policy().org("acme", orgMfa(true, List.of("push"), null, null)).allowing(allowPassword()).build());
    }

    /** A directory user signing in passwordless with the chain [push]. */
    static Transaction directoryPasswordless() {
        return start(user().directory().build(), factors("push"), request(),
                policy().allowing(allowChains(List.of("push"))).build());
    }

    static Transaction directoryPassword() {
        return start(user().directory().build(), factors(), request(), policy().allowing(allowPassword()).build());
    }

    // ---- one transaction per live state -----------------------------------------------------------

    static Transaction inUnauthenticated() {
        return password();
    }

    static Transaction inChainStep() {
        return run(chains(), verified("sms"));
    }

    static Transaction inMfaRequired() {
        return run(passwordThenMfa(), verified("password"));
    }

    static Transaction inChallengeFirstStep() {
        return run(chains(), challenged("sms"));
    }

    static Transaction inChallengeMfa() {
        return run(inMfaRequired(), challenged("push"));
    }

    static Transaction inEnroll() {
        return run(passwordThenEnroll(), verified("password"));
    }

    static Transaction inEnrollActivate() {
        return run(inEnroll(), new FlowEvent.Enrolled(TOTP, true));
    }

    /** MFA_ENROLL again after TOTP (REQUIRED) was activated: only the OPTIONAL question is left; skip is offered. */
    static Transaction inEnrollOptionalLeft() {
        return run(passwordThenEnrollMultiOptional(), verified("password"), new FlowEvent.Enrolled(TOTP, true),
                new FlowEvent.Activated(TOTP));
    }

    static Transaction inPasswordExpired() {
        return run(expiredPassword(), verified("password"));
    }

    static Transaction inPasswordWarn() {
        return run(warnPassword(), verified("password"));
    }

    static Transaction awaitingRecheck() {
        return run(password(), verified("password"));
    }

    static Transaction directoryPasswordlessAwaiting() {
        return run(directoryPasswordless(), verified("push"));
    }
}
