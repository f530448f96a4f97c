package io.sequent.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SignOnRuleRepository implements PanacheRepositoryBase<SignOnRuleEntity, String> {

    public Uni<List<SignOnRuleEntity>> ordered() {
        return listAll(Sort.by("policyId").and("priority").and("id"));
    }

    public Uni<List<SignOnRuleEntity>> ofPolicy(String policyId) {
        return list("policyId", Sort.by("priority").and("id"), policyId);
    }
}
