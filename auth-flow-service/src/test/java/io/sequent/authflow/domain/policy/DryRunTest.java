package io.sequent.authflow.domain.policy;

import static io.sequent.authflow.domain.Fixtures.allowChains;
import static io.sequent.authflow.domain.Fixtures.allowPassword;
import static io.sequent.authflow.domain.Fixtures.decide;
import static io.sequent.authflow.domain.Fixtures.factors;
import static io.sequent.authflow.domain.Fixtures.orgMfa;
import static io.sequent.authflow.domain.Fixtures.policy;
import static io.sequent.authflow.domain.Fixtures.request;
import static io.sequent.authflow.domain.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;

/** S11 dry run of a proposed snapshot: who loses sign-in, whose MFA changes. */
class DryRunTest {

    private static final UserSnapshot SMS_USER = user().member("acme", "dev").build();

    static Stream<Arguments> proposals() {
        PolicySnapshot password = policy().allowing(allowPassword()).build();
        return Stream.of(
                Arguments.of("S11 a chain whose first factor the user lacks: loses sign-in", password,
                        policy().allowing(allowChains(List.of("push", "question"))).build(), DryRun.Impact.LOSES_SIGN_IN),
                Arguments.of("S11 back to a usable chain: gains sign-in",
                        policy().allowing(allowChains(List.of("push"))).build(),
                        policy().allowing(allowChains(List.of("sms", "push"))).build(), DryRun.Impact.GAINS_SIGN_IN),
                Arguments.of("S10 org enforcement turned on: MFA added", password,
                        policy().org("acme", orgMfa(true, null, null, null)).allowing(allowPassword()).build(),
                        DryRun.Impact.MFA_ADDED),
                Arguments.of("S10 org enforcement turned off (env NO): MFA removed",
                        policy().org("acme", orgMfa(true, null, null, null)).allowing(allowPassword()).build(),
                        password, DryRun.Impact.MFA_REMOVED),
                Arguments.of("S8 org methods changed: methods changed",
                        policy().env(MfaMode.YES, "sms").allowing(allowPassword()).build(),
                        policy().env(MfaMode.YES, "sms").org("acme", orgMfa(true, List.of("push"), null, null))
                                .allowing(allowPassword()).build(), DryRun.Impact.MFA_METHODS_CHANGED),
                Arguments.of("same snapshot: unchanged", password, password, DryRun.Impact.UNCHANGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proposals")
    void compares(String name, PolicySnapshot current, PolicySnapshot proposed, DryRun.Impact impact) {
        Decision now = decide(SMS_USER, factors("sms"), request(), current);
        Decision then = decide(SMS_USER, factors("sms"), request(), proposed);
        assertThat(DryRun.compare(now, then)).isEqualTo(impact);
    }
}
