package io.sequent.authflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.persistence.PolicySnapshots;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What is decided before any store or neighbour is asked. */
class PrimaryAuthTest {

    private final PrimaryAuth primary = new PrimaryAuth(null, new PolicySnapshots(), null, null, null, null, null, new AnswerTimes(),
            Clock.systemUTC());

    @Test
    void noPolicySnapshotYetIs503NeverASignIn() {
        AuthnException e = catchThrowableOfType(AuthnException.class, () ->
                primary.start(new PrimaryAuth.Start("ada", null, null, null, false, false, null)));
        assertThat(e.status()).isEqualTo(503);
    }

    @Test
    void aDecoyHoldsANonEmptyStablePartOfTheFirstFactorsAndEveryPartOccurs() {
        byte[] salt = new byte[32];
        java.util.List<String> first = java.util.List.of("sms", "push", "question");
        java.util.Set<java.util.List<String>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 400; i++) {
            java.util.List<String> held = PrimaryAuth.decoyFirstFactors(salt, "user" + i, first);
            assertThat(held).isNotEmpty().isSubsetOf(first);
            assertThat(PrimaryAuth.decoyFirstFactors(salt, "user" + i, first)).isEqualTo(held);
            seen.add(held);
        }
        assertThat(seen).hasSize(7); // every non-empty subset of three
        assertThat(PrimaryAuth.decoyFirstFactors(salt, "anyone", java.util.List.of("sms"))).containsExactly("sms");
    }

    @Test
    void aMissingUsernameIsE0000001() {
        AuthnException e = catchThrowableOfType(AuthnException.class, () ->
                primary.start(new PrimaryAuth.Start(null, "secret", null, null, false, false, null)));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("E0000001");
    }
}
