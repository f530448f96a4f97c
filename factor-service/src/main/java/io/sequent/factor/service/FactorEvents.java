package io.sequent.factor.service;

import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.factor.persistence.FactorEntity;
import java.time.Instant;

/** The {@code factor.*} events: never a secret, only ids, type, status and why. */
final class FactorEvents {

    static final String SOURCE = "/sequent/factor";

    private FactorEvents() {
    }

    static CloudEvent<FactorEvent> of(EventType type, FactorEntity factor, String reason, Instant lockedUntil, Instant now) {
        var data = new FactorEvent(factor.userId.toString(), factor.id.toString(), factor.factorType.wireName(),
                factor.provider, factor.status.name(), reason, lockedUntil);
        return CloudEvent.of(type, SOURCE, factor.userId.toString(), factor.version, now, data);
    }
}
