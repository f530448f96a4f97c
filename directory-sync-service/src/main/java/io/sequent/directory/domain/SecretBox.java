package io.sequent.directory.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest (a directory's bind password) under AES-256-GCM with a random 96-bit nonce. Keys have
 * ids, so a key can be rotated: new secrets use the active key, old ones stay readable with theirs.
 * The key id is bound to the ciphertext as associated data.
 */
public final class SecretBox {

    public record Sealed(String keyId, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256)");
            }
        });
        if (!this.keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key " + activeKeyId + " is not configured");
        }
        this.activeKeyId = activeKeyId;
    }

    public Sealed seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ct = crypt(Cipher.ENCRYPT_MODE, activeKeyId, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(activeKeyId, ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array());
    }

    public String open(Sealed sealed) {
        if (!keys.containsKey(sealed.keyId())) {
            throw new IllegalStateException("no key " + sealed.keyId() + " to open a stored secret");
        }
        byte[] all = sealed.ciphertext();
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("stored secret is truncated");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        byte[] ct = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(crypt(Cipher.DECRYPT_MODE, sealed.keyId(), nonce, ct), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, String keyId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keys.get(keyId), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored secret cannot be opened with key " + keyId);
        }
    }
}
