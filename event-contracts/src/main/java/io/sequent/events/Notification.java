package io.sequent.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The data of {@code notification.sms|voice|email}: a one-time code for a delivery adapter (an SMS
 * gateway, a mail relay) to send. The topic is the only place the code travels in clear; it is never
 * logged.
 */
public record Notification(
        String userId,
        String factorId,
        String destination,
        String code,
        Instant expiresAt,
        String locale) {

    public Notification {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(code, "code");
    }
}
