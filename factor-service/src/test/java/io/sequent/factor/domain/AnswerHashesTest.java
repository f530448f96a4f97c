package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

class AnswerHashesTest {

    private static final byte[] K0 = filled(1);
    private static final byte[] K1 = filled(2);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static AnswerHashes ring(String active) {
        return new AnswerHashes(Map.of("k0", K0, "k1", K1), active, new SecureRandom());
    }

    @Test
    void theRightAnswerVerifiesAndAWrongOneDoesNot() {
        AnswerHashes hashes = ring("k1");
        String stored = hashes.hash("Brussels sprouts");
        assertThat(hashes.verify("Brussels sprouts", stored)).isTrue();
        assertThat(hashes.verify("Brussels sprout", stored)).isFalse();
        assertThat(hashes.verify("carrots", stored)).isFalse();
        assertThat(hashes.verify("", stored)).isFalse();
    }

    @Test
    void answersAreComparedAfterNormalisingCaseSpacesAndWidth() {
        AnswerHashes hashes = ring("k1");
        String stored = hashes.hash("  Brussels   SPROUTS ");
        assertThat(hashes.verify("brussels sprouts", stored)).isTrue();
        assertThat(hashes.verify("ＢＲＵＳＳＥＬＳ sprouts", stored)).isTrue();
        assertThat(hashes.verify("brusselssprouts", stored)).isFalse();
    }

    @Test
    void theStringNamesItsKeyAndHoldsASaltAndAMacButNotTheAnswer() {
        AnswerHashes hashes = ring("k1");
        String stored = hashes.hash("olives");
        assertThat(stored).matches("\\$hmac-sha256\\$k=k1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}").doesNotContain("olives");
        assertThat(AnswerHashes.isKeyed(stored)).isTrue();
        assertThat(AnswerHashes.isKeyed("$argon2id$v=19$m=7168,t=5,p=1$AAAA$AAAA")).isFalse();
        // a fresh salt every time: two hashes of one answer differ, and both verify
        String again = hashes.hash("olives");
        assertThat(again).isNotEqualTo(stored);
        assertThat(hashes.verify("olives", again)).isTrue();
    }

    @Test
    void theMacIsHmacSha256OverSaltAndNormalisedAnswerUnderAnHkdfKeyOfTheRing() throws Exception {
        String stored = ring("k0").hash(" Olives ");
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(K0, null, "sequent answer hash".getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(salt);
        byte[] expected = mac.doFinal("olives".getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getDecoder().decode(parts[4])).isEqualTo(expected);
        // not the ring key itself: the derived key is another one
        Mac raw = Mac.getInstance("HmacSHA256");
        raw.init(new SecretKeySpec(K0, "HmacSHA256"));
        raw.update(salt);
        assertThat(raw.doFinal("olives".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(expected);
    }

    @Test
    void aHashUnderAnOldKeyStillVerifiesAfterRotationAndIsDueForRehashing() {
        String old = ring("k0").hash("capers");
        AnswerHashes rotated = ring("k1");
        assertThat(rotated.verify("capers", old)).isTrue();
        assertThat(rotated.needsRehash(old)).isTrue();
        String current = rotated.hash("capers");
        assertThat(current).startsWith("$hmac-sha256$k=k1$");
        assertThat(rotated.needsRehash(current)).isFalse();
        assertThat(rotated.needsRehash("$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA")).isTrue();
    }

    @Test
    void aKeyIdMissingFromTheRingIsRefusedWithAClearError() {
        String stored = ring("k1").hash("capers");
        AnswerHashes withoutK1 = new AnswerHashes(Map.of("k0", K0), "k0", new SecureRandom());
        assertThatThrownBy(() -> withoutK1.verify("capers", stored))
                .isInstanceOf(AnswerHashes.UnknownKeyException.class)
                .hasMessageContaining("'k1'").hasMessageContaining("not in the key ring");
        assertThatThrownBy(() -> withoutK1.verify("capers", stored.replace("k=k1", "k=k9")))
                .isInstanceOf(AnswerHashes.UnknownKeyException.class).hasMessageContaining("'k9'");
    }

    @Test
    void aTamperedStringNeverVerifies() {
        AnswerHashes hashes = ring("k1");
        String stored = hashes.hash("capers");
        String[] parts = stored.split("\\$");
        // another key of the ring named: the MAC does not match under it
        assertThat(hashes.verify("capers", stored.replace("k=k1", "k=k0"))).isFalse();
        // one character of the salt or of the MAC changed
        assertThat(hashes.verify("capers", stored.replace(parts[3], flipFirst(parts[3])))).isFalse();
        assertThat(hashes.verify("capers", stored.replace(parts[4], flipFirst(parts[4])))).isFalse();
        // truncated, lengthened, reordered, emptied, not base64, another scheme
        assertThat(hashes.verify("capers", stored.substring(0, stored.length() - 4))).isFalse();
        assertThat(hashes.verify("capers", stored + "AAAA")).isFalse();
        assertThat(hashes.verify("capers", stored + "$")).isFalse();
        assertThat(hashes.verify("capers", "$hmac-sha256$k=k1$" + parts[4] + "$" + parts[3])).isFalse();
        assertThat(hashes.verify("capers", "$hmac-sha256$k=k1$$")).isFalse();
        assertThat(hashes.verify("capers", "$hmac-sha256$k=k1$" + parts[3] + "$" + "*" + parts[4].substring(1))).isFalse();
        assertThat(hashes.verify("capers", "$hmac-sha256$" + parts[3] + "$" + parts[4])).isFalse();
        assertThat(hashes.verify("capers", "$hmac-sha1$k=k1$" + parts[3] + "$" + parts[4])).isFalse();
        assertThat(hashes.verify("capers", null)).isFalse();
        assertThat(hashes.verify("capers", stored)).isTrue();
    }

    @Test
    void refusesBadKeyRings() {
        assertThatThrownBy(() -> new AnswerHashes(Map.of("k0", new byte[16]), "k0", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new AnswerHashes(Map.of("k0", K0), "k1", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the key ring");
        // the active id is written into every hash: a '$' would break the format
        assertThatThrownBy(() -> new AnswerHashes(Map.of("k$0", K0), "k$0", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k$0'");
    }

    private static String flipFirst(String base64) {
        return (base64.charAt(0) == 'A' ? "B" : "A") + base64.substring(1);
    }
}
