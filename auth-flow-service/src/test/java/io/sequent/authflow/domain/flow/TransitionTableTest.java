package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.flow.Flows.TOTP;
import static io.sequent.authflow.domain.flow.Flows.challenged;
import static io.sequent.authflow.domain.flow.Flows.run;
import static io.sequent.authflow.domain.flow.Flows.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.authflow.domain.flow.FlowEvent.Activated;
import io.sequent.authflow.domain.flow.FlowEvent.Cancel;
import io.sequent.authflow.domain.flow.FlowEvent.Enrolled;
import io.sequent.authflow.domain.flow.FlowEvent.FactorFailed;
import io.sequent.authflow.domain.flow.FlowEvent.FactorVerified;
import io.sequent.authflow.domain.flow.FlowEvent.LockOut;
import io.sequent.authflow.domain.flow.FlowEvent.PasswordChanged;
import io.sequent.authflow.domain.flow.FlowEvent.Previous;
import io.sequent.authflow.domain.flow.FlowEvent.PrimaryAuthSucceeded;
import io.sequent.authflow.domain.flow.FlowEvent.Refuse;
import io.sequent.authflow.domain.flow.FlowEvent.Skip;
import io.sequent.authflow.domain.flow.FlowEvent.StateRead;
import io.sequent.authflow.domain.flow.FlowEvent.StatusRechecked;
import io.sequent.authflow.domain.policy.RefusalReason;
import io.sequent.events.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the transition table in README.md beside SignInFlow. {@code RECHECK} is the
 * transient "every step done, S2 status read pending" mark that only StatusRechecked resolves.
 */
class TransitionTableTest {

    static final String RECHECK = "RECHECK";

    record Row(String from, FlowEvent event, String to, RefusalReason refusal, String why,
               Supplier<Transaction> given) {
        @Override
        public String toString() {
            return from + " --" + event.getClass().getSimpleName() + "--> " + to + " [" + why + "]";
        }
    }

    static Row row(String from, FlowEvent e, String to, String why, Supplier<Transaction> given) {
        return new Row(from, e, to, null, why, given);
    }

    static Row refused(String from, FlowEvent e, RefusalReason r, String why, Supplier<Transaction> given) {
        return new Row(from, e, "CANCELLED", r, why, given);
    }

    static String label(Transaction t) {
        return t.awaitingStatusRecheck() ? RECHECK : t.state().name();
    }

    static Stream<Row> table() {
        List<Row> rows = new ArrayList<>(List.of(
                // UNAUTHENTICATED
                row("UNAUTHENTICATED", verified("password"), RECHECK, "password flow, no MFA", Flows::password),
                row("UNAUTHENTICATED", verified("password"), "MFA_REQUIRED", "MFA needed, user holds a method", Flows::passwordThenMfa),
                row("UNAUTHENTICATED", verified("password"), "MFA_ENROLL", "MFA needed, nothing held, enrollable", Flows::passwordThenEnroll),
                refused("UNAUTHENTICATED", verified("password"), RefusalReason.MFA_UNSATISFIABLE, "MFA needed, nothing held or enrollable", Flows::passwordNoWayToMfa),
                row("UNAUTHENTICATED", new FactorVerified("password", true), "PASSWORD_EXPIRED", "bind says expired", Flows::password),
                row("UNAUTHENTICATED", verified("password"), "PASSWORD_EXPIRED", "directory flags expired", Flows::expiredPassword),
                row("UNAUTHENTICATED", verified("password"), "PASSWORD_WARN", "inside the warning period", Flows::warnPassword),
                row("UNAUTHENTICATED", verified("sms"), "MFA_REQUIRED", "chain goes on", Flows::chains),
                row("UNAUTHENTICATED", verified("push"), RECHECK, "single-factor chain done", Flows::directoryPasswordless),
                row("UNAUTHENTICATED", verified("push"), "MFA_REQUIRED", "chain done, MFA needs one more", Flows::pushChainThenMfa),
                row("UNAUTHENTICATED", challenged("sms"), "MFA_CHALLENGE", "challenge an offered factor", Flows::chains),
                row("UNAUTHENTICATED", new FactorFailed("password"), "UNAUTHENTICATED", "wrong password", Flows::password),
                row("UNAUTHENTICATED", new PrimaryAuthSucceeded(), RECHECK, "federated, no MFA", Flows::federated),
                row("UNAUTHENTICATED", new PrimaryAuthSucceeded(), "MFA_REQUIRED", "federated, org MFA", Flows::federatedWithOrgMfa),
                // MFA_REQUIRED: next chain step
                row("MFA_REQUIRED", verified("push"), RECHECK, "chain completed", Flows::inChainStep),
                refused("MFA_REQUIRED", verified("push"), RefusalReason.NO_ENROLLED_NEXT_FACTOR, "next chain factor not held",
                        () -> run(Flows.chainMissingLast(), verified("sms"))),
                row("MFA_REQUIRED", challenged("push"), "MFA_CHALLENGE", "challenge the next chain factor", Flows::inChainStep),
                row("MFA_REQUIRED", new FactorFailed("push"), "MFA_REQUIRED", "wrong code", Flows::inChainStep),
                // MFA_REQUIRED: MFA after primary authentication
                row("MFA_REQUIRED", verified("push"), RECHECK, "MFA satisfied", Flows::inMfaRequired),
                row("MFA_REQUIRED", verified("push"), "PASSWORD_EXPIRED", "MFA comes before PASSWORD_EXPIRED",
                        () -> run(Flows.expiredPasswordWithMfa(), verified("password"))),
                row("MFA_REQUIRED", verified("push"), RECHECK, "federated + MFA satisfied",
                        () -> run(Flows.federatedWithOrgMfa(), new PrimaryAuthSucceeded())),
                row("MFA_REQUIRED", verified("push"), RECHECK,
                        "MFA satisfied by a held factor: not stopped for a REQUIRED method not held (S9, S11)",
                        () -> run(Flows.heldPushThenRequiredTotp(), verified("password"))),
                row("MFA_REQUIRED", verified("push"), RECHECK,
                        "held factors, multiOptionalFactorEnroll: still not stopped to enroll (S11)",
                        () -> run(Flows.heldPushThenRequiredTotpMultiOptional(), verified("password"))),
                row("MFA_REQUIRED", verified("push"), RECHECK,
                        "chain of held factors completed and satisfies MFA, a REQUIRED method not held: not stopped (S11)",
                        () -> run(Flows.chainThenRequiredTotp(), verified("sms"))),
                // MFA_CHALLENGE
                row("MFA_CHALLENGE", verified("sms"), "MFA_REQUIRED", "first chain step verified", Flows::inChallengeFirstStep),
                row("MFA_CHALLENGE", verified("push"), RECHECK, "MFA factor verified", Flows::inChallengeMfa),
                row("MFA_CHALLENGE", verified("push"), RECHECK,
                        "MFA satisfied by a held factor: not stopped for a REQUIRED method not held (S9, S11)",
                        () -> run(Flows.heldPushThenRequiredTotp(), verified("password"), challenged("push"))),
                row("MFA_CHALLENGE", new FactorFailed("push"), "MFA_CHALLENGE", "wrong code / push rejected", Flows::inChallengeMfa),
                row("MFA_CHALLENGE", challenged("push"), "MFA_CHALLENGE", "resend / poll while waiting", Flows::inChallengeMfa),
                row("MFA_CHALLENGE", new Previous(), "UNAUTHENTICATED", "back to the first step", Flows::inChallengeFirstStep),
                row("MFA_CHALLENGE", new Previous(), "MFA_REQUIRED", "back to the factor list", Flows::inChallengeMfa),
                // MFA_ENROLL, MFA_ENROLL_ACTIVATE
                row("MFA_ENROLL", new Enrolled(TOTP, true), "MFA_ENROLL_ACTIVATE", "factor needs activation", Flows::inEnroll),
                row("MFA_ENROLL", new Enrolled("question", false), "MFA_ENROLL",
                        "OPTIONAL, usable at once, satisfies MFA; enrolling, so back while a REQUIRED method is missing (S11)",
                        Flows::inEnroll),
                row("MFA_ENROLL", new Enrolled("question", false), RECHECK, "usable at once, MFA satisfied, nothing REQUIRED missing",
                        () -> run(Flows.passwordThenEnrollAllOptional(), verified("password"))),
                row("MFA_ENROLL", new Enrolled("question", false), "MFA_ENROLL", "multiOptionalFactorEnroll, an OPTIONAL method left",
                        () -> run(Flows.passwordThenEnrollAllOptionalMultiOptional(), verified("password"))),
                row("MFA_ENROLL", new Skip(), RECHECK, "skip published: MFA satisfied, only OPTIONAL left", Flows::inEnrollOptionalLeft),
                row("MFA_ENROLL", new Skip(), "PASSWORD_EXPIRED", "skip, then the routing of any step",
                        () -> run(Flows.expiredPasswordThenEnrollAllOptionalMultiOptional(), verified("password"),
                                new Enrolled("question", false))),
                row("MFA_ENROLL_ACTIVATE", new Activated(TOTP), RECHECK, "activated, MFA satisfied, no multiOptionalFactorEnroll",
                        Flows::inEnrollActivate),
                row("MFA_ENROLL_ACTIVATE", new Activated(TOTP), "MFA_ENROLL", "multiOptionalFactorEnroll, an OPTIONAL method left",
                        () -> run(Flows.passwordThenEnrollMultiOptional(), verified("password"), new Enrolled(TOTP, true))),
                row("MFA_ENROLL_ACTIVATE", new Activated(TOTP), RECHECK, "multiOptionalFactorEnroll, nothing left to enroll",
                        () -> run(Flows.passwordThenEnrollOnlyRequiredMultiOptional(), verified("password"), new Enrolled(TOTP, true))),
                row("MFA_ENROLL_ACTIVATE", new Activated(TOTP), "MFA_ENROLL", "a REQUIRED method still missing, without the option too",
                        () -> run(Flows.passwordThenEnrollTwoRequired(), verified("password"), new Enrolled(TOTP, true))),
                row("MFA_ENROLL_ACTIVATE", new Activated(TOTP), "MFA_ENROLL",
                        "OPTIONAL activated, satisfies MFA; enrolling, so back while a REQUIRED method is missing (S11)",
                        () -> run(Flows.passwordThenEnrollOptionalTotpRequiredQuestion(), verified("password"), new Enrolled(TOTP, true))),
                row("MFA_ENROLL_ACTIVATE", new Previous(), "MFA_ENROLL", "choose another factor", Flows::inEnrollActivate),
                // PASSWORD_EXPIRED, PASSWORD_WARN
                row("PASSWORD_EXPIRED", new PasswordChanged(), RECHECK, "changed", Flows::inPasswordExpired),
                row("PASSWORD_WARN", new PasswordChanged(), RECHECK, "changed", Flows::inPasswordWarn),
                row("PASSWORD_WARN", new Skip(), RECHECK, "skipped", Flows::inPasswordWarn),
                // RECHECK (S2 just before SUCCESS)
                row(RECHECK, new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL), "SUCCESS", "local user", Flows::awaitingRecheck),
                row(RECHECK, new StatusRechecked(UserStatus.ACTIVE, StatusSource.READ_MODEL), "SUCCESS", "directory user, bind checked",
                        () -> run(Flows.directoryPassword(), verified("password"))),
                row(RECHECK, new StatusRechecked(UserStatus.ACTIVE, StatusSource.LIVE_DIRECTORY), "SUCCESS", "live read", Flows::directoryPasswordlessAwaiting),
                row(RECHECK, new StatusRechecked(UserStatus.ACTIVE, StatusSource.LAST_IMPORTED), "SUCCESS", "directory down, last imported", Flows::directoryPasswordlessAwaiting),
                refused(RECHECK, new StatusRechecked(UserStatus.DISABLED, StatusSource.READ_MODEL), RefusalReason.USER_DISABLED, "disabled meanwhile", Flows::awaitingRecheck),
                refused(RECHECK, new StatusRechecked(UserStatus.DISABLED, StatusSource.LIVE_DIRECTORY), RefusalReason.USER_DISABLED, "disabled in AD, not imported yet", Flows::directoryPasswordlessAwaiting),
                refused(RECHECK, new StatusRechecked(UserStatus.DELETED, StatusSource.READ_MODEL), RefusalReason.USER_DELETED, "deleted meanwhile", Flows::awaitingRecheck),
                row(RECHECK, new StatusRechecked(UserStatus.LOCKED_OUT, StatusSource.LIVE_DIRECTORY), "LOCKED_OUT", "locked in AD", Flows::directoryPasswordlessAwaiting),
                refused(RECHECK, new StatusRechecked(null, StatusSource.UNREACHABLE), RefusalReason.STATUS_UNVERIFIABLE, "directory down, setting refuse", Flows::directoryPasswordlessAwaiting)));
        // Every live state: cancel, refuse, lock out, read.
        for (Supplier<Transaction> live : List.<Supplier<Transaction>>of(Flows::inUnauthenticated, Flows::inChainStep,
                Flows::inMfaRequired, Flows::inChallengeMfa, Flows::inEnroll, Flows::inEnrollActivate,
                Flows::inEnrollOptionalLeft, Flows::inPasswordExpired, Flows::inPasswordWarn, Flows::awaitingRecheck)) {
            String from = label(live.get());
            rows.add(row(from, new Cancel(), "CANCELLED", "client cancels", live));
            rows.add(refused(from, new Refuse(RefusalReason.USER_DISABLED), RefusalReason.USER_DISABLED, "user.disabled event", live));
            rows.add(row(from, new LockOut(), "LOCKED_OUT", "bind locked / too many failures", live));
            rows.add(row(from, new StateRead(), from, "read slides the expiry", live));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void everyRowOfTheTable(Row row) {
        Transaction before = row.given().get();
        assertThat(label(before)).as("row's starting state").isEqualTo(row.from());
        Transaction after = SignInFlow.transition(before, row.event(), Fixtures.CLOCK);
        assertThat(label(after)).isEqualTo(row.to());
        assertThat(after.refusal()).isEqualTo(row.refusal());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.relayState()).isEqualTo("/after");
        if (after.state() == FlowState.CANCELLED) {
            assertThat(after.ending()).isEqualTo(row.refusal() == null
                    ? Transaction.Ending.CANCELLED_BY_CLIENT : Transaction.Ending.REFUSED);
        }
    }
}
