package io.sequent.authflow.messaging;

import io.sequent.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the read models have caught up with the topics as they stood when the service
 * started: the policy snapshot (this replica's own copy), and the shared user read model and the
 * users' factor sets in it (each consumer group's committed offsets, or what this replica processed
 * since). A sign-in evaluated
 * before that could use a stale policy or miss that a user was disabled. Once caught up, this check
 * stays UP, unless Redis lost the user read model and it is being rebuilt; the broker's own health
 * check reports connectivity.
 */
@Readiness
@ApplicationScoped
public class ReadModelReadiness implements HealthCheck {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final ReadModelProgress progress;
    private final String bootstrap;
    /** The consumer group whose committed offsets count as done, per topic of a shared read model. */
    private final Map<String, String> sharedGroups;
    private volatile Map<TopicPartition, Long> targets;
    private volatile boolean caughtUp;

    public ReadModelReadiness(ReadModelProgress progress,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                              @ConfigProperty(name = "mp.messaging.incoming.directory-users.group.id") String usersGroup,
                              @ConfigProperty(name = "mp.messaging.incoming.factor-events.group.id") String factorsGroup) {
        this.progress = progress;
        this.bootstrap = bootstrap;
        this.sharedGroups = Map.of(Topics.DIRECTORY_USERS, usersGroup, Topics.FACTOR_EVENTS, factorsGroup);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Read models caught up");
        if (caughtUp && !progress.anyReplaying()) {
            return response.up().build();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis()))) {
            if (targets == null) {
                targets = endOffsets(admin);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            for (var shared : sharedGroups.entrySet()) {
                admin.listConsumerGroupOffsets(shared.getValue()).partitionsToOffsetAndMetadata()
                        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).forEach((partition, offset) -> {
                            if (partition.topic().equals(shared.getKey()) && offset != null) {
                                committed.put(partition, offset);
                            }
                        });
            }
            long behind = 0;
            for (var target : targets.entrySet()) {
                TopicPartition partition = target.getKey();
                long done = progress.next(partition);
                long end = target.getValue();
                if (progress.isReplaying(partition)) {
                    // read again from the beginning: the group's committed offset says nothing about Redis now
                    end = progress.replayTarget(partition);
                } else {
                    OffsetAndMetadata group = committed.get(partition);
                    if (group != null) {
                        done = Math.max(done, group.offset());
                    }
                }
                behind += Math.max(0, end - done);
            }
            if (behind == 0) {
                progress.replaysCaughtUp();
                caughtUp = true;
                return response.up().build();
            }
            return response.down().withData("recordsBehind", behind).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("error", "cannot read the topics' offsets: " + e.getClass().getSimpleName()).build();
        }
    }

    /** A partition is being read again ({@link UserReadModelGuard}): not ready until it has caught up. */
    void replayStarted() {
        caughtUp = false;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        List<String> topics = List.of(Topics.POLICY_CHANGES, Topics.DIRECTORY_USERS, Topics.FACTOR_EVENTS);
        var descriptions = admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(request).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
