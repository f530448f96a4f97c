package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.sequent.events.EventType;
import io.sequent.events.Notification;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.config.FactorSettings;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.OneTimeCodes;
import io.sequent.factor.domain.SecretCipher;
import io.sequent.factor.messaging.Notifier;
import io.sequent.factor.persistence.FactorEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/** Issues a fresh code for an sms, call or email factor and hands it to the delivery adapters. */
@ApplicationScoped
public class CodeSender {

    private final CodeStore store;
    private final Notifier notifier;
    private final OneTimeCodes codes;
    private final SecretCipher cipher;
    private final FactorService factors;
    private final FactorSettings settings;
    private final Clock clock;

    public CodeSender(CodeStore store, Notifier notifier, OneTimeCodes codes, SecretCipher cipher, FactorService factors,
                      FactorSettings settings, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.codes = codes;
        this.cipher = cipher;
        this.factors = factors;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends a new code; answers when it expires. 429 (E0000109) within the resend cooldown, 503 when the broker refuses it. */
    public Uni<Instant> send(FactorEntity factor) {
        String destination = new String(factors.openSecret(factor), StandardCharsets.UTF_8);
        String code = codes.next();
        Instant expiresAt = clock.instant().plus(settings.code().ttl());
        return store.issue(factor.id, hash(factor, code)).chain(issued -> {
            if (issued instanceof CodeStore.Issued.CoolingDown cooling) {
                long seconds = Math.max(1, (cooling.retryAfterMillis() + 999) / 1000);
                return Uni.createFrom().failure(new ProblemException(429, "Too Many Requests",
                        "a code was sent recently; wait " + seconds + " s before asking for another", "E0000109", seconds));
            }
            var notification = new Notification(factor.userId.toString(), factor.id.toString(), destination, code, expiresAt, null);
            return notifier.send(type(factor.factorType), notification)
                    .onFailure().call(e -> {
                        Log.warnf("user %s factor %s: code not sent: %s", factor.userId, factor.id, e.getClass().getSimpleName());
                        return store.discard(factor.id);
                    })
                    .onFailure().transform(e -> new ProblemException(503, "Service Unavailable",
                            "the code could not be sent; try again shortly"))
                    .invoke(() -> Log.infof("user %s factor %s: code sent (%s)", factor.userId, factor.id, factor.factorType.wireName()))
                    .replaceWith(expiresAt);
        });
    }

    /** The keyed hash a code is stored and compared as. */
    byte[] hash(FactorEntity factor, String code) {
        return cipher.mac("code:" + factor.id, code);
    }

    private static EventType type(FactorType type) {
        return switch (type) {
            case SMS -> EventType.NOTIFICATION_SMS;
            case CALL -> EventType.NOTIFICATION_VOICE;
            case EMAIL -> EventType.NOTIFICATION_EMAIL;
            default -> throw new IllegalArgumentException(type.wireName() + " sends no code");
        };
    }
}
