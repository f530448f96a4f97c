package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compiles the stored configuration into the snapshot auth-flow evaluates: everything in evaluation
 * order (policies, then their rules, by priority; enrollment policies by priority), factor types in
 * catalogue order and only the activated ones, every org with its MFA (an org without settings gets
 * the defaults: not enforced, the environment's methods).
 */
public final class SnapshotCompiler {

    static final OrgMfa NO_ORG_MFA = new OrgMfa(false, null, List.of(), List.of(), false);

    private SnapshotCompiler() {
    }

    /** The stored configuration, in any order. */
    public record Config(EnvironmentMfa environmentMfa, Collection<String> activeFactorTypes, List<OrgPolicy> orgs,
                         List<Connection> connections, List<EnrollmentPolicy> enrollmentPolicies,
                         List<SignOnPolicy> signOnPolicies) {
        public Config {
            Objects.requireNonNull(environmentMfa, "environmentMfa");
            activeFactorTypes = List.copyOf(activeFactorTypes);
            orgs = List.copyOf(orgs);
            connections = List.copyOf(connections);
            enrollmentPolicies = List.copyOf(enrollmentPolicies);
            signOnPolicies = List.copyOf(signOnPolicies);
        }
    }

    public static PolicySnapshot compile(Config config, long version, Instant compiledAt) {
        if (version < 1) {
            throw new IllegalArgumentException("snapshot versions start at 1");
        }
        Objects.requireNonNull(compiledAt, "compiledAt");
        List<String> active = config.activeFactorTypes().stream().filter(FactorTypes::isKnown).distinct()
                .sorted(Comparator.comparingInt(FactorTypes::position)).toList();
        List<OrgPolicy> orgs = config.orgs().stream()
                .map(o -> o.mfa() == null ? new OrgPolicy(o.orgId(), o.code(), o.name(), NO_ORG_MFA) : o)
                .sorted(Comparator.comparing(OrgPolicy::orgId)).toList();
        List<Connection> connections = config.connections().stream().sorted(Comparator.comparing(Connection::id)).toList();
        List<EnrollmentPolicy> enrollment = config.enrollmentPolicies().stream()
                .sorted(Comparator.comparingInt(EnrollmentPolicy::priority).thenComparing(EnrollmentPolicy::id)).toList();
        List<SignOnPolicy> policies = config.signOnPolicies().stream()
                .sorted(Comparator.comparingInt(SignOnPolicy::priority).thenComparing(SignOnPolicy::id))
                .map(p -> new SignOnPolicy(p.id(), p.name(), p.type(), p.appId(), p.priority(), p.groups(),
                        p.rules().stream().sorted(Comparator.comparingInt(SignOnRule::priority)
                                .thenComparing(SignOnRule::id)).toList()))
                .toList();
        return new PolicySnapshot(version, compiledAt, config.environmentMfa(), active, orgs, connections, enrollment,
                policies);
    }
}
