package io.sequent.authflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmrTest {

    @Test
    void mapsFactorTypesToRfc8176Values() {
        assertThat(Amr.of(List.of("password"))).containsExactly("pwd");
        assertThat(Amr.of(List.of("sms", "push"))).containsExactly("sms", "swk", "mfa");
        assertThat(Amr.of(List.of("push", "question"))).containsExactly("swk", "kba", "mfa");
        assertThat(Amr.of(List.of("token:software:totp", "email"))).containsExactly("otp", "mfa");
        assertThat(Amr.of(List.of("webauthn"))).containsExactly("hwk");
        assertThat(Amr.of(List.of("call"))).containsExactly("tel");
    }

    @Test
    void aFederatedPrimaryIsFedAndCountsAsOneOfTheTwoFactorsOfS9() {
        assertThat(Amr.of(List.of("federated:idp"))).containsExactly("fed");
        assertThat(Amr.of(List.of("federated:iwa"))).containsExactly("fed", "wia");
        assertThat(Amr.of(List.of("federated:idp", "sms"))).containsExactly("fed", "sms", "mfa");
    }
}
