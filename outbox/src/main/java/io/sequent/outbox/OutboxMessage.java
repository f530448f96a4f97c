package io.sequent.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One event waiting to be published. Written only through {@link Outbox}; read by {@link OutboxRelay}. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String key;

    @Column(name = "event_type", nullable = false)
    public String type;

    @Column(nullable = false)
    public String payload;

    protected OutboxMessage() {
    }

    OutboxMessage(UUID id, String topic, String key, String type, String payload) {
        this.id = id;
        this.topic = topic;
        this.key = key;
        this.type = type;
        this.payload = payload;
    }
}
