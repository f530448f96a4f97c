package io.sequent.directory.service;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs several directory reads at once (say, one per scope OU: the server answers them on as many workers), each
 * on a thread of its own, and hands what they produce to one consumer on the calling thread, in arrival order.
 * At most {@code capacity} items wait, so a slow consumer slows the readers down instead of filling the memory;
 * the first failure, of a reader or of the consumer, stops everything and is rethrown.
 */
final class ConcurrentReads {

    /** One read: emits its items (pages) through the consumer it is given. */
    @FunctionalInterface
    interface Source<T> {
        void run(Consumer<T> emit);
    }

    private record Failed(RuntimeException cause) {
    }

    private static final Object DONE = new Object();

    private ConcurrentReads() {
    }

    static <T> void run(List<Source<T>> sources, int parallelism, int capacity, String threadName, Consumer<T> consumer) {
        if (sources.size() == 1) {
            sources.get(0).run(consumer);
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, sources.size())), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        AtomicBoolean aborted = new AtomicBoolean();
        try {
            for (Source<T> source : sources) {
                readers.execute(() -> {
                    Object last;
                    try {
                        source.run(item -> put(queue, item, aborted));
                        last = DONE;
                    } catch (RuntimeException e) {
                        last = new Failed(e);
                    }
                    try {
                        put(queue, last, aborted);
                    } catch (CancellationException ignored) {
                        // the consumer gave up already
                    }
                });
            }
            int done = 0;
            while (done < sources.size()) {
                Object item = queue.take();
                if (item == DONE) {
                    done++;
                } else if (item instanceof Failed failed) {
                    throw failed.cause();
                } else {
                    @SuppressWarnings("unchecked")
                    T t = (T) item;
                    consumer.accept(t);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted");
        } finally {
            aborted.set(true);
            readers.shutdownNow();
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item, AtomicBoolean aborted) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (aborted.get()) {
                    throw new CancellationException("the import stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the import stopped");
        }
    }
}
