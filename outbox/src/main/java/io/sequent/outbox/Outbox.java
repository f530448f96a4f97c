package io.sequent.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the current database transaction. The caller must be inside one (for example
 * a {@code @WithTransaction} method): the event is published if and only if that transaction commits.
 * A producer that writes many rows with the reactive SQL client (a bulk import) queues its events with
 * {@link #publishAll} on that same connection: one statement for the whole batch.
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

    /** The batch insert: rows keep the list's order (seq follows the ordinality), so per-subject order holds. */
    static final String INSERT_ALL = "insert into outbox_message (id, topic, message_key, event_type, payload) "
            + "select id, topic, message_key, event_type, payload from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) "
            + "with ordinality as e(id, topic, message_key, event_type, payload, n) order by n";

    /**
     * Queues {@code events}, in order, with one multi-row insert on {@code conn}, which must be inside the
     * transaction that makes the changes they describe (for example {@code Pool.withTransaction}).
     */
    public Uni<Void> publishAll(SqlConnection conn, List<? extends CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent<?> event = events.get(i);
            EventType type = EventType.fromTypeName(event.type())
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
            ids[i] = UUID.fromString(event.id());
            topics[i] = type.topic();
            keys[i] = event.subject();
            types[i] = event.type();
            payloads[i] = EventCodec.encode(event);
        }
        return conn.preparedQuery(INSERT_ALL)
                .execute(Tuple.of(ids, topics, keys, types).addArrayOfString(payloads))
                .replaceWithVoid();
    }
}
