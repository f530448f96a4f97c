package io.sequent.events;

import java.util.Objects;

/** The data of {@code auth.session.revoked}. */
public record SessionRevoked(String sessionId, String userId, String reason) {
    public SessionRevoked {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
    }
}
