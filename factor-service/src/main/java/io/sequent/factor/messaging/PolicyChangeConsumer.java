package io.sequent.factor.messaging;

import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.policy.PolicyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code sequent.policy.changes} (the same way auth-flow does): every replica reads the compacted
 * topic from the start with a consumer group of its own, and keeps the newest snapshot of its environment.
 */
@ApplicationScoped
public class PolicyChangeConsumer {

    private final PolicySnapshots snapshots;
    private final String subject;

    public PolicyChangeConsumer(PolicySnapshots snapshots, @ConfigProperty(name = "sequent.policy.snapshot-subject") String subject) {
        this.snapshots = snapshots;
        this.subject = subject;
    }

    @Incoming("policy-changes")
    public void consume(ConsumerRecord<String, String> record) {
        try {
            // only this environment's snapshots: tests of other services publish theirs on the same broker
            if (record.value() != null && subject.equals(record.key())) {
                EventCodec.decode(record.value()).map(CloudEvent::data)
                        .filter(PolicyChanged.class::isInstance).map(PolicyChanged.class::cast)
                        .ifPresent(changed -> {
                            if (snapshots.offer(changed.snapshot())) {
                                Log.infof("policy snapshot v%d in force for the enrollment catalogue", changed.snapshot().version());
                            }
                        });
            }
        } catch (EventCodec.MalformedEventException e) {
            Log.warnf("skipping a malformed record on the policy topic at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
