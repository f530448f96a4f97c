package io.sequent.factor.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Keyed hashes of security-question answers: {@code $hmac-sha256$k=<keyId>$<salt>$<mac>} (PHC style, base64
 * without padding), the MAC being HMAC-SHA-256 over {@code salt || normalised answer} under a key derived with HKDF
 * (RFC 5869, SHA-256, info {@value #LABEL}) from the AES key of that id in the factor key ring. An answer is low in
 * entropy, so a slow hash barely slows a dictionary attack on it while costing every sign-in its CPU; a keyed hash
 * takes microseconds, and a copy of the database without the key ring gives nothing to guess against. The key id
 * travels with the hash: after a rotation old ids stay in the ring and their hashes still verify.
 */
public final class AnswerHashes {

    public static final String PREFIX = "$hmac-sha256$";
    static final String LABEL = "sequent answer hash";
    private static final int SALT_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** What a key id may hold to be written into a hash string (the PHC value characters, without the separators). */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random;

    /** Thrown when a hash names a key id that is not in the ring: the hash cannot be checked (never a match). */
    public static final class UnknownKeyException extends RuntimeException {
        UnknownKeyException(String keyId) {
            super("the answer hash was made under key id '" + keyId + "', which is not in the key ring");
        }
    }

    /** {@code keysById}: the factor key ring (32-byte AES keys), as {@link SecretCipher} holds it. */
    public AnswerHashes(Map<String, byte[]> keysById, String activeKeyId, SecureRandom random) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Objects.requireNonNull(random, "random");
        if (!keysById.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' is not in the key ring");
        }
        if (!KEY_ID.matcher(activeKeyId).matches()) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-' to be written into answer hashes");
        }
        Map<String, SecretKeySpec> derived = new TreeMap<>();
        keysById.forEach((id, key) -> {
            if (key == null || key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256)");
            }
            derived.put(id, new SecretKeySpec(derive(key), "HmacSHA256"));
        });
        this.keys = Map.copyOf(derived);
        this.activeKeyId = activeKeyId;
        this.random = random;
    }

    /** Whether a stored verifier is in this keyed form (anything else is a legacy {@link Argon2id} hash). */
    public static boolean isKeyed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The keyed hash of {@code answer} (normalised here, see {@link Answers}) under the active key, with a fresh salt. */
    public String hash(String answer) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + "k=" + activeKeyId + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(mac(keys.get(activeKeyId), salt, answer));
    }

    /**
     * Whether {@code answer} (normalised here) matches the keyed hash, compared in constant time; false for a
     * malformed or altered string. Throws {@link UnknownKeyException} when the key id it names is not in the ring.
     */
    public boolean verify(String answer, String stored) {
        Objects.requireNonNull(answer, "answer");
        if (!isKeyed(stored)) {
            return false;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3 || !parts[0].startsWith("k=")) {
            return false;
        }
        String keyId = parts[0].substring(2);
        byte[] salt;
        byte[] expected;
        try {
            salt = B64D.decode(parts[1]);
            expected = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (salt.length != SALT_BYTES || expected.length != MAC_BYTES) {
            return false;
        }
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new UnknownKeyException(keyId);
        }
        return MessageDigest.isEqual(expected, mac(key, salt, answer));
    }

    /** Whether a keyed hash (one that just verified) was made under another key than the active one: hash it again. */
    public boolean needsRehash(String stored) {
        return !isKeyed(stored) || !stored.startsWith(PREFIX + "k=" + activeKeyId + "$");
    }

    private static byte[] derive(byte[] ringKey) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ringKey, null, LABEL.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    private static byte[] mac(SecretKeySpec key, byte[] salt, String answer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(salt);
            return mac.doFinal(Answers.normalise(answer).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }
}
