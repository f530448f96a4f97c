package io.sequent.policy.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * S12: orgs using org-level MFA against a free quota. The first {@code freeQuota} orgs to start
 * using it (by time, then id) are free; the rest are billable.
 */
public record UsageReport(int freeQuota, int orgsUsingOrgMfa, int billable, List<OrgUsage> orgs) {

    public UsageReport {
        orgs = List.copyOf(orgs);
    }

    /** One org using org-level MFA since {@code since}. */
    public record OrgUsage(String orgId, String code, String name, Instant since, boolean billable) {
        public OrgUsage {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(since, "since");
        }
    }

    public static UsageReport of(List<OrgUsage> using, int freeQuota) {
        if (freeQuota < 0) {
            throw new IllegalArgumentException("the free quota cannot be negative");
        }
        List<OrgUsage> ordered = using.stream()
                .sorted(Comparator.comparing(OrgUsage::since).thenComparing(OrgUsage::orgId)).toList();
        List<OrgUsage> marked = new java.util.ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            OrgUsage u = ordered.get(i);
            marked.add(new OrgUsage(u.orgId(), u.code(), u.name(), u.since(), i >= freeQuota));
        }
        int billable = Math.max(0, ordered.size() - freeQuota);
        return new UsageReport(freeQuota, ordered.size(), billable, marked);
    }
}
