package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B. */
    @ParameterizedTest
    @CsvSource({
            "59,94287082,46119246,90693936",
            "1111111109,07081804,68084774,25091201",
            "1111111111,14050471,67062674,99943326",
            "1234567890,89005924,91819424,93441116",
            "2000000000,69279037,90698825,38618901",
            "20000000000,65353130,77737706,47863826"})
    void matchesRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(time);
        assertThat(code("HmacSHA1", SHA1_SEED, at)).isEqualTo(sha1);
        assertThat(code("HmacSHA256", SHA256_SEED, at)).isEqualTo(sha256);
        assertThat(code("HmacSHA512", SHA512_SEED, at)).isEqualTo(sha512);
    }

    private static String code(String algorithm, byte[] seed, Instant at) {
        Totp totp = new Totp(algorithm, 8, 30, 1);
        return totp.code(seed, totp.step(at));
    }

    @Test
    void defaultIsSixDigitSha1ThirtySecondsLikeGoogleAuthenticator() {
        Instant at = Instant.ofEpochSecond(59);
        assertThat(Totp.DEFAULT.code(SHA1_SEED, Totp.DEFAULT.step(at))).isEqualTo("287082");
    }

    @Test
    void acceptsOneStepOfSkewEitherSideAndReportsTheMatchingStep() {
        Instant now = Instant.ofEpochSecond(1_000_000_000L);
        long step = Totp.DEFAULT.step(now);
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, Totp.DEFAULT.code(SHA1_SEED, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, Totp.DEFAULT.code(SHA1_SEED, step), now)).hasValue(step);
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, Totp.DEFAULT.code(SHA1_SEED, step + 1), now)).hasValue(step + 1);
    }

    @Test
    void refusesCodesTwoStepsAway() {
        Instant now = Instant.ofEpochSecond(1_000_000_000L);
        long step = Totp.DEFAULT.step(now);
        String old = Totp.DEFAULT.code(SHA1_SEED, step - 2);
        String future = Totp.DEFAULT.code(SHA1_SEED, step + 2);
        // unless a collision within the window, which these fixed values do not have
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, old, now)).isEmpty();
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, future, now)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, null, now)).isEmpty();
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, "28708", now)).isEmpty();
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, "2870820", now)).isEmpty();
        assertThat(Totp.DEFAULT.matchingStep(SHA1_SEED, "28708a", now)).isEmpty();
    }

    @Test
    void buildsAGoogleAuthenticatorKeyUri() {
        String uri = Totp.DEFAULT.uri("Sequent", "dana@acme.example", "12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(uri).isEqualTo("otpauth://totp/Sequent:dana%40acme.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Sequent&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new Totp("MD5", 6, 30, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp("HmacSHA1", 5, 30, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp("HmacSHA1", 6, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp("HmacSHA1", 6, 30, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("mzxw6ytboi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThatThrownBy(() -> Base32.decode("M1")).isInstanceOf(IllegalArgumentException.class);
    }
}
