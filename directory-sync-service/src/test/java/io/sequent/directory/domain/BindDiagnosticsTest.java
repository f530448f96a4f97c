package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindDiagnosticsTest {

    static String ad(String code) {
        return "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data " + code + ", v1db1";
    }

    @ParameterizedTest
    @CsvSource({
            "525, NO_SUCH_USER",
            "52e, INVALID_CREDENTIALS",
            "52E, INVALID_CREDENTIALS",
            "530, NOT_PERMITTED_NOW",
            "531, NOT_PERMITTED_NOW",
            "532, PASSWORD_EXPIRED",
            "533, DISABLED",
            "701, ACCOUNT_EXPIRED",
            "773, MUST_CHANGE_PASSWORD",
            "775, LOCKED_OUT",
            "568, INVALID_CREDENTIALS"})
    void mapsEveryAdSubCode(String code, BindOutcome expected) {
        assertThat(BindDiagnostics.classify(49, ad(code))).contains(expected);
    }

    @Test
    void invalidCredentialsWithoutSubCodeIsInvalid() {
        assertThat(BindDiagnostics.classify(49, null)).contains(BindOutcome.INVALID_CREDENTIALS);
        assertThat(BindDiagnostics.classify(49, "invalid credentials")).contains(BindOutcome.INVALID_CREDENTIALS);
    }

    @Test
    void otherResultCodesAreNotAnswersAboutTheAccount() {
        assertThat(BindDiagnostics.classify(81, "connect error")).isEmpty();
        assertThat(BindDiagnostics.classify(51, ad("775"))).isEmpty();
        assertThat(BindDiagnostics.classify(0, null)).isEmpty();
    }

    @Test
    void readsTheSubCodeOnly() {
        assertThat(BindDiagnostics.subCode(ad("773"))).contains("773");
        assertThat(BindDiagnostics.subCode("LdapErr: DSID-0C0903A9")).isEmpty();
    }
}
