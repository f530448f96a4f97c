package io.sequent.events.policy;

import java.util.Objects;

/** The data of {@code policy.changed}: the whole compiled snapshot, so a consumer needs nothing else. */
public record PolicyChanged(PolicySnapshot snapshot) {
    public PolicyChanged {
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
