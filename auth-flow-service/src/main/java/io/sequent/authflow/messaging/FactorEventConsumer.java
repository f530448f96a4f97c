package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.FactorEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each user's ACTIVE factor set in the user read model from {@code sequent.factor.events}, so identification
 * does not ask factor-service (S4's first factors). Only events that carry the set apply ({@code factor.locked} and
 * events from before the set was carried do not); a set applies only if its version is newer than the stored one. A
 * record that is not a factor event is logged and skipped; a Redis failure is retried, holding the partition, so no
 * change is skipped.
 */
@ApplicationScoped
public class FactorEventConsumer {

    private final UserReadModel users;
    private final ReadModelProgress progress;

    public FactorEventConsumer(UserReadModel users, ReadModelProgress progress) {
        this.users = users;
        this.progress = progress;
    }

    @Incoming("factor-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return apply(record)
                .invoke(() -> progress.processed(record.topic(), record.partition(), record.offset()));
    }

    private Uni<Void> apply(ConsumerRecord<String, String> record) {
        Optional<FactorEvent> event = Records.data(record, FactorEvent.class).filter(e -> e.factors() != null);
        if (event.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        FactorEvent e = event.get();
        return users.applyFactors(e.userId(), e.factorsVersion(), e.factors())
                .onFailure().invoke(f -> Log.warnf("factor read model: cannot apply the factors of user %s yet: %s",
                        e.userId(), f.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(applied -> Log.debugf("user %s factors v%d %s", e.userId(), e.factorsVersion(),
                        applied ? "applied" : "already current"))
                .replaceWithVoid();
    }
}
