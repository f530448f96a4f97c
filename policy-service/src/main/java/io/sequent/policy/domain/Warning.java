package io.sequent.policy.domain;

import java.util.Objects;

/** Something an admin should know about a change that was saved anyway; {@code rule} names the S-rule. */
public record Warning(String rule, String detail) {
    public Warning {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }
}
