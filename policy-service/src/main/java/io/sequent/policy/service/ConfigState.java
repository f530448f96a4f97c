package io.sequent.policy.service;

import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import io.sequent.policy.domain.SnapshotCompiler;
import io.sequent.policy.persistence.ConnectionEntity;
import io.sequent.policy.persistence.EnrollmentPolicyEntity;
import io.sequent.policy.persistence.FactorTypeEntity;
import io.sequent.policy.persistence.OrgEntity;
import io.sequent.policy.persistence.PolicyStateEntity;
import io.sequent.policy.persistence.SignOnPolicyEntity;
import io.sequent.policy.persistence.SignOnRuleEntity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The whole stored configuration, loaded inside one transaction (it is small: one admin's settings). */
public record ConfigState(PolicyStateEntity state, List<FactorTypeEntity> factorTypes, List<OrgEntity> orgs,
                          List<ConnectionEntity> connections, List<EnrollmentPolicyEntity> enrollmentPolicies,
                          List<SignOnPolicyEntity> policies, List<SignOnRuleEntity> rules) {

    public Set<String> activeFactorTypes() {
        return factorTypes.stream().filter(t -> t.active).map(t -> t.type).collect(Collectors.toSet());
    }

    public Set<String> orgIds() {
        return orgs.stream().map(o -> o.id).collect(Collectors.toSet());
    }

    public Optional<OrgEntity> org(String id) {
        return orgs.stream().filter(o -> o.id.equals(id)).findFirst();
    }

    public Optional<ConnectionEntity> connection(String id) {
        return connections.stream().filter(c -> c.id.equals(id)).findFirst();
    }

    public Optional<SignOnPolicyEntity> policy(String id) {
        return policies.stream().filter(p -> p.id.equals(id)).findFirst();
    }

    public List<SignOnRuleEntity> rulesOf(String policyId) {
        return rules.stream().filter(r -> r.policyId.equals(policyId)).toList();
    }

    public SignOnPolicy toPolicy(SignOnPolicyEntity policy) {
        List<SignOnRule> ruleList = rulesOf(policy.id).stream().map(SignOnRuleEntity::toRule).toList();
        return policy.toPolicy(ruleList);
    }

    public SnapshotCompiler.Config config() {
        return new SnapshotCompiler.Config(state.environmentMfa(), activeFactorTypes(),
                orgs.stream().map(OrgEntity::toPolicy).toList(),
                connections.stream().map(ConnectionEntity::toConnection).toList(),
                enrollmentPolicies.stream().map(EnrollmentPolicyEntity::toPolicy).toList(),
                policies.stream().map(this::toPolicy).toList());
    }
}
