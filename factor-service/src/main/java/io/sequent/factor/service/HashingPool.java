package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.sequent.factor.domain.Argon2id;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where every Argon2id hash and check runs (passwords, and security answers stored before keyed answer
 * hashes): a pool as large as the CPU count (a hash is pure CPU and takes its memory parameter, 7 MiB
 * by default, so more threads only add memory and waiting), with a bounded queue. Vert.x's
 * general worker pool (20 threads) let a burst of enrollments hold 20 hashes' memory at once and
 * starve the heap. A full queue is a 503 for the caller, never a hang.
 */
@ApplicationScoped
@Startup
public class HashingPool {

    private final ThreadPoolExecutor executor;

    public HashingPool(@ConfigProperty(name = "sequent.factor.hashing.threads", defaultValue = "0") int threads,
                       @ConfigProperty(name = "sequent.factor.hashing.queue", defaultValue = "512") int queue) {
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "argon2id");
            t.setDaemon(true);
            return t;
        });
        // built at start, so the native libraries load here rather than on the event loop of the first request that hashes
        Log.infof("Argon2id is computed by %s on %d thread(s)", Argon2id.backend(), size);
    }

    /**
     * Runs {@code work} on the pool and answers on the caller's Vert.x context (Hibernate Reactive
     * needs it for what follows); fails with {@link Busy} when the queue is full.
     */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
            try {
                executor.execute(() -> {
                    Runnable answer;
                    try {
                        T result = work.get();
                        answer = () -> emitter.complete(result);
                    } catch (RuntimeException e) {
                        answer = () -> emitter.fail(e);
                    }
                    if (caller == null) {
                        answer.run();
                    } else {
                        Runnable reply = answer;
                        caller.runOnContext(ignored -> reply.run());
                    }
                });
            } catch (RejectedExecutionException full) {
                emitter.fail(new Busy());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Every hashing thread is busy and the queue is full. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("password hashing is saturated", null, false, false);
        }
    }
}
