package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealsAndOpensWithoutKeepingThePlaintext() {
        var box = new SecretBox(Map.of("k1", key(1)), "k1");
        var sealed = box.seal("Adm1n-Passw0rd");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Adm1n");
        assertThat(box.open(sealed)).isEqualTo("Adm1n-Passw0rd");
        assertThat(box.seal("Adm1n-Passw0rd").ciphertext()).as("random nonce").isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void oldSecretsOpenAfterRotation() {
        var sealed = new SecretBox(Map.of("k1", key(1)), "k1").seal("s");
        var rotated = new SecretBox(Map.of("k1", key(1), "k2", key(2)), "k2");
        assertThat(rotated.open(sealed)).isEqualTo("s");
        assertThat(rotated.seal("s").keyId()).isEqualTo("k2");
    }

    @Test
    void tamperingOrAWrongKeyIdFails() {
        var box = new SecretBox(Map.of("k1", key(1), "k2", key(2)), "k1");
        var sealed = box.seal("s");
        byte[] bad = sealed.ciphertext().clone();
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(new SecretBox.Sealed("k1", bad))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(new SecretBox.Sealed("k2", sealed.ciphertext()))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(new SecretBox.Sealed("k9", sealed.ciphertext()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesShortKeysAndAMissingActiveKey() {
        assertThatThrownBy(() -> new SecretBox(Map.of("k1", new byte[16]), "k1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(Map.of("k1", key(1)), "k2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adGuidBytesRoundTrip() {
        // objectGUID:: BmCujqyZn0KuGuQq9x+qTQ== from the sample directory
        byte[] raw = java.util.Base64.getDecoder().decode("BmCujqyZn0KuGuQq9x+qTQ==");
        UUID id = Guids.fromAdBytes(raw);
        assertThat(id).isEqualTo(UUID.fromString("8eae6006-99ac-429f-ae1a-e42af71faa4d"));
        assertThat(Guids.toAdBytes(id)).isEqualTo(raw);
        assertThat(Guids.filterValue(id)).startsWith("\\06\\60\\ae\\8e");
    }
}
