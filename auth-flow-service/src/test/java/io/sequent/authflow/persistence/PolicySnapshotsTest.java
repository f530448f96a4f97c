package io.sequent.authflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicySnapshotsTest {

    private static PolicySnapshot version(long v, MfaMode mode) {
        return new PolicySnapshot(v, Instant.EPOCH, new EnvironmentMfa(mode, null), null, null, null, null, null);
    }

    @Test
    void holdsNothingUntilTheFirstSnapshot() {
        assertThat(new PolicySnapshots().current()).isEmpty();
    }

    @Test
    void onlyANewerVersionReplacesTheHeldSnapshot() {
        PolicySnapshots snapshots = new PolicySnapshots();
        assertThat(snapshots.offer(version(3, MfaMode.YES))).isTrue();
        assertThat(snapshots.offer(version(2, MfaMode.NO))).as("older").isFalse();
        assertThat(snapshots.offer(version(3, MfaMode.NO))).as("same version again").isFalse();
        assertThat(snapshots.current()).get().extracting(s -> s.environmentMfa().mode()).isEqualTo(MfaMode.YES);
        assertThat(snapshots.offer(version(4, MfaMode.OPTIONAL))).isTrue();
        assertThat(snapshots.current()).get().extracting(PolicySnapshot::version).isEqualTo(4L);
    }
}
