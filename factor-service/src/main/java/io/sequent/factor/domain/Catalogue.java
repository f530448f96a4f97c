package io.sequent.factor.domain;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The enrollment catalogue (S11) for one user: every factor type active in the environment that the
 * user's enrollment policy marks REQUIRED or OPTIONAL, with whether the user has it ACTIVE. Types the
 * policy marks NOT_ALLOWED or does not name are left out, and so is everything when no policy targets the
 * user: auth-flow offers nothing to enroll then either. The policy is chosen as auth-flow chooses it: the
 * first by priority whose groups (empty = all) meet the user's and whose orgs (empty = all) hold the org.
 */
public final class Catalogue {

    public enum Status { NOT_SETUP, ACTIVE }

    public record Entry(FactorType type, Enrollment enrollment, Status status) {
    }

    private Catalogue() {
    }

    public static List<Entry> entries(PolicySnapshot snapshot, List<String> groups, String orgId, Set<FactorType> active) {
        Optional<EnrollmentPolicy> policy = policyFor(snapshot, groups, orgId);
        if (policy.isEmpty()) {
            return List.of();
        }
        return snapshot.activeFactorTypes().stream().distinct()
                .flatMap(name -> FactorType.fromWireName(name).stream())
                .map(type -> {
                    Enrollment e = policy.get().factors().get(type.wireName());
                    return e == Enrollment.REQUIRED || e == Enrollment.OPTIONAL
                            ? new Entry(type, e, active.contains(type) ? Status.ACTIVE : Status.NOT_SETUP) : null;
                })
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    public static Optional<EnrollmentPolicy> policyFor(PolicySnapshot snapshot, List<String> groups, String orgId) {
        return snapshot.enrollmentPolicies().stream()
                .sorted(Comparator.comparingInt(EnrollmentPolicy::priority))
                .filter(p -> p.groups().isEmpty() || p.groups().stream().anyMatch(groups::contains))
                .filter(p -> p.orgs().isEmpty() || (orgId != null && p.orgs().contains(orgId)))
                .findFirst();
    }

    /**
     * The org the catalogue is for, as a sign-in picks it: the one asked for (the user must be a member: else
     * empty), otherwise the default org when the user is a member of it, otherwise the only membership.
     */
    public static Optional<String> org(String requested, List<String> memberships, String defaultOrg) {
        if (requested != null) {
            return memberships.contains(requested) ? Optional.of(requested) : Optional.empty();
        }
        if (defaultOrg != null && memberships.contains(defaultOrg)) {
            return Optional.of(defaultOrg);
        }
        return memberships.size() == 1 ? Optional.of(memberships.get(0)) : Optional.empty();
    }
}
