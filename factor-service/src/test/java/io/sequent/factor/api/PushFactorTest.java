package io.sequent.factor.api;

import static io.restassured.RestAssured.given;
import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.sequent.events.UserSource;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class PushFactorTest {

    /** A software push device: a real P-256 key pair that signs like the phone app. */
    record Device(String userId, String factorId, KeyPair keys) {
        String sign(String text) {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(keys.getPrivate());
                signer.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        int answer(String challengeId, String decision, int number) {
            return answerSigned(challengeId, decision, number, sign("sequent-push-answer|" + challengeId + "|" + decision + "|" + number));
        }

        int answerSigned(String challengeId, String decision, int number, String signature) {
            return given().contentType(ContentType.JSON)
                    .body("{\"decision\": \"" + decision + "\", \"number\": " + number + ", \"signature\": \"" + signature + "\"}")
                    .post("/api/v1/devices/" + factorId + "/challenges/" + challengeId).statusCode();
        }
    }

    record Challenge(String id, int correctAnswer) {
    }

    static KeyPair newKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static Device enroll() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        KeyPair keys = newKeys();
        String factorId = admin().body("{\"factorType\": \"push\", \"profile\": {\"publicKey\": \""
                        + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\", \"deviceName\": \"Dana's phone\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("factorType", equalTo("push")).extract().path("id");
        return new Device(userId, factorId, keys);
    }

    static Challenge challenge(Device d) {
        var r = internal().post("/internal/v1/users/" + d.userId() + "/factors/" + d.factorId() + "/challenge")
                .then().statusCode(200).body("status", equalTo("WAITING")).extract();
        int correct = r.path("correctAnswer");
        assertThat(correct).isBetween(10, 99);
        return new Challenge(r.path("challengeId"), correct);
    }

    static String poll(Device d, Challenge c) {
        return internal().body("{\"challengeId\": \"" + c.id() + "\"}")
                .post("/internal/v1/users/" + d.userId() + "/factors/" + d.factorId() + "/verify")
                .then().statusCode(200).extract().path("outcome");
    }

    @Test
    void theDeviceSeesTheChoicesAndApprovingWithTheRightNumberSucceedsOnce() throws Exception {
        Device d = enroll();
        Challenge c = challenge(d);
        assertThat(poll(d, c)).isEqualTo("WAITING");
        long ts = Instant.now().getEpochSecond();
        List<Integer> choices = given().queryParam("ts", ts).queryParam("sig", d.sign("sequent-push-list|" + d.factorId() + "|" + ts))
                .get("/api/v1/devices/" + d.factorId() + "/challenges").then().statusCode(200)
                .body("[0].challengeId", equalTo(c.id())).extract().path("[0].choices");
        assertThat(choices).hasSize(3).contains(c.correctAnswer());
        assertThat(d.answer(c.id(), "APPROVE", c.correctAnswer())).isEqualTo(204);
        assertThat(d.answer(c.id(), "APPROVE", c.correctAnswer())).isEqualTo(409);
        assertThat(poll(d, c)).isEqualTo("SUCCESS");
        assertThat(poll(d, c)).isEqualTo("EXPIRED");
    }

    @Test
    void rejectIsRejectedAndTheWrongNumberIsInvalid() throws Exception {
        Device d = enroll();
        Challenge rejected = challenge(d);
        assertThat(d.answer(rejected.id(), "REJECT", rejected.correctAnswer())).isEqualTo(204);
        assertThat(poll(d, rejected)).isEqualTo("REJECTED");
        Challenge wrong = challenge(d);
        int other = wrong.correctAnswer() == 99 ? 98 : wrong.correctAnswer() + 1;
        assertThat(d.answer(wrong.id(), "APPROVE", other)).isEqualTo(204);
        assertThat(poll(d, wrong)).isEqualTo("INVALID");
    }

    @Test
    void badSignaturesAreRefused() throws Exception {
        Device d = enroll();
        Challenge c = challenge(d);
        Device impostor = new Device(d.userId(), d.factorId(), newKeys());
        assertThat(impostor.answer(c.id(), "APPROVE", c.correctAnswer())).isEqualTo(403);
        // a signature over another number does not carry over
        String signedOther = d.sign("sequent-push-answer|" + c.id() + "|APPROVE|" + (c.correctAnswer() == 10 ? 11 : 10));
        assertThat(d.answerSigned(c.id(), "APPROVE", c.correctAnswer(), signedOther)).isEqualTo(403);
        assertThat(d.answerSigned(c.id(), "APPROVE", c.correctAnswer(), "bm90LWEtc2lnbmF0dXJl")).isEqualTo(403);
        long ts = Instant.now().getEpochSecond();
        given().queryParam("ts", ts).queryParam("sig", impostor.sign("sequent-push-list|" + d.factorId() + "|" + ts))
                .get("/api/v1/devices/" + d.factorId() + "/challenges").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        long old = ts - 3600;
        given().queryParam("ts", old).queryParam("sig", d.sign("sequent-push-list|" + d.factorId() + "|" + old))
                .get("/api/v1/devices/" + d.factorId() + "/challenges").then().statusCode(403);
        assertThat(poll(d, c)).isEqualTo("WAITING");
    }

    @Test
    void anUnansweredChallengeTimesOut() throws Exception {
        Device d = enroll();
        Challenge c = challenge(d);
        // the test profile's challenges live 15 s; a poll after that answers TIMEOUT, once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> !"WAITING".equals(peek(d, c)));
        assertThat(d.answer(c.id(), "APPROVE", c.correctAnswer())).isIn(404, 409);
    }

    /** Polls; once the challenge is no longer waiting, its outcome must be TIMEOUT. */
    private static String peek(Device d, Challenge c) {
        String outcome = poll(d, c);
        if (!"WAITING".equals(outcome)) {
            assertThat(outcome).isEqualTo("TIMEOUT");
        }
        return outcome;
    }

    @Test
    void pushesToOneUserAreRateLimited() throws Exception {
        Device d = enroll();
        for (int i = 0; i < 5; i++) {
            challenge(d);
        }
        internal().post("/internal/v1/users/" + d.userId() + "/factors/" + d.factorId() + "/challenge")
                .then().statusCode(429).body("errorCode", equalTo("E0000047"));
    }

    @Test
    void enrollmentNeedsAP256Key() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        admin().body("{\"factorType\": \"push\", \"profile\": {\"publicKey\": \"bm90LWEta2V5\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(400).body("detail", startsWith("/profile/publicKey"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        admin().body("{\"factorType\": \"push\", \"profile\": {\"publicKey\": \""
                        + Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded()) + "\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"decision\": \"MAYBE\", \"number\": 5, \"signature\": \"x\"}")
                .post("/api/v1/devices/" + java.util.UUID.randomUUID() + "/challenges/" + java.util.UUID.randomUUID())
                .then().statusCode(400);
    }

    @Test
    void theCommandLineDeviceEnrollsListsAndApproves() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        Path keyFile = Files.createTempFile("sequent-verify", ".properties");
        String url = "http://127.0.0.1:" + RestAssured.port;
        String enrolled = cli("enroll", "--url", url, "--user", userId, "--token", TestTokens.token(userId, "user"),
                "--name", "cli", "--key-file", keyFile.toString());
        assertThat(enrolled).startsWith("enrolled push factor ");
        String factorId = enrolled.substring("enrolled push factor ".length()).strip();
        Device d = new Device(userId, factorId, null);
        Challenge c = challenge(d);
        assertThat(cli("list", "--url", url, "--key-file", keyFile.toString())).contains(c.id());
        assertThat(cli("answer", "--url", url, "--key-file", keyFile.toString(), "--challenge", c.id(),
                "--number", Integer.toString(c.correctAnswer()))).contains("approved " + c.id());
        assertThat(poll(d, c)).isEqualTo("SUCCESS");
        Files.deleteIfExists(keyFile);
    }

    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "tools/SequentVerify.java"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
