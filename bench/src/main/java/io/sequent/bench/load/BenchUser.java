package io.sequent.bench.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.Totp;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One benchmark user and the secrets of their factors. A TOTP code is accepted once per time step
 * (S13), so a user signs in with TOTP at most once per step after the first window: the generator
 * tracks the last step it used and skips users with none left.
 */
final class BenchUser {

    public String userId;
    public String username;
    public String totpSecret;
    public String answer;
    public String password;
    public String pushFactorId;
    public String pushPrivateKey;

    /** Saved with the pool: a pool reused by the next run must not offer a step factor-service has accepted. */
    private final AtomicLong lastTotpStep = new AtomicLong(Long.MIN_VALUE);
    @JsonIgnore
    private final AtomicBoolean busy = new AtomicBoolean();
    /** When the user's last push challenges were taken, epoch millis (not saved: the server forgets after a minute). */
    @JsonIgnore
    private final java.util.concurrent.atomic.AtomicReference<long[]> pushTimes = new java.util.concurrent.atomic.AtomicReference<>();

    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }

    /**
     * A code for a step not yet used within the accepted ±1 window, or null when this user has none left now.
     * The previous step only in the first half of the current one: late in a step it has almost no time left,
     * and a request delayed past the step's end would carry a code the server no longer accepts.
     */
    String nextTotpCode(Instant now) {
        long current = Totp.DEFAULT.step(now);
        boolean earlyInStep = (now.getEpochSecond() % 30) < 15;
        for (long step = earlyInStep ? current - 1 : current; step <= current + 1; step++) {
            long last = lastTotpStep.get();
            if (step > last && lastTotpStep.compareAndSet(last, step)) {
                return Totp.DEFAULT.code(Base32.decode(totpSecret), step);
            }
        }
        return null;
    }

    public long getLastTotpStep() {
        return lastTotpStep.get();
    }

    public void setLastTotpStep(long step) {
        lastTotpStep.set(step);
    }

    /** Records a step the server has seen accepted (the activation's), so the generator never offers it again. */
    void totpStepUsed(long step) {
        lastTotpStep.accumulateAndGet(step, Math::max);
    }

    /**
     * Takes one of the user's push challenges when fewer than {@code perMinute} were taken in the last minute:
     * factor-service refuses more (429, {@code sequent.factor.push.max-per-minute}, 5 by default), and a refusal
     * the generator caused would measure the generator, not the suite.
     */
    boolean tryPush(Instant now, int perMinute) {
        long nowMillis = now.toEpochMilli();
        synchronized (pushTimes) {
            long[] times = pushTimes.get();
            if (times == null || times.length != perMinute) {
                times = new long[perMinute];
                pushTimes.set(times);
            }
            int oldest = 0;
            for (int i = 1; i < times.length; i++) {
                if (times[i] < times[oldest]) {
                    oldest = i;
                }
            }
            // a minute and a little more: the server's window opens when the push is sent, a moment after this pick
            if (nowMillis - times[oldest] < 62_000) {
                return false;
            }
            times[oldest] = nowMillis;
            return true;
        }
    }

    boolean hasTotpCode(Instant now) {
        return Totp.DEFAULT.step(now) + 1 > lastTotpStep.get();
    }

    String signPush(String text) throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pushPrivateKey)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }
}
