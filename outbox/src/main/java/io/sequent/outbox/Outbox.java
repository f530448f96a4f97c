package io.sequent.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Records an event in the current database transaction. The caller must be inside one (for example
 * a {@code @WithTransaction} method): the event is published if and only if that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    /** Queues {@code event} for its type's topic, keyed by its subject. */
    public Uni<Void> publish(CloudEvent<?> event) {
        EventType type = EventType.fromTypeName(event.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
        var message = new OutboxMessage(UUID.fromString(event.id()), type.topic(), event.subject(), event.type(),
                EventCodec.encode(event));
        return Panache.getSession()
                .chain(session -> session.persist(message));
    }
}
