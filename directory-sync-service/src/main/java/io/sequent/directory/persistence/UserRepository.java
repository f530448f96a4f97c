package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    /** The live (not deleted) user with this username, any case. */
    public Uni<UserEntity> findLiveByUsername(String username) {
        return find("lower(username) = lower(?1) and status <> io.sequent.events.UserStatus.DELETED", username)
                .firstResult();
    }

    public Uni<List<UserEntity>> page(int offset, int limit) {
        return findAll(io.quarkus.panache.common.Sort.by("username")).range(offset, offset + limit - 1).list();
    }
}
