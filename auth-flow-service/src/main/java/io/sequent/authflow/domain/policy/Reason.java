package io.sequent.authflow.domain.policy;

import java.util.Objects;

/**
 * One step of a decision: which rule fired, a stable code, and a human-readable detail. Reasons stay
 * inside Sequent (audit event, admin simulation); the end user never sees them (S1).
 */
public record Reason(Rule rule, String code, String detail) {
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return rule + " " + code + (detail.isEmpty() ? "" : ": " + detail);
    }
}
