package io.sequent.authflow.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The next offset each read model still has to process, per partition, as its consumers advance; and
 * the partitions being read again from their beginning ({@link UserReadModelGuard}) with the offset
 * each replay must reach.
 */
@ApplicationScoped
public class ReadModelProgress {

    /** Records fetched before the seek may still arrive for this long; they are not replay progress. */
    private static final long STALE_WINDOW_NANOS = 5_000_000_000L;

    private record Replay(long staleFrom, long target, long startedAt, boolean begun) {
    }

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Replay> replays = new ConcurrentHashMap<>();

    void processed(String topic, int partition, long offset) {
        TopicPartition p = new TopicPartition(topic, partition);
        Replay replay = replays.get(p);
        if (replay != null && !replay.begun()) {
            if (offset >= replay.staleFrom() && System.nanoTime() - replay.startedAt() < STALE_WINDOW_NANOS) {
                return; // fetched before the seek: not a sign the replay has got anywhere
            }
            replays.computeIfPresent(p, (k, r) -> new Replay(r.staleFrom(), r.target(), r.startedAt(), true));
        }
        next.merge(p, offset + 1, Math::max);
    }

    /** The next offset to process on this partition, as far as this replica has seen; 0 when nothing yet. */
    public long next(TopicPartition partition) {
        return next.getOrDefault(partition, 0L);
    }

    /** These partitions are read again from their beginning; each must reach its end offset as it is now. */
    void replaying(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
        long now = System.nanoTime();
        beginnings.forEach((p, beginning) -> {
            long position = positions.getOrDefault(p, beginning);
            next.put(p, beginning);
            replays.put(p, new Replay(position, ends.getOrDefault(p, beginning), now, position <= beginning));
        });
    }

    boolean isReplaying(TopicPartition partition) {
        return replays.containsKey(partition);
    }

    /** The offset a replay of this partition must reach. */
    long replayTarget(TopicPartition partition) {
        Replay r = replays.get(partition);
        return r == null ? 0 : r.target();
    }

    boolean anyReplaying() {
        return !replays.isEmpty();
    }

    void replaysCaughtUp() {
        replays.keySet().removeIf(p -> next(p) >= replayTarget(p));
    }
}
