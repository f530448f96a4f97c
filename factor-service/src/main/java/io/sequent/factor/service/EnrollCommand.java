package io.sequent.factor.service;

import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import java.util.Objects;

/**
 * A validated enrollment, ready to store: what to seal ({@code secret}: a TOTP seed, a phone
 * number or an address), what to show ({@code display}), and a hash already computed ({@code verifier}).
 */
public record EnrollCommand(FactorType type, String provider, FactorStatus initialStatus, String display, String question,
                            byte[] secret, String verifier) {
    public EnrollCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(initialStatus, "initialStatus");
        if (initialStatus == FactorStatus.INACTIVE) {
            throw new IllegalArgumentException("a new enrollment is never INACTIVE");
        }
    }
}
