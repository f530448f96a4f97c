package io.sequent.factor.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.factor.domain.FactorProfiles;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code factor.*} events, queued in the outbox of the current transaction: never a secret, only ids, type, status
 * and why. An event about a change of a factor also carries the user's ACTIVE factors after it and the new version of
 * that set ({@code factor_user.factors_version}), so a consumer can keep a copy of who holds what.
 *
 * <p>Each such event adds one to the version: an enrollment that is active at once publishes {@code factor.enrolled} and
 * then {@code factor.activated}, two versions, the later one holding the final set. The UPDATE locks the user's row
 * until the transaction ends, so a concurrent change of the same user's factors waits for it: versions, and the
 * outbox rows of their events, follow the commit order. The ACTIVE factors are read after the UPDATE, so the waiting
 * transaction sees what the first one committed (each statement of a READ COMMITTED transaction reads what was
 * committed before it started).
 */
@ApplicationScoped
class FactorEvents {

    static final String SOURCE = "/sequent/factor";

    static final String NEXT_VERSION = "update factor_user set factors_version = factors_version + 1 where user_id = :userId "
            + "returning factors_version";

    /**
     * The columns the profile needs, as values rather than entities: an entity this session loaded earlier would be
     * returned as loaded, missing what a concurrent transaction committed since (a device name, a credential id).
     * Ordered as the internal list (FactorRows) orders them.
     */
    static final String ACTIVE = "select f.id, f.factorType, f.provider, f.display, f.question, f.webauthnCredentialId "
            + "from FactorEntity f where f.userId = :userId and f.status = :status order by f.createdAt, f.id";

    private final Outbox outbox;

    FactorEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Queues {@code type} about {@code factor}, changed in the current transaction, with the user's factor set after the
     * change. The session is flushed first, so the set read back includes this change.
     */
    Uni<Void> publish(EventType type, FactorEntity factor, String reason, Instant now) {
        return Panache.getSession()
                .chain(session -> session.flush().chain(() -> factorSet(session, factor.userId)))
                .chain(set -> outbox.publish(event(type, factor, reason, null, now, set)));
    }

    /** Queues {@code factor.locked}: a lock changes no enrollment, so it carries no set and takes no version. */
    Uni<Void> publishLocked(FactorEntity factor, String reason, Instant until, Instant now) {
        return outbox.publish(event(EventType.FACTOR_LOCKED, factor, reason, until, now, null));
    }

    /** The event about {@code factor}; {@code set} null: without the user's factor set. */
    private static CloudEvent<FactorEvent> event(EventType type, FactorEntity factor, String reason, Instant lockedUntil,
                                                 Instant now, FactorSet set) {
        var data = new FactorEvent(factor.userId.toString(), factor.id.toString(), factor.factorType.wireName(),
                factor.provider, factor.status.name(), reason, lockedUntil, set == null ? null : set.version(),
                set == null ? null : set.factors());
        return CloudEvent.of(type, SOURCE, factor.userId.toString(), factor.version, now, data);
    }

    private record FactorSet(long version, List<FactorEvent.Held> factors) {
    }

    /** The user's next factor-set version and their ACTIVE factors; null when factor-service has no row for the user. */
    private static Uni<FactorSet> factorSet(Mutiny.Session session, UUID userId) {
        return session.createNativeQuery(NEXT_VERSION, Long.class).setParameter("userId", userId).getSingleResultOrNull()
                .chain(version -> {
                    if (version == null) {
                        // not expected: enrolling requires a known user, and factor_user rows are never deleted
                        Log.debugf("user %s: no factor_user row, factor event published without the factor set", userId);
                        return Uni.createFrom().nullItem();
                    }
                    return session.createSelectionQuery(ACTIVE, Object[].class)
                            .setParameter("userId", userId).setParameter("status", FactorStatus.ACTIVE)
                            .getResultList()
                            .map(rows -> new FactorSet(version, rows.stream().map(FactorEvents::held).toList()));
                });
    }

    private static FactorEvent.Held held(Object[] row) {
        FactorType type = (FactorType) row[1];
        return new FactorEvent.Held(row[0].toString(), type.wireName(), (String) row[2],
                FactorProfiles.of(type, (String) row[3], (String) row[4], (byte[]) row[5]));
    }
}
