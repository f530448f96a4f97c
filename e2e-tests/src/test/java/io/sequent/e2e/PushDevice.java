package io.sequent.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A push device as factor-service's {@code tools/SequentVerify.java} is one: a P-256 key whose public
 * half is enrolled as the push factor, and the device API (no bearer token, every request signed)
 * to list pending challenges and answer one with the number the sign-in screen shows.
 */
final class PushDevice {

    final String factorId;
    private final KeyPair keys;

    private PushDevice(String factorId, KeyPair keys) {
        this.factorId = factorId;
        this.keys = keys;
    }

    /** Enrolls a new device for the user through the admin API (push is ACTIVE at once). */
    static PushDevice enroll(String userId, String name) {
        KeyPair keys = newKeys();
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        String id = Factors.admin()
                .body("{\"factorType\": \"push\", \"profile\": {\"publicKey\": \"" + publicKey + "\", \"deviceName\": \"" + name + "\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract().path("id");
        Factors.awaitSignInSees(userId, id);
        return new PushDevice(id, keys);
    }

    /** The pending challenges: each offers three numbers, one of them the sign-in screen's. */
    List<Map<String, Object>> pending() {
        long ts = Instant.now().getEpochSecond();
        return given().baseUri(Suite.Service.FACTOR.url())
                .queryParam("ts", ts).queryParam("sig", sign("sequent-push-list|" + factorId + "|" + ts))
                .get("/api/v1/devices/" + factorId + "/challenges").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits for the challenge offering {@code number} and answers it (number matching). */
    void answer(int number, boolean approve) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline)) {
            for (Map<String, Object> c : pending()) {
                @SuppressWarnings("unchecked")
                List<Integer> choices = (List<Integer>) c.get("choices");
                if (choices.contains(number)) {
                    answer((String) c.get("challengeId"), number, approve ? "APPROVE" : "REJECT");
                    return;
                }
            }
            Suite.sleep(200);
        }
        throw new AssertionError("no push challenge offering " + number + " reached device " + factorId);
    }

    private void answer(String challengeId, int number, String decision) {
        given().baseUri(Suite.Service.FACTOR.url()).contentType(ContentType.JSON)
                .body("{\"decision\": \"" + decision + "\", \"number\": " + number + ", \"signature\": \""
                        + sign("sequent-push-answer|" + challengeId + "|" + decision + "|" + number) + "\"}")
                .post("/api/v1/devices/" + factorId + "/challenges/" + challengeId).then().statusCode(204);
    }

    private String sign(String text) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
