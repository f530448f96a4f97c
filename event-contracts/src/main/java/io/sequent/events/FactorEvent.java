package io.sequent.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The data of {@code factor.enrolled|activated|reset|locked}. Never carries a secret.
 *
 * @param status      the enrollment status after the change (PENDING_ACTIVATION, ACTIVE, ...)
 * @param lockedUntil for {@code factor.locked}: when the lock ends
 */
public record FactorEvent(
        String userId,
        String factorId,
        String factorType,
        String provider,
        String status,
        String reason,
        Instant lockedUntil) {

    public FactorEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(factorType, "factorType");
    }
}
