package io.sequent.factor.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * S13: failures of one user's factor are counted cluster-wide within {@code window}; the
 * {@code maxFailures}-th failure, or the {@code maxFailuresPerTransaction}-th within one sign-in
 * transaction, locks the factor for {@code lockDuration}.
 */
public record Lockout(int maxFailures, int maxFailuresPerTransaction, Duration window, Duration lockDuration) {
    public Lockout {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lockDuration, "lockDuration");
        if (maxFailures < 1 || maxFailuresPerTransaction < 1) {
            throw new IllegalArgumentException("maxFailures and maxFailuresPerTransaction must be at least 1");
        }
        if (window.isNegative() || window.isZero() || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("window and lockDuration must be positive");
        }
    }
}
