package io.sequent.factor.service;

import io.sequent.factor.api.ProblemException;
import io.sequent.factor.domain.Catalogue;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.messaging.PolicySnapshots;
import io.sequent.factor.persistence.FactorUserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** The enrollment catalogue of one user, from the policy snapshot held in memory and the user's stored factors. */
@ApplicationScoped
public class CatalogueService {

    private final PolicySnapshots snapshots;
    private final UserDirectory users;
    private final FactorService factors;

    public CatalogueService(PolicySnapshots snapshots, UserDirectory users, FactorService factors) {
        this.snapshots = snapshots;
        this.users = users;
        this.factors = factors;
    }

    /** 503 until a policy snapshot has arrived; 404 for an unknown user; 400 for an org the user is not a member of. */
    public Uni<List<Catalogue.Entry>> catalogue(UUID userId, String orgId) {
        var snapshot = snapshots.current().orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "the enrollment policy has not been received yet; try again shortly", null, 5L));
        return users.require(userId).chain(user -> {
            List<String> orgs = FactorUserRepository.strings(user.orgIds);
            var org = Catalogue.org(orgId, orgs, user.defaultOrgId);
            if (orgId != null && org.isEmpty()) {
                throw ProblemException.badRequest("orgId: the user is not a member of org " + orgId);
            }
            return factors.list(userId, FactorStatus.ACTIVE).map(active -> {
                var types = EnumSet.noneOf(FactorType.class);
                active.forEach(f -> types.add(f.factorType));
                return Catalogue.entries(snapshot, FactorUserRepository.strings(user.groups), org.orElse(null), types);
            });
        });
    }
}
