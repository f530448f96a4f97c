package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S10 (and the S7 reminder) on org MFA changes; S12's "uses org-level MFA". */
class OrgMfaChangeTest {

    private static final OrgMfa ON = new OrgMfa(true, null, List.of(), List.of(), false);
    private static final OrgMfa OFF = new OrgMfa(false, null, List.of(), List.of(), false);
    private static final OrgMfa OFF_WITH_EXEMPTION = new OrgMfa(false, null, List.of("viewer"), List.of(), false);

    @Test
    void switchingOffWhileTheEnvironmentIsYesIsRefusedNamingTheSetting() {
        var outcome = OrgMfaChange.check(MfaMode.YES, ON, OFF);
        assertThat(outcome).isInstanceOfSatisfying(OrgMfaChange.Refused.class, r -> {
            assertThat(r.setting()).isEqualTo("environment.mfa.mode");
            assertThat(r.detail()).contains("S10").contains("YES");
        });
    }

    @Test
    void switchingOffOtherwiseIsAcceptedWithAWarning() {
        for (MfaMode mode : List.of(MfaMode.NO, MfaMode.OPTIONAL)) {
            var outcome = OrgMfaChange.check(mode, ON, OFF);
            assertThat(outcome).isInstanceOfSatisfying(OrgMfaChange.Accepted.class,
                    a -> assertThat(a.warnings()).extracting(Warning::rule).containsExactly("S10"));
        }
    }

    @Test
    void changingExemptionsWhileOffUnderYesIsAccepted() {
        assertThat(OrgMfaChange.check(MfaMode.YES, OFF, OFF_WITH_EXEMPTION)).isInstanceOf(OrgMfaChange.Accepted.class);
    }

    @Test
    void firstSettingStartingOffIsNotASwitchOff() {
        assertThat(OrgMfaChange.check(MfaMode.YES, null, OFF))
                .isInstanceOfSatisfying(OrgMfaChange.Accepted.class, a -> assertThat(a.warnings()).isEmpty());
    }

    @Test
    void enforcingUnderYesRemindsThatTheEnvironmentAlreadyRequiresMfa() {
        assertThat(OrgMfaChange.check(MfaMode.YES, OFF, ON)).isInstanceOfSatisfying(OrgMfaChange.Accepted.class,
                a -> assertThat(a.warnings()).extracting(Warning::rule).containsExactly("S7"));
        assertThat(OrgMfaChange.check(MfaMode.NO, OFF, ON)).isInstanceOfSatisfying(OrgMfaChange.Accepted.class,
                a -> assertThat(a.warnings()).isEmpty());
    }

    @Test
    void anOrgUsesOrgLevelMfaWhenItSetsAnythingOfItsOwn() {
        assertThat(OrgMfaChange.usesOrgMfa(OFF)).isFalse();
        assertThat(OrgMfaChange.usesOrgMfa(null)).isFalse();
        assertThat(OrgMfaChange.usesOrgMfa(ON)).isTrue();
        assertThat(OrgMfaChange.usesOrgMfa(OFF_WITH_EXEMPTION)).isTrue();
        assertThat(OrgMfaChange.usesOrgMfa(new OrgMfa(false, List.of("sms"), null, null, false))).isTrue();
        assertThat(OrgMfaChange.usesOrgMfa(new OrgMfa(false, null, null, List.of("okta"), false))).isTrue();
        assertThat(OrgMfaChange.usesOrgMfa(new OrgMfa(false, null, null, null, true))).isTrue();
    }
}
