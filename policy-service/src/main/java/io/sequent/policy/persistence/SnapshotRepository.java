package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SnapshotRepository implements PanacheRepositoryBase<SnapshotEntity, Long> {

    public Uni<SnapshotEntity> latest() {
        return findAll(Sort.descending("version")).firstResult();
    }
}
