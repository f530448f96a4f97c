package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] K0 = filled(1);
    private static final byte[] K1 = filled(2);
    private static final byte[] SEED = "seed-bytes-0123456789".getBytes(StandardCharsets.UTF_8);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void sealsUnderTheActiveKeyAndOpensAgain() {
        SecretCipher cipher = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        SecretCipher.Sealed sealed = cipher.seal(SEED, "user/factor");
        assertThat(sealed.keyId()).isEqualTo("k0");
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("seed-bytes");
        assertThat(cipher.open(sealed, "user/factor")).isEqualTo(SEED);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        SecretCipher cipher = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        assertThat(cipher.seal(SEED, "a").bytes()).isNotEqualTo(cipher.seal(SEED, "a").bytes());
    }

    @Test
    void oldKeyIdsStillOpenAfterRotation() {
        SecretCipher before = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        SecretCipher.Sealed old = before.seal(SEED, "row");
        SecretCipher after = new SecretCipher(Map.of("k0", K0, "k1", K1), "k1", new SecureRandom());
        assertThat(after.open(old, "row")).isEqualTo(SEED);
        assertThat(after.seal(SEED, "row").keyId()).isEqualTo("k1");
    }

    @Test
    void refusesASecretMovedToAnotherRow() {
        SecretCipher cipher = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        SecretCipher.Sealed sealed = cipher.seal(SEED, "user-a/factor-1");
        assertThatThrownBy(() -> cipher.open(sealed, "user-b/factor-1")).isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void refusesTamperedBytes() {
        SecretCipher cipher = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        byte[] bytes = cipher.seal(SEED, "row").bytes();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k0", bytes), "row"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void refusesAnUnknownKeyIdAndRelabelledCiphertext() {
        SecretCipher cipher = new SecretCipher(Map.of("k0", K0, "k1", K1), "k0", new SecureRandom());
        byte[] bytes = cipher.seal(SEED, "row").bytes();
        assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k9", bytes), "row"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open(new SecretCipher.Sealed("k1", bytes), "row"))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void refusesBadKeyRings() {
        assertThatThrownBy(() -> new SecretCipher(Map.of("k0", new byte[16]), "k0", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretCipher(Map.of("k0", K0), "k1", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void macIsKeyedAndPurposeBound() {
        SecretCipher a = new SecretCipher(Map.of("k0", K0), "k0", new SecureRandom());
        SecretCipher b = new SecretCipher(Map.of("k1", K1), "k1", new SecureRandom());
        assertThat(a.mac("code:f1", "123456")).isEqualTo(a.mac("code:f1", "123456"));
        assertThat(a.mac("code:f1", "123456")).isNotEqualTo(a.mac("code:f2", "123456"));
        assertThat(a.mac("code:f1", "123456")).isNotEqualTo(b.mac("code:f1", "123456"));
    }
}
