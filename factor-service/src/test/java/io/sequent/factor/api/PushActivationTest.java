package io.sequent.factor.api;

import static io.restassured.RestAssured.given;
import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A push factor enrolled without a key and activated by its device, with real keys, Redis, PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class PushActivationTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "sequent.push.device-url")
    String deviceUrl;

    /** A pending push factor as the enroll answer shows it, and what its activation URI carries. */
    record Pending(String userId, String factorId, String activationUri, String qrcode, Instant expiresAt, String url,
                   String token) {
    }

    static Pending enrollWithoutKey(String userId, String body) {
        var r = admin().body(body).post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                .body("factorType", equalTo("push"))
                .body("status", equalTo("PENDING_ACTIVATION"))
                .extract();
        String uri = r.path("_embedded.activation.activationUri");
        Map<String, String> query = query(uri);
        Fixtures.remember(query.get("token"));
        return new Pending(userId, r.path("id"), uri, r.path("_embedded.activation.qrcode"),
                Instant.parse(r.path("_embedded.activation.expiresAt")), query.get("url"), query.get("token"));
    }

    static Pending enrollWithoutKey() {
        return enrollWithoutKey(Fixtures.newUser(UserSource.LOCAL), "{\"factorType\": \"push\"}");
    }

    static Map<String, String> query(String uri) {
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("sequent-push");
        assertThat(parsed.getHost()).isEqualTo("activate");
        Map<String, String> query = new HashMap<>();
        for (String pair : parsed.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(query).containsOnlyKeys("url", "factor", "token");
        return query;
    }

    static String publicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The device's activation request as given (deviceName left out when null, other nulls sent as null); answers the response. */
    static io.restassured.response.ValidatableResponse activate(String factorId, String token, String publicKey, String deviceName,
                                                                String signature) {
        Map<String, Object> body = new HashMap<>();
        body.put("factorId", factorId);
        body.put("token", token);
        body.put("publicKey", publicKey);
        body.put("signature", signature);
        if (deviceName != null) {
            body.put("deviceName", deviceName);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/devices/activate").then();
    }

    /** A correct activation with {@code keys}: signed over {@code sequent-push-activate|factorId|token}. */
    static io.restassured.response.ValidatableResponse activate(Pending p, KeyPair keys, String deviceName) {
        var device = new PushFactorTest.Device(p.userId(), p.factorId(), keys);
        return activate(p.factorId(), p.token(), publicKey(keys), deviceName,
                device.sign("sequent-push-activate|" + p.factorId() + "|" + p.token()));
    }

    static io.restassured.response.ValidatableResponse poll(String userId, String factorId) {
        return admin().get("/api/v1/users/" + userId + "/factors/" + factorId + "/lifecycle/activate/poll").then();
    }

    private String redisKey(String factorId) {
        return "sequent:push-activation:" + factorId;
    }

    private static String status(String factorId) {
        return (String) row("select status from factor where id = ?", UUID.fromString(factorId)).get("status");
    }

    @Test
    void enrollingWithoutAKeyGivesAnActivationThatTheDeviceCompletesOnce() throws Exception {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        Pending p;
        KeyPair keys = PushFactorTest.newKeys();
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            p = enrollWithoutKey(userId, "{\"factorType\": \"push\", \"profile\": {\"deviceName\": \"Kim's tablet\"}}");

            // the URI names the configured device URL, the factor and a 32-byte base64url token
            assertThat(p.url()).isEqualTo(deviceUrl.replaceAll("/+$", ""));
            assertThat(p.activationUri()).contains("url=" + URLEncoder.encode(p.url(), StandardCharsets.UTF_8) + "&");
            assertThat(query(p.activationUri()).get("factor")).isEqualTo(p.factorId());
            assertThat(p.token()).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(p.token())).hasSize(32);
            // the QR code is a PNG of exactly that URI
            assertThat(p.qrcode()).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(p.qrcode().substring("data:image/png;base64,".length()));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(decodeQr(png)).isEqualTo(p.activationUri());
            assertThat(p.expiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5));

            // Redis holds the token's SHA-256 and the expiry, never the token; the row holds no key yet
            String stored = redis.value(String.class).get(redisKey(p.factorId()));
            assertThat(stored).doesNotContain(p.token()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(p.token().getBytes(StandardCharsets.UTF_8)))
                    + "|" + p.expiresAt().toEpochMilli());
            assertThat(redis.key().pttl(redisKey(p.factorId()))).isBetween(1L, Duration.ofMinutes(5).toMillis());
            assertThat(row("select secret, display, version from factor where id = ?", UUID.fromString(p.factorId())))
                    .containsEntry("secret", null).containsEntry("display", "Kim's tablet").containsEntry("version", 1L);

            poll(userId, p.factorId()).statusCode(200).body("factorResult", equalTo("WAITING"))
                    .body("expiresAt", equalTo(p.expiresAt().toString()));

            activate(p, keys, "Kim's laptop").statusCode(200)
                    .body("factorId", equalTo(p.factorId())).body("status", equalTo("ACTIVE"));

            var activated = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ACTIVATED.typeName());
            var enrolled = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_ENROLLED.typeName());
            assertThat(((FactorEvent) enrolled.data()).status()).isEqualTo("PENDING_ACTIVATION");
            assertThat(((FactorEvent) activated.data()).factorId()).isEqualTo(p.factorId());
            assertThat(((FactorEvent) activated.data()).factorType()).isEqualTo("push");
            assertThat(((FactorEvent) activated.data()).status()).isEqualTo("ACTIVE");
            assertThat(activated.subjectversion()).isEqualTo(2L);
            assertThat(probe.drain(Duration.ZERO).stream().map(r -> r.value()).toList()).noneMatch(v -> v.contains(p.token()));
        }

        poll(userId, p.factorId()).statusCode(200).body("factorResult", equalTo("SUCCESS")).body("expiresAt", equalTo(null));
        admin().get("/api/v1/users/" + userId + "/factors/" + p.factorId()).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).header("ETag", "\"2\"");
        var row = row("select status, display, version, secret_key_id from factor where id = ?", UUID.fromString(p.factorId()));
        assertThat(row).containsEntry("status", "ACTIVE").containsEntry("display", "Kim's laptop").containsEntry("version", 2L)
                .containsEntry("secret_key_id", "k1");
        assertThat(redis.key().exists(redisKey(p.factorId()))).isFalse();

        // the key the device sent is the factor's key now: it answers a push challenge
        var device = new PushFactorTest.Device(userId, p.factorId(), keys);
        PushFactorTest.Challenge c = PushFactorTest.challenge(device);
        assertThat(device.answer(c.id(), "APPROVE", c.correctAnswer())).isEqualTo(204);
        assertThat(PushFactorTest.poll(device, c)).isEqualTo("SUCCESS");

        // the token was used up
        activate(p, PushFactorTest.newKeys(), null).statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", equalTo("no such activation"));
    }

    @Test
    void aWrongTokenOrAnUnknownFactorIsNoSuchActivationAndTheRightTokenStillWorks() throws Exception {
        Pending p = enrollWithoutKey();
        KeyPair keys = PushFactorTest.newKeys();
        var device = new PushFactorTest.Device(p.userId(), p.factorId(), keys);
        byte[] other = new byte[32];
        new java.security.SecureRandom().nextBytes(other);
        String wrong = Base64.getUrlEncoder().withoutPadding().encodeToString(other);
        activate(p.factorId(), wrong, publicKey(keys), null, device.sign("sequent-push-activate|" + p.factorId() + "|" + wrong))
                .statusCode(404).contentType(startsWith("application/problem+json")).body("detail", equalTo("no such activation"));
        String unknown = UUID.randomUUID().toString();
        activate(unknown, p.token(), publicKey(keys), null, device.sign("sequent-push-activate|" + unknown + "|" + p.token()))
                .statusCode(404).body("detail", equalTo("no such activation"));
        // a wrong token answers 404 even with a malformed key and signature: nothing is told before the token matches
        activate(p.factorId(), wrong, "bm90LWEta2V5", null, "bm90LWEtc2lnbmF0dXJl").statusCode(404);

        assertThat(redis.key().exists(redisKey(p.factorId()))).isTrue();
        poll(p.userId(), p.factorId()).statusCode(200).body("factorResult", equalTo("WAITING"));
        activate(p, keys, null).statusCode(200).body("status", equalTo("ACTIVE"));
        // no name at enrollment or activation: the name an enrollment with a key gets
        assertThat(row("select display from factor where id = ?", UUID.fromString(p.factorId()))).containsEntry("display", "push device");
    }

    @Test
    void aBadSignatureIsRefusedAndTheFactorStaysPending() throws Exception {
        Pending p = enrollWithoutKey();
        KeyPair keys = PushFactorTest.newKeys();
        var impostor = new PushFactorTest.Device(p.userId(), p.factorId(), PushFactorTest.newKeys());
        // signed with another key than the one sent
        activate(p.factorId(), p.token(), publicKey(keys), null,
                impostor.sign("sequent-push-activate|" + p.factorId() + "|" + p.token()))
                .statusCode(403).contentType(startsWith("application/problem+json"));
        // signed with the right key over another text
        var device = new PushFactorTest.Device(p.userId(), p.factorId(), keys);
        activate(p.factorId(), p.token(), publicKey(keys), null, device.sign("sequent-push-list|" + p.factorId() + "|" + p.token()))
                .statusCode(403);
        activate(p.factorId(), p.token(), publicKey(keys), null, "bm90LWEtc2lnbmF0dXJl").statusCode(403);

        assertThat(status(p.factorId())).isEqualTo("PENDING_ACTIVATION");
        poll(p.userId(), p.factorId()).statusCode(200).body("factorResult", equalTo("WAITING"));
        activate(p, keys, null).statusCode(200);
    }

    @Test
    void malformedBodiesAndKeysAreBadRequests() throws Exception {
        Pending p = enrollWithoutKey();
        KeyPair keys = PushFactorTest.newKeys();
        var device = new PushFactorTest.Device(p.userId(), p.factorId(), keys);
        String signature = device.sign("sequent-push-activate|" + p.factorId() + "|" + p.token());
        activate(p.factorId(), p.token(), "bm90LWEta2V5", null, signature).statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("/publicKey"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        activate(p.factorId(), p.token(), publicKey(rsa.generateKeyPair()), null, signature).statusCode(400);
        // body validation comes first
        activate(p.factorId(), p.token(), publicKey(keys), null, null).statusCode(400)
                .contentType(startsWith("application/problem+json"));
        activate("not-a-uuid", p.token(), publicKey(keys), null, signature).statusCode(400);
        activate(p.factorId(), "not a token!", publicKey(keys), null, signature).statusCode(400);
        activate(p.factorId(), p.token(), publicKey(keys), "<script>", signature).statusCode(400);
        activate(p.factorId(), p.token(), publicKey(keys), "x".repeat(65), signature).statusCode(400);
        given().contentType(ContentType.JSON).body("{").post("/api/v1/devices/activate").then().statusCode(400);

        assertThat(status(p.factorId())).isEqualTo("PENDING_ACTIVATION");
        activate(p, keys, "desk phone").statusCode(200);
    }

    @Test
    void anExpiredActivationTimesOutAndCannotBeUsed() throws Exception {
        Pending p = enrollWithoutKey();
        // expiry simulated: the activation's key is gone from Redis
        redis.key().del(redisKey(p.factorId()));
        poll(p.userId(), p.factorId()).statusCode(200).body("factorResult", equalTo("TIMEOUT")).body("expiresAt", equalTo(null));
        activate(p, PushFactorTest.newKeys(), null).statusCode(404).body("detail", equalTo("no such activation"));
        assertThat(status(p.factorId())).isEqualTo("PENDING_ACTIVATION");
        // enrolling again gives a new factor and activation
        Pending again = enrollWithoutKey(p.userId(), "{\"factorType\": \"push\"}");
        assertThat(again.factorId()).isNotEqualTo(p.factorId());
        assertThat(again.token()).isNotEqualTo(p.token());
        activate(again, PushFactorTest.newKeys(), null).statusCode(200);
    }

    @Test
    void aFactorNoLongerPendingCannotBeActivated() throws Exception {
        Pending first = enrollWithoutKey();
        // a second enrollment replaces the pending one: the first factor is reset, its token no longer activates anything
        Pending second = enrollWithoutKey(first.userId(), "{\"factorType\": \"push\"}");
        assertThat(status(first.factorId())).isEqualTo("INACTIVE");
        activate(first, PushFactorTest.newKeys(), null).statusCode(409).contentType(startsWith("application/problem+json"));
        poll(first.userId(), first.factorId()).statusCode(404);
        // a pending factor reset by the user
        admin().delete("/api/v1/users/" + second.userId() + "/factors/" + second.factorId()).then().statusCode(204);
        activate(second, PushFactorTest.newKeys(), null).statusCode(409);
        assertThat(status(second.factorId())).isEqualTo("INACTIVE");
    }

    @Test
    void pollingIsForPushFactorsAndTheirOwners() throws Exception {
        PushFactorTest.Device withKey = PushFactorTest.enroll();
        // enrolled with a key: active at once, nothing in Redis, the poll says so
        assertThat(redis.key().exists(redisKey(withKey.factorId()))).isFalse();
        poll(withKey.userId(), withKey.factorId()).statusCode(200).body("factorResult", equalTo("SUCCESS"));

        String totp = admin().body("{\"factorType\": \"token:software:totp\"}").post("/api/v1/users/" + withKey.userId() + "/factors")
                .then().statusCode(200).extract().path("id");
        poll(withKey.userId(), totp).statusCode(400).contentType(startsWith("application/problem+json"));
        poll(withKey.userId(), UUID.randomUUID().toString()).statusCode(404).contentType(startsWith("application/problem+json"));

        Pending p = enrollWithoutKey();
        String path = "/api/v1/users/" + p.userId() + "/factors/" + p.factorId() + "/lifecycle/activate/poll";
        // the user themself and auth-flow may poll; another user may not
        given().auth().oauth2(TestTokens.token(p.userId(), "user")).get(path).then().statusCode(200)
                .body("factorResult", equalTo("WAITING"));
        given().auth().oauth2(Fixtures.service()).get(path).then().statusCode(200).body("factorResult", equalTo("WAITING"));
        given().auth().oauth2(TestTokens.token(withKey.userId(), "user")).get(path).then().statusCode(403);
        given().get(path).then().statusCode(401);
    }

    @Test
    void theCommandLineDeviceActivatesAndThenAnswers() throws Exception {
        Pending p = enrollWithoutKey();
        Path keyFile = Files.createTempFile("sequent-verify", ".properties");
        String url = "http://127.0.0.1:" + RestAssured.port;
        // the test service listens on a random port, not on the configured device URL
        String uri = p.activationUri().replace("url=" + URLEncoder.encode(p.url(), StandardCharsets.UTF_8),
                "url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        assertThat(uri).isNotEqualTo(p.activationUri());
        Cli activated = cli("activate", "--activation", uri, "--name", "cli", "--key-file", keyFile.toString());
        assertThat(activated.exit()).as(activated.output()).isZero();
        assertThat(activated.output().strip()).isEqualTo("activated push factor " + p.factorId());
        assertThat(row("select status, display from factor where id = ?", UUID.fromString(p.factorId())))
                .containsEntry("status", "ACTIVE").containsEntry("display", "cli");

        // the key file is the one enroll writes: list and answer work with it
        var d = new PushFactorTest.Device(p.userId(), p.factorId(), null);
        PushFactorTest.Challenge c = PushFactorTest.challenge(d);
        assertThat(cli("list", "--url", url, "--key-file", keyFile.toString()).output()).contains(c.id());
        assertThat(cli("answer", "--url", url, "--key-file", keyFile.toString(), "--challenge", c.id(),
                "--number", Integer.toString(c.correctAnswer())).output()).contains("approved " + c.id());
        assertThat(PushFactorTest.poll(d, c)).isEqualTo("SUCCESS");

        // the same URI again: refused, the status and body on stderr, a non-zero exit, the key file kept
        String before = Files.readString(keyFile);
        Cli again = cli("activate", "--activation", uri, "--key-file", keyFile.toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("HTTP 404").contains("no such activation");
        assertThat(Files.readString(keyFile)).isEqualTo(before);
        Files.deleteIfExists(keyFile);
    }

    record Cli(int exit, String output) {
    }

    private static Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "tools/SequentVerify.java"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Cli(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
