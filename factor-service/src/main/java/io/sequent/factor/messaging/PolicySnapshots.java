package io.sequent.factor.messaging;

import io.sequent.events.policy.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest compiled policy (for the enrollment catalogue). Small, so each replica holds it in memory,
 * rebuilt from the compacted {@code sequent.policy.changes} topic at start; only a newer version replaces it.
 */
@ApplicationScoped
public class PolicySnapshots {

    private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();

    public Optional<PolicySnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** Keeps {@code snapshot} if it is newer than the one held; true when it was taken. */
    public boolean offer(PolicySnapshot snapshot) {
        PolicySnapshot before = current.getAndAccumulate(snapshot,
                (held, offered) -> held == null || offered.version() > held.version() ? offered : held);
        return before == null || snapshot.version() > before.version();
    }
}
