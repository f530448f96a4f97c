package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.config.FactorSettings;
import io.sequent.factor.domain.DeviceKeys;
import io.sequent.factor.domain.NumberMatching;
import io.sequent.factor.domain.VerifyOutcome;
import io.sequent.factor.persistence.FactorEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Push with number matching: a challenge shows a two-digit number on the sign-in screen; the device
 * lists its pending challenges (three numbers each) and answers, signing with its enrolled key.
 */
@ApplicationScoped
public class PushChallenges {

    private final PushStore store;
    private final FactorService factors;
    private final FactorSettings settings;
    private final SecureRandom random;
    private final Clock clock;

    public PushChallenges(PushStore store, FactorService factors, FactorSettings settings, SecureRandom random, Clock clock) {
        this.store = store;
        this.factors = factors;
        this.settings = settings;
        this.random = random;
        this.clock = clock;
    }

    /** A new challenge (WAITING) with the number to show; 429 past the per-user rate. */
    Uni<Verifier.Challenge> challenge(FactorEntity f) {
        return store.countPush(f.userId).chain(count -> {
            if (count > settings.push().maxPerMinute()) {
                return Uni.createFrom().failure(new ProblemException(429, "Too Many Requests",
                        "too many push challenges for this user; try again in a minute", "E0000047", 60L));
            }
            NumberMatching.Numbers numbers = NumberMatching.draw(random);
            return store.create(f.id, numbers, settings.push().ttl()).map(p -> new Verifier.Challenge(f.id, f.factorType.wireName(),
                    "WAITING", p.expiresAt(), f.display, null, null, null, p.challengeId(), numbers.correct()));
        }).invoke(c -> Log.infof("user %s factor %s: push challenge %s created", f.userId, f.id, c.challengeId()));
    }

    /** What the device has done with the challenge so far; a final answer is consumed. */
    Uni<VerifyOutcome> poll(FactorEntity f, String challengeId) {
        return store.consume(f.id, challengeId).map(state -> switch (state) {
            case WAITING -> VerifyOutcome.WAITING;
            case TIMEOUT -> VerifyOutcome.TIMEOUT;
            case REJECTED -> VerifyOutcome.REJECTED;
            case MATCHED -> VerifyOutcome.SUCCESS;
            case MISMATCHED -> VerifyOutcome.INVALID;
            case NO_SUCH -> VerifyOutcome.EXPIRED;
        });
    }

    /** The device's pending challenges; the request is signed over {@code sequent-push-list|factorId|epochSecond}. */
    public Uni<List<PushStore.Pending>> pending(UUID factorId, long epochSecond, String signature) {
        if (Math.abs(clock.instant().getEpochSecond() - epochSecond) > 60) {
            throw ProblemException.forbidden("the signed time is more than 60 s away from the service's clock");
        }
        return deviceKey(factorId).chain(key -> {
            if (!DeviceKeys.verify(key, DeviceKeys.listText(factorId.toString(), epochSecond), signature)) {
                return Uni.createFrom().failure(ProblemException.forbidden("the signature does not verify with the device's key"));
            }
            return store.pending(factorId);
        });
    }

    /** Records the device's signed answer; 403 for a bad signature, 404 unknown, 409 answered or expired. */
    public Uni<Void> answer(UUID factorId, String challengeId, String decision, int number, String signature) {
        return deviceKey(factorId).chain(key -> {
            if (!DeviceKeys.verify(key, DeviceKeys.answerText(challengeId, decision, number), signature)) {
                Log.warnf("push factor %s: answer to %s with a bad signature refused", factorId, challengeId);
                return Uni.createFrom().failure(ProblemException.forbidden("the signature does not verify with the device's key"));
            }
            return store.answer(factorId, challengeId, decision, number).map(answered -> switch (answered) {
                case ACCEPTED -> null;
                case NO_SUCH -> throw ProblemException.notFound("challenge " + challengeId);
                case ALREADY_ANSWERED -> throw ProblemException.conflict("the challenge was already answered");
                case EXPIRED -> throw ProblemException.conflict("the challenge expired");
            });
        });
    }

    private Uni<ECPublicKey> deviceKey(UUID factorId) {
        return factors.activePush(factorId).map(f -> DeviceKeys.parse(new String(factors.openSecret(f), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("push factor " + factorId + " holds no valid key")));
    }

    static Duration ttl(FactorSettings settings) {
        return settings.push().ttl();
    }
}
