package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.flow.Flows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.authflow.domain.Fixtures;
import io.sequent.authflow.domain.policy.RefusalReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction record's invariants and derived views. */
class TransactionTest {

    private static Transaction copy(Transaction t, FlowState state, String current, RefusalReason refusal,
                                    List<String> verified, Duration ttl) {
        return new Transaction(t.id(), t.version(), state, t.plan(), t.relayState(), false, t.enrolledTypes(), verified,
                current, false, false, false, refusal, t.createdAt(), t.expiresAt(), ttl);
    }

    @Test
    void startsUnauthenticatedWithVersionZeroAndTheRelayState() {
        Transaction t = Flows.password();
        assertThat(t.state()).isEqualTo(FlowState.UNAUTHENTICATED);
        assertThat(t.version()).isZero();
        assertThat(t.relayState()).isEqualTo("/after");
        assertThat(t.createdAt()).isEqualTo(Fixtures.NOW);
        assertThat(t.ending()).isNull();
    }

    @Test
    void currentFactorExactlyInSingleFactorStates() {
        Transaction t = Flows.password();
        assertThatThrownBy(() -> copy(t, FlowState.MFA_CHALLENGE, null, null, List.of(), t.ttl()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> copy(t, FlowState.MFA_REQUIRED, "push", null, List.of(), t.ttl()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalOnlyEndsACancelledTransaction() {
        Transaction t = Flows.password();
        assertThatThrownBy(() -> copy(t, FlowState.SUCCESS, null, RefusalReason.USER_DISABLED, List.of(), t.ttl()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypeIsVerifiedAtMostOnce() {
        Transaction t = Flows.password();
        assertThatThrownBy(() -> copy(t, FlowState.MFA_REQUIRED, null, null, List.of("sms", "sms"), t.ttl()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLifetimeIsPositive() {
        Transaction t = Flows.password();
        assertThatThrownBy(() -> copy(t, FlowState.UNAUTHENTICATED, null, null, List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offersFollowTheState() {
        assertThat(Flows.inChallengeMfa().offers()).containsExactly("push");
        assertThat(Flows.inPasswordExpired().offers()).isEmpty();
        assertThat(Flows.awaitingRecheck().offers()).isEmpty();
        assertThat(Flows.federated().offers()).isEmpty();
        assertThat(run(Flows.password(), new FlowEvent.Cancel()).offers()).isEmpty();
    }

    @Test
    void eventsValidateTheirFields() {
        assertThatThrownBy(() -> new FlowEvent.FactorVerified("sms", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowEvent.FactorVerified(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowEvent.StatusRechecked(null, StatusSource.READ_MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowEvent.Refuse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void illegalTransitionsNameTheStateAndEvent() {
        IllegalTransition e = new IllegalTransition(FlowState.MFA_ENROLL, new FlowEvent.Skip(), "nothing to skip");
        assertThat(e.state()).isEqualTo(FlowState.MFA_ENROLL);
        assertThat(e.event()).isEqualTo("Skip");
        assertThat(e.getMessage()).contains("Skip", "MFA_ENROLL");
    }
}
