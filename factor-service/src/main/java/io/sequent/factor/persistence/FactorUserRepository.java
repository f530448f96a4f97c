package io.sequent.factor.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.sequent.events.UserSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FactorUserRepository implements PanacheRepositoryBase<FactorUserEntity, UUID> {

    /**
     * Stores the snapshot unless a snapshot of the same or a newer version is already stored;
     * answers whether it was applied. One statement, so concurrent consumers cannot go backwards.
     */
    public Uni<Boolean> applyIfNewer(UserSnapshot user) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into factor_user (user_id, version, source, status, username, updated_at)
                        values (:id, :version, :source, :status, :username, now())
                        on conflict (user_id) do update set version = excluded.version, source = excluded.source,
                            status = excluded.status, username = excluded.username, updated_at = excluded.updated_at
                        where factor_user.version < excluded.version""")
                .setParameter("id", UUID.fromString(user.userId()))
                .setParameter("version", user.version())
                .setParameter("source", user.source().name())
                .setParameter("status", user.status().name())
                .setParameter("username", user.username())
                .executeUpdate())
                .map(count -> count > 0);
    }
}
