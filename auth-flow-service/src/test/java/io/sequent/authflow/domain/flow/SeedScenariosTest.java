package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.user;
import static io.sequent.authflow.domain.flow.Flows.TOTP;
import static io.sequent.authflow.domain.flow.Flows.challenged;
import static io.sequent.authflow.domain.flow.Flows.run;
import static io.sequent.authflow.domain.flow.Flows.start;
import static io.sequent.authflow.domain.flow.Flows.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.authflow.domain.flow.FlowEvent.Activated;
import io.sequent.authflow.domain.flow.FlowEvent.Enrolled;
import io.sequent.authflow.domain.flow.FlowEvent.FactorVerified;
import io.sequent.authflow.domain.flow.FlowEvent.LockOut;
import io.sequent.authflow.domain.flow.FlowEvent.PasswordChanged;
import io.sequent.authflow.domain.flow.FlowEvent.PrimaryAuthSucceeded;
import io.sequent.authflow.domain.flow.FlowEvent.Refuse;
import io.sequent.authflow.domain.flow.FlowEvent.StatusRechecked;
import io.sequent.authflow.domain.policy.BindOutcome;
import io.sequent.authflow.domain.policy.PasswordResult;
import io.sequent.authflow.domain.policy.RefusalReason;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole sign-ins, evaluator then state machine, for the seeds' scenarios. */
class SeedScenariosTest {

    private static final StatusRechecked ACTIVE_LIVE = new StatusRechecked(UserStatus.ACTIVE, StatusSource.LIVE_DIRECTORY);
    private static final StatusRechecked ACTIVE = new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL);

    /** Maps a bind result to the event the API layer applies for a password step (S6). */
    private static FlowEvent passwordStep(BindOutcome outcome) {
        PasswordResult r = outcome.interpret();
        if (r instanceof PasswordResult.Verified v) {
            return new FactorVerified("password", v.expired());
        }
        if (r instanceof PasswordResult.Refused refused) {
            return new Refuse(refused.reason());
        }
        if (r instanceof PasswordResult.LockedOut) {
            return new LockOut();
        }
        return new FlowEvent.FactorFailed("password");
    }

    @Test
    void seed000EndUserExperienceIdThenFactorsOfTheSequenceThenSuccess() {
        Transaction t = Flows.chains();
        assertThat(t.state()).isEqualTo(FlowState.UNAUTHENTICATED);
        assertThat(t.offers()).containsExactly("sms", "push");
        t = run(t, challenged("sms"), verified("sms"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_REQUIRED);
        assertThat(t.offers()).containsExactly("push");
        t = run(t, challenged("push"), verified("push"));
        assertThat(t.awaitingStatusRecheck()).isTrue();
        assertThat(t.liveStatusRequired()).isFalse();
        t = run(t, ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.verified()).containsExactly("sms", "push");
        assertThat(t.ending()).isEqualTo(Transaction.Ending.SUCCEEDED);
    }

    @Test
    void seed000TheUserCanSelectOtherFactorsOfTheSequence() {
        Transaction t = run(Flows.chains(), verified("push"));
        assertThat(t.offers()).containsExactly("question");
        assertThat(run(t, verified("question"), ACTIVE).state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void seed000AUserDisabledInAdCannotSignInPasswordlessBeforeTheNextImport() {
        Transaction t = run(Flows.directoryPasswordless(), verified("push"));
        assertThat(t.liveStatusRequired()).isTrue();
        Transaction refused = run(t, new StatusRechecked(UserStatus.DISABLED, StatusSource.LIVE_DIRECTORY));
        assertThat(refused.state()).isEqualTo(FlowState.CANCELLED);
        assertThat(refused.refusal()).isEqualTo(RefusalReason.USER_DISABLED);
        assertThat(run(t, ACTIVE_LIVE).state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void seed000AUserWhoMustChangeTheAdPasswordSignsInPasswordlessWithoutAChange() {
        var expired = user().directory().member("acme").passwordExpired().build();
        var chains = policy().org("acme", new OrgMfa(false, null, null, null, false))
                .allowing(allowChains(List.of("push"))).build();
        Transaction t = run(start(expired, factors("push"), request(), chains), verified("push"), ACTIVE_LIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void s6EnforcePasswordExpiryWithoutPasswordSendsAPasswordlessUserToPasswordExpired() {
        var expired = user().directory().member("acme").passwordExpired().build();
        var chains = policy().org("acme", new OrgMfa(false, null, null, null, true))
                .allowing(allowChains(List.of("push"))).build();
        Transaction t = run(start(expired, factors("push"), request(), chains), verified("push"));
        assertThat(t.state()).isEqualTo(FlowState.PASSWORD_EXPIRED);
        assertThat(run(t, new PasswordChanged(), ACTIVE_LIVE).state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void s6AnExpiredAdPasswordInAPasswordChainGoesToPasswordExpiredThenSuccess() {
        Transaction t = run(Flows.directoryPassword(), passwordStep(BindOutcome.fromAdDiagnostic("data 532")));
        assertThat(t.state()).isEqualTo(FlowState.PASSWORD_EXPIRED);
        t = run(t, new PasswordChanged());
        assertThat(t.liveStatusRequired()).as("the bind checked the account").isFalse();
        assertThat(run(t, ACTIVE).state()).isEqualTo(FlowState.SUCCESS);
    }

    @Test
    void s6BindDisabledRefusesAndBindLockedLocksOut() {
        Transaction disabled = run(Flows.directoryPassword(), passwordStep(BindOutcome.DISABLED));
        assertThat(disabled.state()).isEqualTo(FlowState.CANCELLED);
        assertThat(disabled.refusal()).isEqualTo(RefusalReason.DIRECTORY_DISABLED);
        assertThat(run(Flows.directoryPassword(), passwordStep(BindOutcome.LOCKED)).state()).isEqualTo(FlowState.LOCKED_OUT);
        Transaction wrong = run(Flows.directoryPassword(), passwordStep(BindOutcome.INVALID_CREDENTIALS));
        assertThat(wrong.state()).isEqualTo(FlowState.UNAUTHENTICATED);
        assertThat(wrong.verified()).isEmpty();
    }

    @Test
    void s9MfaEnrollComesOnlyAfterPrimaryAuthenticationAndCountsAsVerified() {
        Transaction t = Flows.passwordThenEnroll();
        assertThat(t.state()).isEqualTo(FlowState.UNAUTHENTICATED);
        assertThat(t.offers()).containsExactly("password");
        t = run(t, verified("password"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(t.offers()).containsExactly(TOTP, "question");
        t = run(t, new Enrolled(TOTP, true));
        assertThat(t.offers()).containsExactly(TOTP);
        t = run(t, new Activated(TOTP), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.enrolledTypes()).contains(TOTP);
        assertThat(t.verified()).containsExactly("password", TOTP);
    }

    @Test
    void s5IwaSignInSkipsChainsButOrgMfaStillApplies() {
        Transaction t = run(Flows.federatedWithOrgMfa(), new PrimaryAuthSucceeded());
        assertThat(t.state()).isEqualTo(FlowState.MFA_REQUIRED);
        assertThat(t.offers()).containsExactly("push");
        t = run(t, challenged("push"), verified("push"), ACTIVE);
        assertThat(t.state()).isEqualTo(FlowState.SUCCESS);
        assertThat(t.verified()).containsExactly("federated:idp", "push");
    }

    @Test
    void s2ADisabledEventCancelsAnOpenTransaction() {
        Transaction t = run(Flows.inChainStep(), new Refuse(RefusalReason.USER_DISABLED));
        assertThat(t.state()).isEqualTo(FlowState.CANCELLED);
        assertThat(t.ending()).isEqualTo(Transaction.Ending.REFUSED);
    }

    @Test
    void s9APasswordAloneNeverSatisfiesMfa() {
        Transaction t = run(Flows.passwordThenMfa(), verified("password"));
        assertThat(t.state()).isEqualTo(FlowState.MFA_REQUIRED);
        assertThat(t.primaryComplete()).isTrue();
        assertThat(t.offers()).containsExactly("push");
    }

    @Test
    void s4AChainThatSatisfiesMfaNeedsNoExtraStep() {
        var p = policy().env(io.sequent.events.policy.PolicySnapshot.MfaMode.YES, "push")
                .allowing(allowChains(List.of("sms", "push"))).build();
        Transaction t = run(start(user().build(), factors("sms", "push"), request(), p), verified("sms"), verified("push"));
        assertThat(t.awaitingStatusRecheck()).isTrue();
    }
}
