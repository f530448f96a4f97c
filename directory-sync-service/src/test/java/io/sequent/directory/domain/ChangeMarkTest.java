package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeMarkTest {

    @Test
    void readsGeneralizedTimesAndCsns() {
        assertThat(ChangeMark.parse("20261122131500Z")).contains(Instant.parse("2026-11-22T13:15:00Z"));
        assertThat(ChangeMark.parse("20261122131500.123456Z#000000#000#000000"))
                .contains(Instant.parse("2026-11-22T13:15:00.123456Z"));
        assertThat(ChangeMark.parse("20261122131500.5Z")).contains(Instant.parse("2026-11-22T13:15:00.5Z"));
        assertThat(ChangeMark.parse("yesterday")).isEmpty();
        assertThat(ChangeMark.parse(null)).isEmpty();
    }

    @Test
    void writesFilterValuesTheServerCompares() {
        Instant at = Instant.parse("2026-11-22T13:15:00.123456Z");
        assertThat(new ChangeMark(ChangeMark.ENTRY_CSN, at).filterValue()).isEqualTo("20261122131500.123456Z#000000#000#000000");
        assertThat(new ChangeMark(ChangeMark.MODIFY_TIMESTAMP, at).filterValue()).isEqualTo("20261122131500Z");
    }

    @Test
    void theNextMarkLiesAnOverlapBeforeTheNewestChangeAndSurvivesStorage() {
        ChangeMark next = ChangeMark.after(ChangeMark.ENTRY_CSN, Instant.parse("2026-11-22T13:15:10.900Z"), Duration.ofSeconds(3));
        assertThat(next.at()).isEqualTo(Instant.parse("2026-11-22T13:15:07Z"));
        assertThat(ChangeMark.fromStored(next.stored())).isEqualTo(next);
        assertThatThrownBy(() -> new ChangeMark("uSNChanged", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeMark.fromStored("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
