package io.sequent.directory.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void keepsEveryUuidAddedThroughGrowthAndNoOther() {
        SeenIds seen = new SeenIds();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.forEach(id -> assertThat(seen.add(id)).isTrue());
        assertThat(seen.add(ids.get(123))).isFalse();
        assertThat(seen.size()).isEqualTo(20_000);
        assertThat(ids).allMatch(seen::contains);
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.contains(UUID.randomUUID().toString())).isFalse();
        }
        assertThat(seen.add(new UUID(0, 0).toString())).isTrue();
        assertThat(seen.contains(new UUID(0, 0).toString())).isTrue();
    }

    @Test
    void idsThatAreNotCanonicalUuidsAreKeptAsTheyAre() {
        SeenIds seen = new SeenIds();
        String upper = UUID.randomUUID().toString().toUpperCase();
        assertThat(seen.add(upper)).isTrue();
        assertThat(seen.add("1-2-3-4-5")).isTrue();
        assertThat(seen.add("uid=a,dc=example,dc=org")).isTrue();
        assertThat(seen.contains(upper)).isTrue();
        assertThat(seen.contains(upper.toLowerCase())).isFalse();
        assertThat(seen.contains("1-2-3-4-5")).isTrue();
        assertThat(seen.contains(new UUID(1, 2).toString())).isFalse();
        assertThat(seen.size()).isEqualTo(3);
    }
}
