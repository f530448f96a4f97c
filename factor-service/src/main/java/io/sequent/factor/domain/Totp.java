package io.sequent.factor.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (RFC 4226 dynamic truncation). The defaults, SHA-1, six
 * digits and 30-second steps, are what Google Authenticator and compatible apps expect.
 *
 * @param algorithm  HmacSHA1, HmacSHA256 or HmacSHA512
 * @param digits     6 to 8
 * @param stepSeconds the time step (30 by default)
 * @param skewSteps  how many steps either side of now are accepted (1 by default)
 */
public record Totp(String algorithm, int digits, int stepSeconds, int skewSteps) {

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    public static final Totp DEFAULT = new Totp("HmacSHA1", 6, 30, 1);

    public Totp {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.equals("HmacSHA1") && !algorithm.equals("HmacSHA256") && !algorithm.equals("HmacSHA512")) {
            throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8");
        }
        if (stepSeconds < 1) {
            throw new IllegalArgumentException("stepSeconds must be positive");
        }
        if (skewSteps < 0 || skewSteps > 10) {
            throw new IllegalArgumentException("skewSteps must be 0 to 10");
        }
    }

    /** The time step an instant falls in. */
    public long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), stepSeconds);
    }

    /** The code for one time step, zero-padded to {@code digits}. */
    public String code(byte[] secret, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step & 0xff);
            step >>>= 8;
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(counter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The time step whose code matches {@code code} within the skew window around {@code now}, the
     * most recent first; empty when none does. Comparison is constant-time per candidate.
     */
    public OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null || code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long found = Long.MIN_VALUE;
        for (long s = current + skewSteps; s >= current - skewSteps; s--) {
            boolean match = MessageDigest.isEqual(given, code(secret, s).getBytes(StandardCharsets.US_ASCII));
            if (match && found == Long.MIN_VALUE) {
                found = s;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The {@code otpauth://} URI authenticator apps scan (Google Authenticator key-URI format). */
    public String uri(String issuer, String account, byte[] secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + enc(issuer)
                + "&algorithm=" + algorithm.substring(4) + "&digits=" + digits + "&period=" + stepSeconds;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
