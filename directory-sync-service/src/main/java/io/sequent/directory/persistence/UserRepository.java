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

    /** The users of one directory with these external ids (one import page). */
    public Uni<List<UserEntity>> byExternalIds(UUID directoryId, java.util.Collection<String> externalIds) {
        return list("directoryId = ?1 and externalId in ?2", directoryId, externalIds);
    }

    public Uni<UserEntity> byExternalId(UUID directoryId, String externalId) {
        return find("directoryId = ?1 and externalId = ?2", directoryId, externalId).firstResult();
    }

    /** Live users holding any of these usernames (lower case), to spot clashes before writing. */
    public Uni<List<UserEntity>> liveByUsernames(java.util.Collection<String> lowerUsernames) {
        return list("lower(username) in ?1 and status <> io.sequent.events.UserStatus.DELETED", lowerUsernames);
    }

    /** A page of a directory's not-deleted users after {@code afterId}, in id order (for the reconcile sweep). */
    public Uni<List<UserEntity>> liveOfDirectoryAfter(UUID directoryId, UUID afterId, int limit) {
        return find("directoryId = ?1 and id > ?2 and status <> io.sequent.events.UserStatus.DELETED order by id",
                directoryId, afterId).range(0, limit - 1).list();
    }

    public Uni<List<UserEntity>> page(int offset, int limit) {
        return findAll(io.quarkus.panache.common.Sort.by("username")).range(offset, offset + limit - 1).list();
    }
}
