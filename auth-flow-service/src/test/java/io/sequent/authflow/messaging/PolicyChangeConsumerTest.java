package io.sequent.authflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PolicyChangeConsumerTest {

    @Inject
    PolicySnapshots snapshots;

    private static void publish(String subject, long version, MfaMode mode) {
        var snapshot = new PolicySnapshot(version, Instant.now(), new EnvironmentMfa(mode, List.of("push")),
                List.of("push"), null, null, null, null);
        TopicProbe.publish(CloudEvent.of(EventType.POLICY_CHANGED, "/test", subject, version, Instant.now(),
                new PolicyChanged(snapshot)));
    }

    @Test
    void followsTheSnapshotsOfItsEnvironmentOnly() {
        // versions above any earlier run's, since the compacted topic keeps the last one per subject
        long version = System.currentTimeMillis();
        publish("environment-test", version, MfaMode.YES);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> snapshots.current().map(s -> s.version() == version).orElse(false));

        publish("another-environment", version + 10, MfaMode.NO);
        publish("environment-test", version - 1, MfaMode.NO);
        publish("environment-test", version + 1, MfaMode.OPTIONAL);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> snapshots.current().map(s -> s.version() == version + 1).orElse(false));
        assertThat(snapshots.current().orElseThrow().environmentMfa().mode())
                .as("the older version and the other environment were not taken").isEqualTo(MfaMode.OPTIONAL);
    }
}
