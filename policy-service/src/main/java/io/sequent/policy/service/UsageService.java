package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.sequent.policy.domain.UsageReport;
import io.sequent.policy.persistence.OrgRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** S12: orgs using org-level MFA against the free quota. */
@ApplicationScoped
public class UsageService {

    private final OrgRepository orgs;
    private final int freeQuota;

    public UsageService(OrgRepository orgs,
                        @ConfigProperty(name = "sequent.policy.org-mfa-free-quota", defaultValue = "5") int freeQuota) {
        this.orgs = orgs;
        this.freeQuota = freeQuota;
    }

    @WithSession
    public Uni<UsageReport> report() {
        return orgs.usingOrgMfa().map(list -> UsageReport.of(list.stream()
                .map(o -> new UsageReport.OrgUsage(o.id, o.code, o.name, o.mfaInUseSince, false)).toList(), freeQuota));
    }
}
