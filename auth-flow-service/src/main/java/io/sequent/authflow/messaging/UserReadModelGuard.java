package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Rebuilds the user read model when Redis has lost it: a restart of a Redis that keeps nothing on
 * disk, a failover to an empty replica, a flush. The consumer group's committed offsets would then
 * resume after everything the lost keys held, and every user would look unknown (refused, so safe,
 * but for good) until they changed again.
 *
 * <p>Each partition of the users topic keeps a marker key in Redis, set when its replay starts. A
 * partition this replica is assigned whose marker is gone is read again from its beginning: the topic
 * is compacted, so that is the latest snapshot of every user. Checked when partitions are assigned and
 * every few seconds; a replay is harmless because a snapshot applies only when it is newer. While a
 * replay runs the service is not ready ({@link ReadModelReadiness}) and users not yet restored are
 * refused as unknown: it fails closed.
 */
@ApplicationScoped
@Identifier("users-read-model-guard")
public class UserReadModelGuard implements KafkaConsumerRebalanceListener {

    static final String MARKER_KEY = "sequent:authflow:users-replayed:";
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(3);

    private final ReactiveRedisDataSource redis;
    private final KafkaClientService kafka;
    private final ReadModelProgress progress;
    private final ReadModelReadiness readiness;
    private final String group;

    public UserReadModelGuard(ReactiveRedisDataSource redis, KafkaClientService kafka, ReadModelProgress progress,
                              @Readiness ReadModelReadiness readiness,
                              @ConfigProperty(name = "mp.messaging.incoming.directory-users.group.id") String group) {
        this.redis = redis;
        this.kafka = kafka;
        this.progress = progress;
        this.readiness = readiness;
        this.group = group;
    }

    /** On the polling thread: partitions whose marker is missing are sought to their beginning before any record. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            List<TopicPartition> lost = missing(partitions).await().atMost(REDIS_TIMEOUT);
            if (!lost.isEmpty()) {
                replay(consumer, lost);
            }
        } catch (RuntimeException e) {
            // Redis is down: the periodic check replays these partitions once it answers again
            Log.warnf("user read model: cannot check partitions %s yet: %s", partitions, e.getMessage());
        }
    }

    @Scheduled(every = "${sequent.authflow.read-model.check-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        var consumer = kafka.getConsumer("directory-users");
        if (consumer == null) {
            return Uni.createFrom().voidItem();
        }
        return consumer.getAssignments()
                .flatMap(assigned -> assigned.isEmpty() ? Uni.createFrom().item(List.<TopicPartition>of()) : missing(assigned))
                .flatMap(lost -> lost.isEmpty() ? Uni.createFrom().voidItem()
                        : consumer.runOnPollingThread(c -> {
                            // assignment may have moved since: only what this replica still owns
                            List<TopicPartition> owned = lost.stream().filter(c.assignment()::contains).toList();
                            if (!owned.isEmpty()) {
                                replay(c, owned);
                            }
                            return null;
                        }).replaceWithVoid())
                .onFailure().invoke(e -> Log.debugf("user read model check: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private void replay(Consumer<?, ?> consumer, List<TopicPartition> lost) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(lost).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Long) e.getValue()));
        Map<TopicPartition, Long> ends = consumer.endOffsets(lost).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Long) e.getValue()));
        Map<TopicPartition, Long> positions = lost.stream().collect(Collectors.toMap(p -> p, consumer::position));
        progress.replaying(beginnings, positions, ends);
        readiness.replayStarted();
        consumer.seekToBeginning(lost);
        List<Object> args = new ArrayList<>();
        lost.forEach(p -> {
            args.add(marker(p));
            args.add("1");
        });
        redis.execute("MSET", args.stream().map(Object::toString).toArray(String[]::new))
                .await().atMost(REDIS_TIMEOUT);
        Log.warnf("user read model: Redis no longer holds partitions %s of the users topic; reading them again from "
                + "the beginning (sign-ins of users not yet restored are refused until then)", lost);
    }

    private Uni<List<TopicPartition>> missing(Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = List.copyOf(partitions);
        String[] keys = ordered.stream().map(this::marker).toArray(String[]::new);
        return redis.execute("MGET", keys).map(values -> {
            List<TopicPartition> lost = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                if (values.get(i) == null) {
                    lost.add(ordered.get(i));
                }
            }
            return lost;
        });
    }

    private String marker(TopicPartition p) {
        return MARKER_KEY + group + ":" + p.topic() + ":" + p.partition();
    }

    /** For tests: the partitions that have a marker now. */
    Uni<Set<String>> markers() {
        return redis.execute("KEYS", MARKER_KEY + group + ":*")
                .map(r -> {
                    Set<String> keys = new java.util.HashSet<>();
                    r.forEach(k -> keys.add(k.toString()));
                    return keys;
                });
    }
}
