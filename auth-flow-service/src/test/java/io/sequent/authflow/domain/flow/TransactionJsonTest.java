package io.sequent.authflow.domain.flow;

import static io.sequent.authflow.domain.flow.Flows.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.EventCodec;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transaction is plain data: it survives a JSON round trip with the events' mapper unchanged,
 * so the store can keep it as it is (no derived view leaks into the JSON).
 */
class TransactionJsonTest {

    static List<Supplier<Transaction>> transactions() {
        return List.of(Flows::password, Flows::inChallengeMfa, Flows::inEnrollActivate, Flows::inEnrollOptionalLeft,
                Flows::inPasswordWarn,
                Flows::directoryPasswordlessAwaiting, () -> run(Flows.federatedWithOrgMfa(), new FlowEvent.PrimaryAuthSucceeded()),
                () -> run(Flows.password(), new FlowEvent.Refuse(io.sequent.authflow.domain.policy.RefusalReason.USER_DELETED)));
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void roundTripsThroughJson(Supplier<Transaction> given) throws Exception {
        Transaction t = given.get();
        String json = EventCodec.mapper().writeValueAsString(t);
        assertThat(json).doesNotContain("\"offers\"", "\"ending\"", "\"liveStatusRequired\"", "\"skippable\"",
                "\"enrollChoices\"");
        Transaction back = EventCodec.mapper().readValue(json, Transaction.class);
        assertThat(back).isEqualTo(t);
        assertThat(back.offers()).isEqualTo(t.offers());
        assertThat(back.skippable()).isEqualTo(t.skippable());
    }
}
