package io.sequent.authflow.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** The next offset each read model still has to process, per partition, as its consumers advance. */
@ApplicationScoped
public class ReadModelProgress {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    void processed(String topic, int partition, long offset) {
        next.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
    }

    /** The next offset to process on this partition, as far as this replica has seen; 0 when nothing yet. */
    public long next(TopicPartition partition) {
        return next.getOrDefault(partition, 0L);
    }
}
