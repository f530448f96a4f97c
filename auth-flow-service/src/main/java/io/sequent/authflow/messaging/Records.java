package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the read models' consumers take from a record: its event's data when it is of the type they keep. */
final class Records {

    private Records() {
    }

    /**
     * The data of the record's event if it is a {@code type}; empty for a tombstone, another event type, or a record
     * that is not an event of the suite (logged and skipped: one bad record must not stop a read model).
     */
    static <T> Optional<T> data(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            return Optional.empty(); // a tombstone of a compacted topic: nothing to apply
        }
        try {
            return EventCodec.decode(record.value()).map(CloudEvent::data).filter(type::isInstance).map(type::cast);
        } catch (EventCodec.MalformedEventException e) {
            Log.warnf("skipping a malformed record on %s at offset %d: %s", record.topic(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
