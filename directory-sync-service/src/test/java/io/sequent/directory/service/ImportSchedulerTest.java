package io.sequent.directory.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.directory.persistence.DirectoryEntity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportSchedulerTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static DirectoryEntity directory(Instant lastFull, Instant lastAttempt) {
        DirectoryEntity d = new DirectoryEntity();
        d.incrementalIntervalSeconds = 5;
        d.fullIntervalSeconds = 3600;
        d.lastFullAt = lastFull;
        d.lastAttemptAt = lastAttempt;
        return d;
    }

    @Test
    void aNewDirectoryGetsAFullImportAtOnce() {
        DirectoryEntity d = directory(null, null);
        assertThat(ImportScheduler.isDue(d, NOW)).isTrue();
        assertThat(ImportScheduler.kind(d, NOW)).isEqualTo("FULL");
    }

    @Test
    void incrementalImportsFollowTheIntervalAfterTheLastAttempt() {
        DirectoryEntity d = directory(NOW.minusSeconds(60), NOW.minusSeconds(4));
        assertThat(ImportScheduler.isDue(d, NOW)).isFalse();
        assertThat(ImportScheduler.isDue(d, NOW.plusSeconds(1))).isTrue();
        assertThat(ImportScheduler.kind(d, NOW.plusSeconds(1))).isEqualTo("INCREMENTAL");
    }

    @Test
    void anAttemptStampedJustAfterItsTickIsDueAgainOneIntervalOfTicksLater() {
        // the last import ended 40 ms after the tick at NOW - 5 s: the tick at NOW starts the next one, not NOW + 1 s
        DirectoryEntity d = directory(NOW.minusSeconds(60), NOW.minusSeconds(5).plusMillis(40));
        assertThat(ImportScheduler.isDue(d, NOW)).isTrue();
        assertThat(ImportScheduler.isDue(d, NOW.minusSeconds(1))).isFalse();
    }

    @Test
    void aFailingFirstImportIsRetriedOncePerIntervalNotAtEveryTick() {
        DirectoryEntity d = directory(null, NOW.minusSeconds(1));
        assertThat(ImportScheduler.isDue(d, NOW)).isFalse();
        assertThat(ImportScheduler.isDue(d, NOW.plusSeconds(4))).isTrue();
        assertThat(ImportScheduler.kind(d, NOW.plusSeconds(4))).isEqualTo("FULL");
    }

    @Test
    void theFullReconcileComesBackAfterItsInterval() {
        DirectoryEntity d = directory(NOW.minusSeconds(3600), NOW.minusSeconds(10));
        assertThat(ImportScheduler.kind(d, NOW)).isEqualTo("FULL");
    }
}
