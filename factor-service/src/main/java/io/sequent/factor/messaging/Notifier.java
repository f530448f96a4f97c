package io.sequent.factor.messaging;

import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.Notification;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one-time codes to the delivery adapters through {@code sequent.notifications.outbound}. Sent
 * directly rather than through the outbox, so the clear code is never written to a table; the call
 * waits for the broker's acknowledgement, and a failure reaches the caller (the code was not sent).
 */
@ApplicationScoped
public class Notifier {

    static final String SOURCE = "/sequent/factor";

    private final MutinyEmitter<String> emitter;
    private final Clock clock;

    public Notifier(@Channel("notifications") MutinyEmitter<String> emitter, Clock clock) {
        this.emitter = emitter;
        this.clock = clock;
    }

    public Uni<Void> send(EventType type, Notification notification) {
        CloudEvent<Notification> event = CloudEvent.of(type, SOURCE, notification.userId(), null, clock.instant(), notification);
        var headers = new RecordHeaders().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(notification.userId()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(EventCodec.encode(event)).addMetadata(metadata))
                .ifNoItem().after(Duration.ofSeconds(10)).fail();
    }
}
