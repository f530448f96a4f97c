package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.SessionRevoked;
import io.sequent.events.SignInEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * {@code auth.signin.*} audit events on {@code sequent.auth.events}. Fire and forget: the event is
 * handed to a bounded in-memory buffer and the sign-in never waits for the broker nor fails with it;
 * an event that cannot be sent (buffer full, broker down past the delivery timeout) is dropped and
 * logged. Audit is best effort by design here; the sign-in's own state lives in Redis.
 */
@ApplicationScoped
public class AuditEvents {

    static final String SOURCE = "/auth-flow-service";

    private final Emitter<String> emitter;
    private final Clock clock;

    public AuditEvents(@Channel("auth-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       Emitter<String> emitter, Clock clock) {
        this.emitter = emitter;
        this.clock = clock;
    }

    public void publish(EventType type, SignInEvent data) {
        send(type, data.userId() != null ? data.userId() : data.transactionId(), data);
    }

    /** {@code auth.session.revoked}, keyed by the user so it stays ordered with the user's other events. */
    public void sessionRevoked(SessionRevoked data) {
        send(EventType.AUTH_SESSION_REVOKED, data.userId(), data);
    }

    private void send(EventType type, String subject, Object data) {
        try {
            String json = EventCodec.encode(CloudEvent.of(type, SOURCE, subject, null, clock.instant(), data));
            Message<String> message = Message.of(json)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(subject).build())
                    .withAck(() -> CompletableFuture.completedFuture(null))
                    .withNack(failure -> {
                        Log.warnf("audit event %s dropped: %s", type.typeName(), failure.getMessage());
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
        } catch (RuntimeException e) {
            Log.warnf("audit event %s dropped: %s", type.typeName(), e.getMessage());
        }
    }
}
