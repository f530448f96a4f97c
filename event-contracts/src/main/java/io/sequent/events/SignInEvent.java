package io.sequent.events;

import java.util.Objects;

/**
 * The data of {@code auth.signin.*} audit events. {@code reason} holds what the client is never told
 * (why a sign-in was refused); {@code userId} is null when the username matched no user.
 */
public record SignInEvent(
        String transactionId,
        String userId,
        String orgId,
        String connection,
        String clientIp,
        String factorType,
        String status,
        String reason) {

    public SignInEvent {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
