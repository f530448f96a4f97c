package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.Totp;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class TotpFactorTest {

    record Enrolled(String userId, String factorId, byte[] seed) {
    }

    static Enrolled enrollTotp(String userId) {
        var response = admin().body("{\"factorType\": \"token:software:totp\"}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("status", equalTo("PENDING_ACTIVATION"))
                .body("provider", equalTo("GOOGLE"))
                .body("_embedded.activation.encoding", equalTo("base32"))
                .body("_embedded.activation.otpauthUri", startsWith("otpauth://totp/Sequent:"))
                .body("_embedded.activation.qrcode", startsWith("data:image/png;base64,"))
                .extract();
        String secret = response.path("_embedded.activation.sharedSecret");
        Fixtures.remember(secret);
        return new Enrolled(userId, response.path("id"), Base32.decode(secret));
    }

    static String codeAt(byte[] seed, long step) {
        return Totp.DEFAULT.code(seed, step);
    }

    static long now() {
        return Totp.DEFAULT.step(Instant.now());
    }

    /**
     * Test set-up, not a timing assertion: waits until at least 12 s of the current 30 s step remain,
     * so a test's codes are judged against the step they were made for.
     */
    static long freshStep() throws InterruptedException {
        while (Instant.now().getEpochSecond() % 30 > 18) {
            Thread.sleep(500);
        }
        return now();
    }

    static void activate(Enrolled f, long step) {
        admin().body("{\"passCode\": \"" + codeAt(f.seed(), step) + "\"}")
                .post("/api/v1/users/" + f.userId() + "/factors/" + f.factorId() + "/lifecycle/activate")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    static String verify(Enrolled f, String code) {
        return internal().body("{\"passCode\": \"" + code + "\"}")
                .post("/internal/v1/users/" + f.userId() + "/factors/" + f.factorId() + "/verify")
                .then().statusCode(200).extract().path("outcome");
    }

    @Test
    void enrollsWithSecretUriAndQrCodeActivatesAndPublishesEvents() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            var response = admin().body("{\"factorType\": \"token:software:totp\"}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract();
            String secret = response.path("_embedded.activation.sharedSecret");
            String factorId = response.path("id");
            Fixtures.remember(secret);
            String uri = response.path("_embedded.activation.otpauthUri");
            assertThat(uri).contains("secret=" + secret).contains("algorithm=SHA1").contains("digits=6").contains("period=30");
            byte[] png = Base64.getDecoder().decode(((String) response.path("_embedded.activation.qrcode")).substring(22));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');

            // the seed is sealed at rest under a key id
            var stored = row("select secret_key_id, secret, status from factor where id = ?", UUID.fromString(factorId));
            assertThat(stored.get("secret_key_id")).isEqualTo("k1");
            assertThat(new String((byte[]) stored.get("secret"), StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(Base32.decode(secret), StandardCharsets.ISO_8859_1));

            Enrolled f = new Enrolled(userId, factorId, Base32.decode(secret));
            activate(f, now());
            assertThat(row("select status from factor where id = ?", UUID.fromString(factorId)).get("status")).isEqualTo("ACTIVE");

            // the later event first: TopicProbe keeps what it read before a match, not what came after it in the same poll
            var activated = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ACTIVATED.typeName());
            var enrolled = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ENROLLED.typeName());
            assertThat(((FactorEvent) enrolled.data()).factorType()).isEqualTo("token:software:totp");
            assertThat(((FactorEvent) activated.data()).status()).isEqualTo("ACTIVE");
            assertThat(activated.subjectversion()).isEqualTo(2L);
            assertThat(probe.drain(Duration.ZERO).stream().map(r -> r.value()).toList()).noneMatch(v -> v.contains(secret));
        }
    }

    @Test
    void activationRefusesAWrongCodeWithAProblem() {
        Enrolled f = enrollTotp(Fixtures.newUser(UserSource.LOCAL));
        String wrong = codeAt(f.seed(), now() + 5);
        admin().body("{\"passCode\": \"" + wrong + "\"}")
                .post("/api/v1/users/" + f.userId() + "/factors/" + f.factorId() + "/lifecycle/activate")
                .then().statusCode(403).contentType(startsWith("application/problem+json")).body("errorCode", equalTo("E0000068"));
    }

    @Test
    void aCodeIsAcceptedOnceThenRefusedAsAReplay() throws Exception {
        Enrolled f = enrollTotp(Fixtures.newUser(UserSource.LOCAL));
        long step = freshStep();
        activate(f, step - 1);
        String code = codeAt(f.seed(), step);
        assertThat(verify(f, code)).isEqualTo("SUCCESS");
        assertThat(verify(f, code)).isEqualTo("REPLAYED");
        // an older step than the last accepted one is a replay too
        assertThat(verify(f, codeAt(f.seed(), step - 1))).isEqualTo("REPLAYED");
        // the end-user API answers Okta's E0000082
        admin().body("{\"passCode\": \"" + code + "\"}")
                .post("/api/v1/users/" + f.userId() + "/factors/" + f.factorId() + "/verify")
                .then().statusCode(403).body("errorCode", equalTo("E0000082"));
        assertThat(row("select last_totp_step from factor where id = ?", UUID.fromString(f.factorId())).get("last_totp_step"))
                .isEqualTo(step);
    }

    @Test
    void concurrentVerifiesOfOneCodeSucceedExactlyOnce() throws Exception {
        Enrolled f = enrollTotp(Fixtures.newUser(UserSource.LOCAL));
        long step = freshStep();
        activate(f, step - 1);
        String code = codeAt(f.seed(), step);
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return verify(f, code);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> r : results) {
            outcomes.add(r.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("SUCCESS"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("SUCCESS")).allMatch(o -> o.equals("REPLAYED") || o.equals("LOCKED"));
    }

    @Test
    void aWrongCodeIsInvalid() {
        Enrolled f = enrollTotp(Fixtures.newUser(UserSource.LOCAL));
        activate(f, now());
        assertThat(verify(f, codeAt(f.seed(), now() + 4))).isEqualTo("INVALID");
        assertThat(verify(f, "12ab56")).isEqualTo("INVALID");
    }
}
