package io.sequent.factor.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import java.util.List;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FactorUserRepository implements PanacheRepositoryBase<FactorUserEntity, UUID> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** A JSON array of strings as stored in groups and org_ids; empty for anything else. */
    public static List<String> strings(String json) {
        try {
            return json == null ? List.of() : List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /**
     * Stores the snapshot unless a snapshot of the same or a newer version is already stored;
     * answers whether it was applied. One statement, so concurrent consumers cannot go backwards.
     */
    public Uni<Boolean> applyIfNewer(UserSnapshot user) {
        String groups = json(user.groups());
        String orgs = json(user.memberships().stream().map(OrgMembership::orgId).toList());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into factor_user (user_id, version, source, status, username, groups, org_ids, default_org_id,
                            updated_at)
                        values (:id, :version, :source, :status, :username, :groups, :orgs, :defaultOrg, now())
                        on conflict (user_id) do update set version = excluded.version, source = excluded.source,
                            status = excluded.status, username = excluded.username, groups = excluded.groups,
                            org_ids = excluded.org_ids, default_org_id = excluded.default_org_id, updated_at = excluded.updated_at
                        where factor_user.version < excluded.version""")
                .setParameter("id", UUID.fromString(user.userId()))
                .setParameter("version", user.version())
                .setParameter("source", user.source().name())
                .setParameter("status", user.status().name())
                .setParameter("username", user.username())
                .setParameter("groups", groups)
                .setParameter("orgs", orgs)
                .setParameter("defaultOrg", user.defaultOrgId())
                .executeUpdate())
                .map(count -> count > 0);
    }
}
