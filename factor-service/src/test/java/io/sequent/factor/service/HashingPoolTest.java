package io.sequent.factor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingPoolTest {

    @Test
    void runsTheWorkOffTheCallersThreadAndReportsItsFailure() {
        HashingPool pool = new HashingPool(2, 4);
        assertThat(pool.run(() -> Thread.currentThread().getName()).await().atMost(Duration.ofSeconds(5))).isEqualTo("argon2id");
        assertThatThrownBy(() -> pool.run(() -> {
            throw new IllegalStateException("bad hash");
        }).await().atMost(Duration.ofSeconds(5))).hasMessage("bad hash");
        pool.stop();
    }

    @Test
    void neverRunsMoreThanItsThreadsAtOnceAndRefusesPastItsQueue() throws Exception {
        HashingPool pool = new HashingPool(2, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable slow = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        for (int i = 0; i < 3; i++) { // two run, one waits in the queue
            pool.run(() -> {
                slow.run();
                return 1;
            }).subscribe().with(x -> { }, f -> { });
        }
        Thread.sleep(200);
        assertThatThrownBy(() -> pool.run(() -> 1).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(HashingPool.Busy.class);
        release.countDown();
        Thread.sleep(500); // the two running and the queued one finish
        assertThat(pool.run(() -> 2).await().atMost(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(most.get()).isEqualTo(2);
        pool.stop();
    }
}
