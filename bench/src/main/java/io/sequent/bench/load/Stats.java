package io.sequent.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latency per step (HdrHistogram, microseconds), completed sign-ins and errors by code. */
final class Stats {

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Map<String, Histogram> steps = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder completed = new LongAdder();
    private final LongAdder noUser = new LongAdder();
    private volatile boolean recording;

    void recording(boolean on) {
        recording = on;
    }

    boolean isRecording() {
        return recording;
    }

    void step(String name, long startNanos, long endNanos) {
        if (recording) {
            steps.computeIfAbsent(name, n -> new ConcurrentHistogram(MAX_MICROS, 3))
                    .recordValue(Math.min(MAX_MICROS, Math.max(1, (endNanos - startNanos) / 1000)));
        }
    }

    void completed() {
        if (recording) {
            completed.increment();
        }
    }

    void error(String code) {
        if (recording) {
            errors.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    void noUserFree() {
        if (recording) {
            noUser.increment();
        }
    }

    long completedCount() {
        return completed.sum();
    }

    long noUserCount() {
        return noUser.sum();
    }

    Map<String, Histogram> steps() {
        return new TreeMap<>(steps);
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
