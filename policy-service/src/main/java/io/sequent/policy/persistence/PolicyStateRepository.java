package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class PolicyStateRepository implements PanacheRepositoryBase<PolicyStateEntity, Integer> {

    /** The state row, locked until the transaction ends: admin changes apply one after another. */
    public Uni<PolicyStateEntity> lock() {
        return findById(PolicyStateEntity.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<PolicyStateEntity> read() {
        return findById(PolicyStateEntity.ID);
    }
}
