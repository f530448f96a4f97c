package io.sequent.factor.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.Totp;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load benchmark, not a test: 8 concurrent clients verify TOTP codes and sms codes through the
 * internal API against the real PostgreSQL and Redis, for a fixed time each; prints and appends to
 * target/bench-results.txt the throughput and latency percentiles. Nothing is asserted on speed.
 * Run: ./mvnw -B verify -pl factor-service -Dbench.excluded= -Dgroups=bench -Dtest=VerifyLoadBench
 */
@QuarkusTest
@TestProfile(VerifyLoadBench.NoLockout.class)
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@Tag("bench")
class VerifyLoadBench {

    /** The lockout and the per-code attempt limit would cut the repeated verifications short; lift them for the measurement. */
    public static class NoLockout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sequent.factor.lockout.max-failures", "100000000", "sequent.factor.code.max-attempts", "100000000");
        }
    }

    private static final int CLIENTS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final String SERVICE = TestTokens.token("bench", "service");

    @Test
    void totpAndSmsCodeVerification() throws Exception {
        List<String[]> totp = new ArrayList<>();
        List<String[]> sms = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            totp.add(totpFactor(user()));
            sms.add(smsFactor(user()));
        }
        report("TOTP verify (current code: SUCCESS then REPLAYED)", run(i -> {
            String[] f = totp.get(i);
            String code = Totp.DEFAULT.code(Base32.decode(f[2]), Totp.DEFAULT.step(Instant.now()));
            return verify(f, "{\"passCode\": \"" + code + "\"}");
        }));
        report("sms code verify (wrong code: INVALID)", run(i -> verify(sms.get(i), "{\"passCode\": \"000000\"}")));
    }

    private static String user() {
        String userId = UUID.randomUUID().toString();
        var snapshot = new UserSnapshot(userId, 1, UserSource.LOCAL, null, null, "bench-" + userId.substring(0, 8), null, null, null,
                null, UserStatus.ACTIVE, false, false, null, null, null, List.of(), List.of(), Instant.now());
        TopicProbe.publish(CloudEvent.of(EventType.DIRECTORY_USER_CREATED, "/bench", userId, 1L, Instant.now(), snapshot));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(SERVICE)
                .get("/internal/v1/users/" + userId + "/factors").statusCode() == 200);
        return userId;
    }

    private static String[] totpFactor(String userId) {
        var r = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"factorType\": \"token:software:totp\"}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract();
        String id = r.path("id");
        String seed = r.path("_embedded.activation.sharedSecret");
        String code = Totp.DEFAULT.code(Base32.decode(seed), Totp.DEFAULT.step(Instant.now()) - 1);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"passCode\": \"" + code + "\"}")
                .post("/api/v1/users/" + userId + "/factors/" + id + "/lifecycle/activate").then().statusCode(200);
        return new String[] {userId, id, seed};
    }

    private static String[] smsFactor(String userId) {
        // activated with its first code read back from the topic, then challenged once so a live code exists:
        // the bench then measures the verification of a wrong code (keyed hash, Lua compare, attempt count)
        try (TopicProbe probe = new TopicProbe(io.sequent.events.Topics.NOTIFICATIONS_OUTBOUND)) {
            String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"factorType\": \"sms\", \"profile\": {\"phoneNumber\": \"+15550100000\"}}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
            var event = probe.await(Duration.ofSeconds(20), userId, EventType.NOTIFICATION_SMS.typeName());
            String code = ((io.sequent.events.Notification) event.data()).code();
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"passCode\": \"" + code + "\"}")
                    .post("/api/v1/users/" + userId + "/factors/" + id + "/lifecycle/activate").then().statusCode(200);
            // a live code to verify against
            given().auth().oauth2(SERVICE).post("/internal/v1/users/" + userId + "/factors/" + id + "/challenge").then().statusCode(200);
            return new String[] {userId, id};
        }
    }

    private static int verify(String[] f, String body) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/users/" + f[0] + "/factors/" + f[1] + "/verify").statusCode();
    }

    interface Call {
        int call(int client) throws Exception;
    }

    record Result(long requests, long errors, double seconds, long[] latenciesNanos) {
    }

    private static Result run(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Instant warmEnd = Instant.now().plus(WARM_UP);
        Instant end = warmEnd.plus(RUN);
        List<Future<long[]>> futures = new ArrayList<>();
        long[] errors = new long[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(pool.submit((Callable<long[]>) () -> {
                List<Long> lat = new ArrayList<>();
                while (Instant.now().isBefore(end)) {
                    long start = System.nanoTime();
                    int status = call.call(client);
                    long took = System.nanoTime() - start;
                    if (Instant.now().isAfter(warmEnd)) {
                        lat.add(took);
                        if (status != 200) {
                            errors[client]++;
                        }
                    }
                }
                return lat.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length, Arrays.stream(errors).sum(), RUN.toMillis() / 1000.0, sorted);
    }

    private static void report(String name, Result r) throws Exception {
        long[] l = r.latenciesNanos();
        String line = String.format("%s: %d clients, %.0f s: %d requests, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, non-200 %d%n",
                name, CLIENTS, r.seconds(), r.requests(), r.requests() / r.seconds(), pct(l, 50), pct(l, 99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6, r.errors());
        System.out.print(line);
        Files.writeString(Path.of("target/bench-results.txt"), Instant.now() + " " + line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
