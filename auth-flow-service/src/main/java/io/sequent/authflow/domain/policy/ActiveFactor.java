package io.sequent.authflow.domain.policy;

import java.util.Objects;

/** One of the user's ACTIVE factor enrollments, as factor-service reports it. */
public record ActiveFactor(String factorId, String factorType) {
    public ActiveFactor {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(factorType, "factorType");
        if (factorType.isBlank()) {
            throw new IllegalArgumentException("factorType must not be blank");
        }
    }
}
