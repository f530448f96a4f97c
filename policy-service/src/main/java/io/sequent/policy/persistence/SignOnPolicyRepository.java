package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SignOnPolicyRepository implements PanacheRepositoryBase<SignOnPolicyEntity, String> {

    public Uni<List<SignOnPolicyEntity>> ordered() {
        return listAll(Sort.by("priority").and("id"));
    }
}
