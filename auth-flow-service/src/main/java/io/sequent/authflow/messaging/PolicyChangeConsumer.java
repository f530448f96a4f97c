package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.events.policy.PolicyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Rebuilds the in-memory policy snapshot from {@code sequent.policy.changes}: every replica reads
 * the compacted topic from the start with a group of its own, then follows it.
 */
@ApplicationScoped
public class PolicyChangeConsumer {

    private final PolicySnapshots snapshots;
    private final ReadModelProgress progress;
    private final String subject;

    public PolicyChangeConsumer(PolicySnapshots snapshots, ReadModelProgress progress,
                                @ConfigProperty(name = "sequent.policy.snapshot-subject") String subject) {
        this.snapshots = snapshots;
        this.progress = progress;
        this.subject = subject;
    }

    @Incoming("policy-changes")
    public void consume(ConsumerRecord<String, String> record) {
        // only this environment's snapshots: the topic may also carry others (test runs on a shared broker)
        if (subject.equals(record.key())) {
            Records.data(record, PolicyChanged.class).ifPresent(changed -> {
                if (snapshots.offer(changed.snapshot())) {
                    Log.infof("policy snapshot v%d in force", changed.snapshot().version());
                }
            });
        }
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
