package io.sequent.authflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.service.AnswerTimes.Flow;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** S1 by time: answers for usernames that will not sign in take as long as real users' did. */
class AnswerTimesTest {

    private final AnswerTimes times = new AnswerTimes();

    private static long millisOf(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anUnknownUsernamesAnswerWaitsAsLongAsARealSignInTook() {
        times.record(Flow.PASSWORDLESS, Duration.ofMillis(150).toNanos());
        long took = millisOf(() -> assertThat(times.padded(Flow.PASSWORDLESS, System.nanoTime(), Uni.createFrom().item("decoy"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("decoy"));
        assertThat(took).isBetween(140L, 1000L);
    }

    @Test
    void aRefusalIsHeldTooAndStaysARefusal() {
        times.record(Flow.PASSWORD, Duration.ofMillis(150).toNanos());
        long took = millisOf(() -> assertThatThrownBy(() -> times.padded(Flow.PASSWORD, System.nanoTime(),
                Uni.createFrom().failure(AuthnException.authenticationFailed())).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(AuthnException.class));
        assertThat(took).isBetween(140L, 1000L);
    }

    @Test
    void anAnswerAlmostDueIsNotHeld() {
        times.record(Flow.PASSWORDLESS, 500_000); // half a millisecond: no timer waits that little
        assertThat(times.padded(Flow.PASSWORDLESS, System.nanoTime(), Uni.createFrom().item("decoy"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("decoy");
    }

    @Test
    void theFlowsAreApartAndNothingIsHeldBeforeARealSignIn() {
        times.record(Flow.PASSWORD, Duration.ofSeconds(3).toNanos());
        long took = millisOf(() -> times.padded(Flow.PASSWORDLESS, System.nanoTime(), Uni.createFrom().item(1))
                .await().atMost(Duration.ofSeconds(5)));
        assertThat(took).isLessThan(1000L);
        assertThat(times.draw(Flow.PASSWORDLESS)).isZero();
        assertThat(times.knows(Flow.PASSWORDLESS)).isFalse();
        assertThat(times.knows(Flow.PASSWORD)).isTrue();
    }

    @Test
    void onlyAnswersLikeADecoysAreTimed() {
        long start = System.nanoTime() - Duration.ofMillis(40).toNanos();
        // an outage, a password sign-in that went through, a passwordless refusal: not what a decoy answers
        times.timed(Flow.PASSWORD, start, Uni.createFrom().failure(AuthnException.unavailable()))
                .onFailure().recoverWithNull().await().indefinitely();
        times.timed(Flow.PASSWORD, start, Uni.createFrom().item("SUCCESS")).await().indefinitely();
        times.timed(Flow.PASSWORDLESS, start, Uni.createFrom().failure(AuthnException.authenticationFailed()))
                .onFailure().recoverWithNull().await().indefinitely();
        assertThat(times.draw(Flow.PASSWORD)).isZero();
        assertThat(times.draw(Flow.PASSWORDLESS)).isZero();
        times.timed(Flow.PASSWORDLESS, start, Uni.createFrom().item("MFA_REQUIRED")).await().indefinitely();
        assertThat(times.draw(Flow.PASSWORDLESS)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        times.timed(Flow.PASSWORD, start, Uni.createFrom().failure(AuthnException.authenticationFailed()))
                .onFailure().recoverWithNull().await().indefinitely();
        assertThat(times.draw(Flow.PASSWORD)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
    }

    @Test
    void onlyAnEmptyWindowIsSeededAndOnlyOwnDurationsAreSharedOnce() {
        assertThat(times.seed(Flow.PASSWORDLESS, new long[0])).isFalse();
        long[] theirs = oneTo(100);
        assertThat(times.seed(Flow.PASSWORDLESS, theirs)).isTrue();
        // the newest 64 of the others' 100
        for (int i = 0; i < 50; i++) {
            assertThat(times.draw(Flow.PASSWORDLESS)).isBetween(37L, 100L);
        }
        assertThat(times.seed(Flow.PASSWORDLESS, new long[] {1})).as("seeded once").isFalse();
        assertThat(times.timedSince(Flow.PASSWORDLESS)).as("the others' are not shared back").isEmpty();

        times.record(Flow.PASSWORD, 5);
        assertThat(times.seed(Flow.PASSWORD, theirs)).as("a window with its own durations").isFalse();
        times.record(Flow.PASSWORD, 6);
        assertThat(times.timedSince(Flow.PASSWORD)).containsExactly(5, 6);
        assertThat(times.timedSince(Flow.PASSWORD)).isEmpty();
        for (int i = 0; i < 70; i++) {
            times.record(Flow.PASSWORD, 1000 + i);
        }
        assertThat(times.timedSince(Flow.PASSWORD)).as("at most a window's worth, oldest first")
                .hasSize(64).startsWith(1006L).endsWith(1069L);
    }

    private static long[] oneTo(int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).toArray();
    }
}
