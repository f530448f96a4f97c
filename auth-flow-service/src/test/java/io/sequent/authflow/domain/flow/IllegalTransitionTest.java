package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.flow.Flows.TOTP;
import static io.sequent.authflow.domain.flow.Flows.challenged;
import static io.sequent.authflow.domain.flow.Flows.run;
import static io.sequent.authflow.domain.flow.Flows.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.authflow.domain.flow.FlowEvent.Activated;
import io.sequent.authflow.domain.flow.FlowEvent.Cancel;
import io.sequent.authflow.domain.flow.FlowEvent.Enrolled;
import io.sequent.authflow.domain.flow.FlowEvent.FactorFailed;
import io.sequent.authflow.domain.flow.FlowEvent.LockOut;
import io.sequent.authflow.domain.flow.FlowEvent.PasswordChanged;
import io.sequent.authflow.domain.flow.FlowEvent.Previous;
import io.sequent.authflow.domain.flow.FlowEvent.PrimaryAuthSucceeded;
import io.sequent.authflow.domain.flow.FlowEvent.Skip;
import io.sequent.authflow.domain.flow.FlowEvent.StateRead;
import io.sequent.authflow.domain.flow.FlowEvent.StatusRechecked;
import io.sequent.authflow.domain.policy.RefusalReason;
import io.sequent.events.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything the table does not allow: no step skipped, repeated or reordered (S4); dead tokens. */
class IllegalTransitionTest {

    record Row(String why, Supplier<Transaction> given, FlowEvent event) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Row row(String why, Supplier<Transaction> given, FlowEvent event) {
        return new Row(why, given, event);
    }

    static Stream<Row> illegal() {
        List<Row> rows = new ArrayList<>(List.of(
                row("S4 reorder: the second factor of [sms, push] first", Flows::singleChain, verified("push")),
                row("S4 repeat: sms verified twice", () -> run(Flows.chains(), verified("sms")), verified("sms")),
                row("S4 skip: [sms, push, question] jumping to question", () -> run(Flows.chainMissingLast(), verified("sms")),
                        verified("question")),
                row("S4 a first factor the user does not hold", Flows::singleChain, verified("question")),
                row("S4 challenge a factor that is not offered", Flows::singleChain, challenged("push")),
                row("S4 fail a factor that is not offered", Flows::singleChain, new FactorFailed("push")),
                row("MFA_CHALLENGE verify another factor than the challenged one", Flows::inChallengeFirstStep, verified("push")),
                row("MFA_CHALLENGE challenge another factor", Flows::inChallengeFirstStep, challenged("push")),
                row("S9 repeat the password as MFA", Flows::inMfaRequired, verified("password")),
                row("S9 a method the user does not hold", Flows::inMfaRequired, verified(TOTP)),
                row("S9 MFA_ENROLL only after primary authentication: enroll at the first step", Flows::passwordThenEnroll,
                        new Enrolled(TOTP, true)),
                row("MFA_ENROLL a method the enrollment policy does not allow", Flows::inEnroll, new Enrolled("push", true)),
                row("MFA_ENROLL verify instead of enrolling", Flows::inEnroll, verified(TOTP)),
                row("MFA_ENROLL_ACTIVATE activate another factor", Flows::inEnrollActivate, new Activated("question")),
                row("MFA_ENROLL activate before enrolling", Flows::inEnroll, new Activated(TOTP)),
                row("S9 skip MFA_ENROLL before MFA is satisfied, though every method is OPTIONAL",
                        () -> run(Flows.passwordThenEnrollAllOptionalMultiOptional(), verified("password")), new Skip()),
                row("S11 skip MFA_ENROLL while a REQUIRED method is missing, MFA satisfied",
                        () -> run(Flows.passwordThenEnrollTwoRequiredMultiOptional(), verified("password"),
                                new Enrolled(TOTP, true), new Activated(TOTP)), new Skip()),
                row("S11 skip MFA_ENROLL after an OPTIONAL enrollment satisfied MFA, a REQUIRED method missing",
                        () -> run(Flows.inEnroll(), new Enrolled("question", false)), new Skip()),
                row("S11 MFA satisfied by held factors: enrolling the REQUIRED method they lack is no step of this sign-in",
                        () -> run(Flows.heldPushThenRequiredTotp(), verified("password"), verified("push")),
                        new Enrolled(TOTP, true)),
                row("MFA_ENROLL enroll a method the user already holds", Flows::inEnrollOptionalLeft, new Enrolled(TOTP, true)),
                row("S5 primary auth by an IdP in a chain flow", Flows::password, new PrimaryAuthSucceeded()),
                row("S5 primary auth by an IdP twice", () -> run(Flows.federatedWithOrgMfa(), new PrimaryAuthSucceeded()),
                        new PrimaryAuthSucceeded()),
                row("S5 a federated sign-in prompts no chain factor", Flows::federated, verified("password")),
                row("S2/S13 SUCCESS while steps remain", Flows::inMfaRequired,
                        new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL)),
                row("S2 passwordless directory user: the read model is not enough before SUCCESS",
                        Flows::directoryPasswordlessAwaiting, new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL)),
                row("S2 every step done: nothing but the recheck", Flows::awaitingRecheck, verified("push")),
                row("S2 every step done: no password change", Flows::awaitingRecheck, new PasswordChanged()),
                row("PASSWORD_EXPIRED cannot be skipped", Flows::inPasswordExpired, new Skip()),
                row("PASSWORD_EXPIRED verify instead of changing", Flows::inPasswordExpired, verified("push"))));
        for (Supplier<Transaction> s : List.<Supplier<Transaction>>of(Flows::inUnauthenticated, Flows::inMfaRequired,
                Flows::inEnroll, Flows::inPasswordExpired, Flows::inPasswordWarn)) {
            rows.add(row("Previous in " + s.get().state(), s, new Previous()));
        }
        for (Supplier<Transaction> s : List.<Supplier<Transaction>>of(Flows::inUnauthenticated, Flows::inMfaRequired,
                Flows::inChallengeMfa, Flows::inEnroll, Flows::inEnrollActivate)) {
            rows.add(row("Skip in " + s.get().state(), s, new Skip()));
            rows.add(row("PasswordChanged in " + s.get().state(), s, new PasswordChanged()));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegal")
    void isAnIllegalTransition(Row row) {
        Transaction before = row.given().get();
        assertThatThrownBy(() -> SignInFlow.transition(before, row.event(), Fixtures.CLOCK))
                .isInstanceOf(IllegalTransition.class)
                .satisfies(e -> assertThat(((IllegalTransition) e).state()).isEqualTo(before.state()));
    }

    static Stream<Object[]> finished() {
        List<Supplier<Transaction>> ends = List.of(
                () -> run(Flows.awaitingRecheck(), new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL)),
                () -> run(Flows.password(), new LockOut()),
                () -> run(Flows.password(), new Cancel()),
                () -> run(Flows.password(), new FlowEvent.Refuse(RefusalReason.DIRECTORY_DISABLED)));
        List<FlowEvent> events = List.of(new StateRead(), new Cancel(), verified("password"), new Previous(),
                new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL));
        List<Object[]> rows = new ArrayList<>();
        for (Supplier<Transaction> end : ends) {
            for (FlowEvent e : events) {
                Transaction t = end.get();
                rows.add(new Object[] {t.state() + " then " + e.getClass().getSimpleName(), t, e});
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: the token is dead")
    @MethodSource("finished")
    void aFinishedTransactionAcceptsNothing(String name, Transaction t, FlowEvent e) {
        assertThatThrownBy(() -> SignInFlow.transition(t, e, Fixtures.CLOCK))
                .isInstanceOf(DeadTransaction.class)
                .satisfies(x -> assertThat(((DeadTransaction) x).why()).isEqualTo(DeadTransaction.Why.FINISHED));
    }

    static Clock at(Duration later) {
        return Clock.fixed(Fixtures.NOW.plus(later), ZoneOffset.UTC);
    }

    @org.junit.jupiter.api.Test
    void s13TransactionsExpireAfterFiveMinutesByDefault() {
        Transaction t = Flows.password();
        assertThat(t.expiresAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> SignInFlow.transition(t, new StateRead(), at(Duration.ofMinutes(5))))
                .isInstanceOf(DeadTransaction.class)
                .satisfies(x -> assertThat(((DeadTransaction) x).why()).isEqualTo(DeadTransaction.Why.EXPIRED));
        assertThat(SignInFlow.transition(t, new StateRead(), at(Duration.ofSeconds(299))).state())
                .isEqualTo(FlowState.UNAUTHENTICATED);
    }

    @org.junit.jupiter.api.Test
    void theLifetimeSlidesWithEveryRequest() {
        Transaction t = Flows.password();
        Transaction read = SignInFlow.transition(t, new StateRead(), at(Duration.ofMinutes(4)));
        assertThat(read.expiresAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(9)));
        Transaction failed = SignInFlow.transition(read, new FactorFailed("password"), at(Duration.ofMinutes(8)));
        assertThat(failed.expiresAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(13)));
        assertThat(failed.version()).isEqualTo(2);
        assertThatThrownBy(() -> SignInFlow.transition(failed, new StateRead(), at(Duration.ofMinutes(13))))
                .isInstanceOf(DeadTransaction.class);
    }
}
