package io.sequent.authflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** Redis loses everything (a restart of a Redis that keeps nothing on disk): the user read model comes back by itself. */
@QuarkusTest
class UserReadModelGuardTest {

    @Inject
    UserReadModel users;

    @Inject
    @Identifier("users-read-model-guard")
    UserReadModelGuard guard;

    @Inject
    @Readiness
    ReadModelReadiness readiness;

    @Inject
    ReactiveRedisDataSource redis;

    private static UserSnapshot user(String id, String username, long version, UserStatus status) {
        return new UserSnapshot(id, version, UserSource.DIRECTORY, "d-1", "guid-" + id, username, null, null, null,
                null, status, false, false, null, null, "acme", List.of(new OrgMembership("acme", List.of("staff"))),
                List.of(), Instant.now());
    }

    private boolean known(String username, UserStatus status) {
        return users.findByUsername(username).await().atMost(Duration.ofSeconds(5))
                .map(u -> u.status() == status).orElse(false);
    }

    @Test
    void aFlushedRedisGetsTheUsersBackFromTheTopic() {
        String id = UUID.randomUUID().toString();
        String name = "ivy-" + id.substring(0, 8);
        TopicProbe.publish(CloudEvent.of(EventType.DIRECTORY_USER_CREATED, "/test", id, 1L, Instant.now(),
                user(id, name, 1, UserStatus.ACTIVE)));
        TopicProbe.publish(CloudEvent.of(EventType.DIRECTORY_USER_DISABLED, "/test", id, 2L, Instant.now(),
                user(id, name, 2, UserStatus.DISABLED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(name, UserStatus.DISABLED));
        await().atMost(Duration.ofSeconds(30)).until(() -> !guard.markers().await().atMost(Duration.ofSeconds(5)).isEmpty());

        redis.execute("FLUSHDB").await().atMost(Duration.ofSeconds(5)); // the test database only
        assertThat(known(name, UserStatus.DISABLED)).isFalse();

        // the guard notices within its check interval and reads the partitions again: the latest state, not the first
        await().atMost(Duration.ofSeconds(60)).until(() -> known(name, UserStatus.DISABLED));
        assertThat(guard.markers().await().atMost(Duration.ofSeconds(5))).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.UP);
    }
}
