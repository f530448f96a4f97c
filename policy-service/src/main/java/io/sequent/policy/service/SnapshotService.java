package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.sequent.events.EventCodec;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.persistence.SnapshotEntity;
import io.sequent.policy.persistence.SnapshotRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The compiled snapshot auth-flow evaluates; the first one is made at the first start. */
@ApplicationScoped
public class SnapshotService {

    private final SnapshotRepository snapshots;
    private final PolicyChanges changes;

    public SnapshotService(SnapshotRepository snapshots, PolicyChanges changes) {
        this.snapshots = snapshots;
        this.changes = changes;
    }

    @WithSession
    public Uni<PolicySnapshot> latest() {
        return snapshots.latest().map(stored -> {
            if (stored == null) {
                throw new ProblemException(503, "Service Unavailable", "no snapshot compiled yet; try again shortly");
            }
            return read(stored);
        });
    }

    /** A past snapshot, as published; audit entries name the version their change made. */
    @WithSession
    public Uni<PolicySnapshot> version(long version) {
        return snapshots.findById(version).map(stored -> {
            if (stored == null) {
                throw ProblemException.notFound("snapshot version " + version);
            }
            return read(stored);
        });
    }

    /** Publishes version 1 when the store has never published one (a fresh database). */
    @WithTransaction
    public Uni<Long> ensureFirstSnapshot() {
        return changes.lockAndLoad().chain(config -> config.state().snapshotVersion > 0
                ? Uni.createFrom().item(config.state().snapshotVersion)
                : changes.commit("system", "snapshot.initial", "environment", "snapshot", null, null));
    }

    void onStart(@Observes StartupEvent ignored) throws Throwable {
        long version = VertxContextSupport.subscribeAndAwait(this::ensureFirstSnapshot);
        Log.infof("policy snapshot version %d is current", version);
    }

    private static PolicySnapshot read(SnapshotEntity stored) {
        try {
            return EventCodec.mapper().readValue(stored.body, PolicySnapshot.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored snapshot " + stored.version + " is not readable", e);
        }
    }
}
