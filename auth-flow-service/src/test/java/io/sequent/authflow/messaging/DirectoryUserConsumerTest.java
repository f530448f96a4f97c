package io.sequent.authflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DirectoryUserConsumerTest {

    @Inject
    UserReadModel users;

    private static UserSnapshot user(String id, String username, long version, UserStatus status) {
        return new UserSnapshot(id, version, UserSource.DIRECTORY, "d-1", "guid-" + id, username, null, null, null,
                null, status, false, false, null, null, "acme", List.of(new OrgMembership("acme", List.of("staff"))),
                List.of(), Instant.now());
    }

    private static void publish(EventType type, UserSnapshot user) {
        TopicProbe.publish(CloudEvent.of(type, "/test", user.userId(), user.version(), Instant.now(), user));
    }

    private Optional<UserSnapshot> byName(String username) {
        return users.findByUsername(username).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void userEventsFromTheTopicReachTheReadModel() {
        String id = UUID.randomUUID().toString();
        String name = "frank-" + id.substring(0, 8);

        publish(EventType.DIRECTORY_USER_CREATED, user(id, name, 1, UserStatus.ACTIVE));
        await().atMost(Duration.ofSeconds(30)).until(() -> byName(name.toUpperCase()).isPresent());

        publish(EventType.DIRECTORY_USER_DISABLED, user(id, name, 2, UserStatus.DISABLED));
        await().atMost(Duration.ofSeconds(30)).until(() -> byName(name).map(u -> u.status() == UserStatus.DISABLED).orElse(false));
        assertThat(byName(name).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void anOlderVersionNeverRollsAUserBack() {
        String id = UUID.randomUUID().toString();
        String name = "gina-" + id.substring(0, 8);
        publish(EventType.DIRECTORY_USER_DISABLED, user(id, name, 5, UserStatus.DISABLED));
        publish(EventType.DIRECTORY_USER_ENABLED, user(id, name, 4, UserStatus.ACTIVE));
        // a marker after both: once it is applied, both earlier records have been consumed (same key, same partition)
        publish(EventType.DIRECTORY_USER_UPDATED, user(id, name, 5, UserStatus.ACTIVE));
        String markerId = UUID.randomUUID().toString();
        publish(EventType.DIRECTORY_USER_CREATED, user(markerId, "marker-" + markerId, 1, UserStatus.ACTIVE));

        await().atMost(Duration.ofSeconds(30)).until(() -> byName(name).isPresent());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> byName(name).map(u -> u.status() == UserStatus.DISABLED && u.version() == 5).orElse(false));
    }

    @Test
    void aDeletedUserIsNoLongerFoundByName() {
        String id = UUID.randomUUID().toString();
        String name = "hank-" + id.substring(0, 8);
        publish(EventType.DIRECTORY_USER_CREATED, user(id, name, 1, UserStatus.ACTIVE));
        await().atMost(Duration.ofSeconds(30)).until(() -> byName(name).isPresent());

        publish(EventType.DIRECTORY_USER_DELETED, user(id, name, 2, UserStatus.DELETED));
        await().atMost(Duration.ofSeconds(30)).until(() -> byName(name).isEmpty());
        assertThat(users.findById(id).await().atMost(Duration.ofSeconds(5))).get()
                .extracting(UserSnapshot::status).isEqualTo(UserStatus.DELETED);
    }
}
