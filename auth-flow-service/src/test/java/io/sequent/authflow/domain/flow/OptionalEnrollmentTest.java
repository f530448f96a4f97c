package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.flow.Flows.TOTP;
import static io.sequent.authflow.domain.flow.Flows.challenged;
import static io.sequent.authflow.domain.flow.Flows.run;
import static io.sequent.authflow.domain.flow.Flows.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.authflow.domain.flow.FlowEvent.Activated;
import io.sequent.authflow.domain.flow.FlowEvent.Enrolled;
import io.sequent.authflow.domain.flow.FlowEvent.Skip;
import io.sequent.authflow.domain.flow.FlowEvent.StatusRechecked;
import io.sequent.authflow.domain.policy.FlowPlan.EnrollChoice;
import io.sequent.events.UserStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S9 and S11 in MFA_ENROLL: each enrollable method is REQUIRED or OPTIONAL as the enrollment policy
 * says; a sign-in that enrolls (S9 sent it to MFA_ENROLL) leaves only with every REQUIRED method, while
 * one that satisfies MFA with factors already held is not stopped for those it lacks; skip is offered
 * only once MFA is satisfied and nothing REQUIRED is missing; and {@code multiOptionalFactorEnroll}
 * brings the sign-in back to MFA_ENROLL while OPTIONAL methods remain.
 */
class OptionalEnrollmentTest {

    private static final StatusRechecked ACTIVE = new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL);

    @Test
    void theCatalogueCarriesEachMethodsEnrollmentAndSkipWaitsForTheRequiredOne() {
        Transaction t = run(Flows.passwordThenEnrollMultiOptional(), verified("password"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.enrollChoices()).containsExactly(
                new EnrollChoice(TOTP, true, false), new EnrollChoice("question", false, false));
        assertThat(t.skippable()).isFalse();

        t = run(t, new Enrolled(TOTP, true), new Activated(TOTP));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.awaitingStatusRecheck()).isFalse();
        // the enrolled one is listed as held (ACTIVE); only the OPTIONAL one may still be enrolled
        assertThat(t.enrollChoices()).containsExactly(
                new EnrollChoice(TOTP, true, true), new EnrollChoice("question", false, false));
        assertThat(t.offers()).containsExactly("question");
        assertThat(t.skippable()).isTrue();

        t = run(t, new Skip(), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.verified()).containsExactly("password", TOTP);
        assertThat(t.enrolledTypes()).containsExactly(TOTP);
    }

    @Test
    void withTheOptionEveryOptionalMethodMayBeEnrolledInTurn() {
        Transaction t = run(Flows.passwordThenEnrollMultiOptional(), verified("password"), new Enrolled(TOTP, true),
                new Activated(TOTP), new Enrolled("question", false));
        // nothing is left to enroll: the sign-in goes on without a skip
        assertThat(t.awaitingStatusRecheck()).isTrue();
        assertThat(run(t, ACTIVE).state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.verified()).containsExactly("password", TOTP, "question");
    }

    @Test
    void withoutTheOptionTheSignInGoesOnOnceNothingRequiredIsMissing() {
        Transaction t = run(Flows.passwordThenEnroll(), verified("password"), new Enrolled(TOTP, true), new Activated(TOTP));
        assertThat(t.awaitingStatusRecheck()).isTrue();
        assertThat(run(t, ACTIVE).state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void aRequiredMethodBringsTheSignInBackToEnrollmentWithOrWithoutTheOption() {
        Transaction t = run(Flows.passwordThenEnrollTwoRequired(), verified("password"), new Enrolled("sms", true),
                new Activated("sms"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.skippable()).isFalse();
        assertThat(t.offers()).containsExactly(TOTP, "question");
        t = run(t, new Enrolled(TOTP, true), new Activated(TOTP));
        assertThat(t.awaitingStatusRecheck()).isTrue();
    }

    @Test
    void s9AllOptionalStillNeedsOneFactorBeforeSkipIsOffered() {
        Transaction t = run(Flows.passwordThenEnrollAllOptionalMultiOptional(), verified("password"));
        assertThat(t.enrollChoices()).extracting(EnrollChoice::required).containsOnly(false);
        assertThat(t.skippable()).isFalse();
        t = run(t, new Enrolled("question", false));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.skippable()).isTrue();
        assertThat(t.offers()).containsExactly(TOTP);
    }

    @Test
    void s11AUserWhoSatisfiesMfaWithHeldFactorsIsNotStoppedForARequiredMethodTheyLack() {
        for (Transaction start : List.of(Flows.heldPushThenRequiredTotp(), Flows.heldPushThenRequiredTotpMultiOptional())) {
            Transaction t = run(start, verified("password"));
            assertThat(t.state()).isEqualTo(FlowState.MFA_REQUIRED);
            assertThat(t.plan().missingRequiredEnrollments(t.enrolledTypes())).containsExactly(TOTP);
            t = run(t, challenged("push"), verified("push"));
            // push (held) satisfies MFA: S9 never sent this sign-in to MFA_ENROLL, so TOTP is not asked for
            assertThat(t.awaitingStatusRecheck()).isTrue();
            assertThat(t.enrollChoices()).isEmpty();
            t = run(t, ACTIVE);
            assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
            assertThat(t.verified()).containsExactly("password", "push");
            assertThat(t.enrolledTypes()).containsExactly("push");
        }
    }

    @Test
    void s11AChainOfHeldFactorsThatSatisfiesMfaIsNotStoppedEither() {
        Transaction t = run(Flows.chainThenRequiredTotp(), verified("sms"), verified("push"), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.plan().missingRequiredEnrollments(t.enrolledTypes())).containsExactly(TOTP);
    }

    @Test
    void s11OnceEnrollingAnOptionalMethodThatSatisfiesMfaDoesNotEndTheSignInWhileARequiredOneIsMissing() {
        Transaction t = run(Flows.passwordThenEnroll(), verified("password"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        t = run(t, new Enrolled("question", false));
        assertThat(t.plan().mfaSatisfied(t.verified())).isTrue();
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.enrollChoices()).containsExactly(
                new EnrollChoice(TOTP, true, false), new EnrollChoice("question", false, true));
        assertThat(t.offers()).containsExactly(TOTP);
        assertThat(t.skippable()).isFalse();
        Transaction withRequiredMissing = t;
        assertThatThrownBy(() -> run(withRequiredMissing, new Skip())).isInstanceOf(IllegalTransition.class);

        t = run(t, new Enrolled(TOTP, true), new Activated(TOTP), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.verified()).containsExactly("password", "question", TOTP);
        assertThat(t.enrolledTypes()).containsExactly("question", TOTP);
    }

    @Test
    void s11OnceEnrollingAnActivatedOptionalMethodBringsTheSignInBackForTheRequiredOne() {
        Transaction t = run(Flows.passwordThenEnrollOptionalTotpRequiredQuestion(), verified("password"),
                new Enrolled(TOTP, true), new Activated(TOTP));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.offers()).containsExactly("question");
        assertThat(t.skippable()).isFalse();
        t = run(t, new Enrolled("question", false), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void withoutMfaThereIsNothingToEnrollNorToSkip() {
        Transaction t = run(Flows.password(), verified("password"));
        assertThat(t.awaitingStatusRecheck()).isTrue();
        assertThat(t.enrollChoices()).isEmpty();
        assertThat(t.skippable()).isFalse();
    }

    @Test
    void passwordWarnIsSkippableAsBefore() {
        assertThat(Flows.inPasswordWarn().skippable()).isTrue();
        assertThat(Flows.inPasswordExpired().skippable()).isFalse();
    }
}
