package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ImportRepository implements PanacheRepositoryBase<ImportEntity, UUID> {

    public Uni<ImportEntity> running(UUID directoryId) {
        return find("directoryId = ?1 and state = 'RUNNING'", directoryId).firstResult();
    }

    /** Fails RUNNING imports whose runner stopped sending heartbeats (a crashed replica). */
    public Uni<Integer> failStale(UUID directoryId, Instant heartbeatBefore, Instant now) {
        return update("state = 'FAILED', finishedAt = ?3, detail = 'the importing process stopped' "
                + "where directoryId = ?1 and state = 'RUNNING' and heartbeatAt < ?2", directoryId, heartbeatBefore, now);
    }
}
