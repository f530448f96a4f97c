package io.sequent.authflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.authflow.persistence.SharedAnswerTimes;
import io.sequent.authflow.service.AnswerTimes.Flow;
import io.sequent.testing.OidcTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * S1 by time across replicas, against the real Redis: what one replica timed fills the empty window of a
 * replica that has just started, and nothing is shared twice. Two {@link AnswerTimes} stand for two replicas.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class SharedAnswerTimesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ReactiveRedisDataSource redis;

    private final String prefix = "sequent:test:answer-times:" + UUID.randomUUID() + ":";

    private List<Long> listed(SharedAnswerTimes shared, Flow flow) {
        var list = redis.execute("LRANGE", shared.key(flow), "0", "-1").await().atMost(WAIT);
        return IntStream.range(0, list.size()).mapToObj(i -> list.get(i).toLong()).toList();
    }

    @Test
    void aStartedReplicaDrawsFromWhatAnotherReplicaTimed() {
        AnswerTimes running = new AnswerTimes();
        AnswerTimes started = new AnswerTimes();
        var fromRunning = new SharedAnswerTimes(redis, running, prefix);
        var fromStarted = new SharedAnswerTimes(redis, started, prefix);
        long[] timed = {Duration.ofMillis(21).toNanos(), Duration.ofMillis(34).toNanos(), Duration.ofMillis(55).toNanos()};
        for (long nanos : timed) {
            running.record(Flow.PASSWORD, nanos);
        }

        fromRunning.exchange().await().atMost(WAIT);
        assertThat(listed(fromRunning, Flow.PASSWORD)).containsExactly(timed[0], timed[1], timed[2]);
        assertThat(listed(fromRunning, Flow.PASSWORDLESS)).isEmpty();
        assertThat(redis.execute("PTTL", fromRunning.key(Flow.PASSWORD)).await().atMost(WAIT).toLong())
                .isBetween(Duration.ofHours(23).toMillis(), Duration.ofDays(1).toMillis());

        assertThat(started.knows(Flow.PASSWORD)).isFalse();
        fromStarted.exchange().await().atMost(WAIT);
        assertThat(started.knows(Flow.PASSWORD)).isTrue();
        assertThat(started.knows(Flow.PASSWORDLESS)).as("nothing was timed without a password anywhere").isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(started.draw(Flow.PASSWORD)).isIn(timed[0], timed[1], timed[2]);
        }

        // neither what was shared already nor what came from the others is listed again
        fromRunning.exchange().await().atMost(WAIT);
        fromStarted.exchange().await().atMost(WAIT);
        assertThat(listed(fromRunning, Flow.PASSWORD)).hasSize(3);
        running.record(Flow.PASSWORD, Duration.ofMillis(89).toNanos());
        fromRunning.exchange().await().atMost(WAIT);
        assertThat(listed(fromRunning, Flow.PASSWORD)).hasSize(4).endsWith(Duration.ofMillis(89).toNanos());
    }

    @Test
    void theListKeepsTheNewestAndAReplicaThatTimedItsOwnIsNotOverwritten() {
        AnswerTimes busy = new AnswerTimes();
        var shared = new SharedAnswerTimes(redis, busy, prefix);
        for (int i = 1; i <= 300; i++) {
            busy.record(Flow.PASSWORDLESS, i);
            if (i % 50 == 0) {
                shared.exchange().await().atMost(WAIT);
            }
        }
        List<Long> listed = listed(shared, Flow.PASSWORDLESS);
        assertThat(listed).hasSize(256).startsWith(45L).endsWith(300L);

        AnswerTimes own = new AnswerTimes();
        own.record(Flow.PASSWORDLESS, 7);
        new SharedAnswerTimes(redis, own, prefix).exchange().await().atMost(WAIT);
        assertThat(own.draw(Flow.PASSWORDLESS)).as("its own window, not the others'").isEqualTo(7);
    }
}
