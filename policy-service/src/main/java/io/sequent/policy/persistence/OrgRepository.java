package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<OrgEntity, String> {

    public Uni<List<OrgEntity>> ordered() {
        return listAll(Sort.by("code").and("id"));
    }

    public Uni<List<OrgEntity>> usingOrgMfa() {
        return list("mfaInUseSince is not null", Sort.by("mfaInUseSince").and("id"));
    }
}
