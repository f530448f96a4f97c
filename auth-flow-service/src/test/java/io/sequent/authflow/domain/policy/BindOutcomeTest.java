package io.sequent.authflow.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** S6: the AD bind result decides; design §5 sub-codes. */
class BindOutcomeTest {

    @ParameterizedTest(name = "AD sub-code in \"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 525, v4563 | NO_SUCH_USER",
            "80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v4563 | INVALID_CREDENTIALS",
            "AcceptSecurityContext error, data 52E, v3839 | INVALID_CREDENTIALS",
            "AcceptSecurityContext error, data 530, v4563 | NOT_PERMITTED",
            "AcceptSecurityContext error, data 531, v4563 | NOT_PERMITTED",
            "AcceptSecurityContext error, data 532, v4563 | PASSWORD_EXPIRED",
            "AcceptSecurityContext error, data 533, v4563 | DISABLED",
            "AcceptSecurityContext error, data 701, v4563 | ACCOUNT_EXPIRED",
            "AcceptSecurityContext error, data 773, v4563 | MUST_CHANGE",
            "AcceptSecurityContext error, data 775, v4563 | LOCKED",
            "AcceptSecurityContext error, data 999, v4563 | INVALID_CREDENTIALS",
            "invalid credentials | INVALID_CREDENTIALS",
    })
    void readsTheDiagnosticSubCode(String diagnostic, BindOutcome expected) {
        assertThat(BindOutcome.fromAdDiagnostic(diagnostic)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aMissingDiagnosticIsAnInvalidCredentialNeverASuccess() {
        assertThat(BindOutcome.fromAdDiagnostic(null)).isEqualTo(BindOutcome.INVALID_CREDENTIALS);
    }

    @ParameterizedTest(name = "S6 bind {0} means {1}")
    @CsvSource({
            "SUCCESS, Verified, false, ",
            "PASSWORD_EXPIRED, Verified, true, ",
            "MUST_CHANGE, Verified, true, ",
            "INVALID_CREDENTIALS, Failed, false, ",
            "NO_SUCH_USER, Failed, false, ",
            "DISABLED, Refused, true, DIRECTORY_DISABLED",
            "ACCOUNT_EXPIRED, Refused, false, DIRECTORY_ACCOUNT_EXPIRED",
            "NOT_PERMITTED, Refused, false, DIRECTORY_NOT_PERMITTED",
            "LOCKED, LockedOut, false, ",
    })
    void bindOutcomesMapToSignInResults(BindOutcome outcome, String kind, boolean flag, RefusalReason reason) {
        PasswordResult result = outcome.interpret();
        assertThat(result.getClass().getSimpleName()).isEqualTo(kind);
        if (result instanceof PasswordResult.Verified v) {
            assertThat(v.expired()).as("expired").isEqualTo(flag);
        }
        if (result instanceof PasswordResult.Refused r) {
            assertThat(r.publishUserDisabled()).as("publish user.disabled").isEqualTo(flag);
            assertThat(r.reason()).isEqualTo(reason);
        }
    }

    @ParameterizedTest
    @EnumSource(BindOutcome.class)
    void onlyASuccessfulOrExpiredBindVerifiesThePassword(BindOutcome outcome) {
        boolean verified = outcome.interpret() instanceof PasswordResult.Verified;
        assertThat(verified).isEqualTo(outcome == BindOutcome.SUCCESS || outcome == BindOutcome.PASSWORD_EXPIRED
                || outcome == BindOutcome.MUST_CHANGE);
    }
}
