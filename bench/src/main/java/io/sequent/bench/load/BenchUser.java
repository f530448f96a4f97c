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
