package io.sequent.factor.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Push devices' P-256 keys: a device enrolls its public key (X.509 SubjectPublicKeyInfo, base64) and
 * signs what it sends with ECDSA over SHA-256 (DER signatures, base64). The signed texts are fixed
 * here so device and service agree on them.
 */
public final class DeviceKeys {

    private DeviceKeys() {
    }

    /** The key, when the text is a base64 P-256 public key. */
    public static Optional<ECPublicKey> parse(String base64) {
        if (base64 == null) {
            return Optional.empty();
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
            if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                return Optional.of(ec);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean verify(ECPublicKey key, String message, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** What a device signs to answer a challenge. */
    public static String answerText(String challengeId, String decision, int number) {
        return "sequent-push-answer|" + challengeId + "|" + decision + "|" + number;
    }

    /** What a device signs to activate a pending push factor with the token of its activation URI. */
    public static String activateText(String factorId, String token) {
        return "sequent-push-activate|" + factorId + "|" + token;
    }

    /** What a device signs to list its pending challenges at {@code epochSecond}. */
    public static String listText(String factorId, long epochSecond) {
        return "sequent-push-list|" + factorId + "|" + epochSecond;
    }
}
