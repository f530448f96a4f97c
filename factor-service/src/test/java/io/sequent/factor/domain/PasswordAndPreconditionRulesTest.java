package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordAndPreconditionRulesTest {

    @Test
    void aNewPasswordNeedsEightCharactersADifferenceAndNoUsername() {
        assertThat(PasswordRules.violation("old-password", "Seven77", "ada")).contains("the new password must hold at least 8 characters");
        assertThat(PasswordRules.violation("old-password", "old-password", "ada")).contains("the new password must differ from the old one");
        assertThat(PasswordRules.violation("old-password", "my-ADA.Lovelace-1", "ada.lovelace"))
                .contains("the new password must not contain the username");
        assertThat(PasswordRules.violation("old-password", "Eight888", "ada.lovelace")).isEmpty();
        assertThat(PasswordRules.violation("old-password", "Eight888", " ")).isEmpty();
    }

    @Test
    void ifMatchAcceptsAbsentStarAndAnyListedStrongOrWeakTagOfTheVersion() {
        assertThat(Preconditions.ifMatch(null, 3)).isTrue();
        assertThat(Preconditions.ifMatch(" * ", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("W/\"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"1\", \"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"2\"", 3)).isFalse();
        assertThat(Preconditions.ifMatch("garbage", 3)).isFalse();
    }
}
