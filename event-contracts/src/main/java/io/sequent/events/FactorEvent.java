package io.sequent.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data of {@code factor.enrolled|activated|reset|locked}. Never carries a secret.
 *
 * <p>{@code factorsVersion} and {@code factors} say what the change left: the user's ACTIVE factors after it, at a
 * version of the user's factor set that grows with every change to any of their factors. A consumer keeps the set with
 * the highest version it has seen (events of one user arrive in order, but may be read again). Both are absent on an
 * event that does not change the set ({@code factor.locked}) and on events published before they existed.
 *
 * @param status         the enrollment status after the change (PENDING_ACTIVATION, ACTIVE, ...)
 * @param lockedUntil    for {@code factor.locked}: when the lock ends
 * @param factorsVersion the version of the user's factor set after the change; null when not carried
 * @param factors        the user's ACTIVE factors after the change, as factor-service lists them; null when not carried
 */
public record FactorEvent(
        String userId,
        String factorId,
        String factorType,
        String provider,
        String status,
        String reason,
        Instant lockedUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long factorsVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Held> factors) {

    /** One ACTIVE factor: its id, type, provider and Okta profile (phone number, question, ...; never a secret). */
    public record Held(String id, String factorType, String provider, Map<String, String> profile) {
        public Held {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(factorType, "factorType");
            profile = profile == null ? Map.of() : profile;
        }
    }

    public FactorEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(factorType, "factorType");
        if ((factorsVersion == null) != (factors == null)) {
            throw new IllegalArgumentException("factorsVersion and factors come together");
        }
        factors = factors == null ? null : List.copyOf(factors);
    }

    /** An event that does not say what the user's factor set is now. */
    public FactorEvent(String userId, String factorId, String factorType, String provider, String status, String reason,
                       Instant lockedUntil) {
        this(userId, factorId, factorType, provider, status, reason, lockedUntil, null, null);
    }
}
