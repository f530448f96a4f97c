package io.sequent.authflow.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S1: a decoy's factors name the providers real factors of their types name. */
class FactorTypesTest {

    @Test
    void decoysShowTheProviderFactorServiceEnrollsEachTypeWith() {
        assertThat(FactorTypes.provider("token:software:totp")).isEqualTo("GOOGLE");
        assertThat(FactorTypes.provider("webauthn")).isEqualTo("FIDO");
        for (String type : new String[] {"sms", "call", "email", "question", "push", "password"}) {
            assertThat(FactorTypes.provider(type)).as(type).isEqualTo("SEQUENT");
        }
    }
}
