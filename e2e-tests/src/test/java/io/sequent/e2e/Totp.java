package io.sequent.e2e;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for one TOTP factor: RFC 6238 (HMAC-SHA-1, 6 digits, 30 s), the parameters
 * factor-service announces in its activation. The JDK's HMAC is all it takes, so no library. The
 * service accepts each time step once (S13) and the steps next to the current one, so every code this
 * app gives is for a step after the last one it gave, waiting for the clock when it must.
 */
final class Totp {

    final String factorId;
    private final byte[] secret;
    private static final long STEP_MILLIS = 30_000;
    private static final long MARGIN_MILLIS = 5_000;

    private long lastStep = Long.MIN_VALUE;

    Totp(String factorId, String base32Secret) {
        this.factorId = factorId;
        this.secret = base32(base32Secret);
    }

    /**
     * A code the service has not seen yet: the earliest step after the last one used that the service
     * accepts now and will still accept for a while. A step's code is accepted until the step after it
     * ends, so a step whose acceptance ends within {@link #MARGIN_MILLIS} is passed over: a code made
     * just before a step boundary would otherwise be stale by the time a slow request reaches the
     * service.
     */
    synchronized String nextCode() {
        long step = lastStep + 1;
        while (true) {
            long now = System.currentTimeMillis();
            long current = now / STEP_MILLIS;
            step = Math.max(step, current - 1);
            long acceptedUntil = (step + 2) * STEP_MILLIS;
            if (acceptedUntil - now < MARGIN_MILLIS) {
                step++;
                continue;
            }
            if (step <= current + 1) {
                break;
            }
            Suite.sleep(500);
        }
        lastStep = step;
        return code(step);
    }

    /** A code that is certainly wrong now (none of the steps the service accepts gives it). */
    String wrongCode() {
        long now = Instant.now().getEpochSecond() / 30;
        for (int candidate = 0; ; candidate++) {
            String c = String.format("%06d", (candidate * 7919) % 1_000_000);
            if (!c.equals(code(now - 1)) && !c.equals(code(now)) && !c.equals(code(now + 1))) {
                return c;
            }
        }
    }

    String code(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int v = alphabet.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
