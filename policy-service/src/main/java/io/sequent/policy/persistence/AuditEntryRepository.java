package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {

    /** Newest first; {@code targetType} and {@code targetId} filter when not null. */
    public Uni<List<AuditEntryEntity>> page(String targetType, String targetId, int offset, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (targetType != null) {
            where.add("targetType = :type");
            parameters.and("type", targetType);
        }
        if (targetId != null) {
            where.add("targetId = :target");
            parameters.and("target", targetId);
        }
        Sort newestFirst = Sort.descending("id");
        var query = where.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", where), newestFirst, parameters);
        return query.range(offset, offset + limit - 1).list();
    }
}
