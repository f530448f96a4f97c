package io.sequent.factor.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest under a named key. New secrets are sealed under the
 * active key; every key of the ring still opens what it sealed, so keys rotate by adding a new one,
 * making it active, and re-sealing at leisure. The associated data binds a ciphertext to its row (a
 * sealed secret copied onto another factor does not open).
 */
public final class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random;

    /** A sealed secret: the key id it was sealed under and {@code iv || ciphertext || tag}. */
    public record Sealed(String keyId, byte[] bytes) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("sealed secret too short");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** Thrown when a secret cannot be opened: unknown key id, wrong row or tampered bytes. */
    public static final class UnreadableSecretException extends RuntimeException {
        UnreadableSecretException(String message) {
            super(message);
        }
    }

    public SecretCipher(Map<String, byte[]> keysById, String activeKeyId, SecureRandom random) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Objects.requireNonNull(random, "random");
        if (!keysById.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key id '" + activeKeyId + "' is not in the key ring");
        }
        Map<String, SecretKeySpec> ring = new TreeMap<>();
        keysById.forEach((id, key) -> {
            if (key == null || key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256)");
            }
            ring.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        this.keys = Map.copyOf(ring);
        this.activeKeyId = activeKeyId;
        this.random = random;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(byte[] plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(activeKeyId, associatedData));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new Sealed(activeKeyId, ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public byte[] open(Sealed sealed, String associatedData) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new UnreadableSecretException("no key with id '" + sealed.keyId() + "' in the key ring");
        }
        byte[] bytes = sealed.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(sealed.keyId(), associatedData));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableSecretException("sealed secret does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA-256) under a key derived from the active key, for short-lived values
     * that are compared but never read back (one-time codes).
     */
    public byte[] mac(String purpose, String value) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(keys.get(activeKeyId));
            byte[] derived = derive.doFinal(("sequent-factor-mac:" + purpose).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derived, "HmacSHA256"));
            Arrays.fill(derived, (byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    private static byte[] aad(String keyId, String associatedData) {
        return (keyId + "|" + associatedData).getBytes(StandardCharsets.UTF_8);
    }
}
