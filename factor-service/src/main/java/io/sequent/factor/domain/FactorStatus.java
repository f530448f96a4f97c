package io.sequent.factor.domain;

/** The lifecycle of one enrollment: enrolled, then activated; reset or deprovisioned ends it. */
public enum FactorStatus {
    PENDING_ACTIVATION,
    ACTIVE,
    /** Reset by an admin or the user, or deactivated because the user was deleted; kept for audit, never verified. */
    INACTIVE
}
