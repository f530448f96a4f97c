package io.sequent.bench.jmh;

import io.sequent.factor.domain.Totp;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** RFC 6238 verification with the default ±1 step window (three HMAC-SHA1 codes per check). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TotpBenchmark {

    private final byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final Instant now = Instant.parse("2026-06-01T12:00:00Z");
    private String code;

    @Setup
    public void setUp() {
        code = Totp.DEFAULT.code(secret, Totp.DEFAULT.step(now));
        if (Totp.DEFAULT.matchingStep(secret, code, now).isEmpty()) {
            throw new IllegalStateException("the current code must verify");
        }
    }

    @Benchmark
    public OptionalLong verify() {
        return Totp.DEFAULT.matchingStep(secret, code, now);
    }
}
