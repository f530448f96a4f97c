package io.sequent.policy.service;

import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.policy.api.Views.ConnectionView;
import io.sequent.policy.api.Views.EnrollmentPolicyView;
import io.sequent.policy.api.Views.EnvironmentMfaView;
import io.sequent.policy.api.Views.FactorTypeView;
import io.sequent.policy.api.Views.OrgMfaView;
import io.sequent.policy.api.Views.OrgView;
import io.sequent.policy.api.Views.RuleView;
import io.sequent.policy.api.Views.SignOnPolicyView;
import io.sequent.policy.domain.Warning;
import io.sequent.policy.persistence.ConnectionEntity;
import io.sequent.policy.persistence.EnrollmentPolicyEntity;
import io.sequent.policy.persistence.FactorTypeEntity;
import io.sequent.policy.persistence.OrgEntity;
import io.sequent.policy.persistence.PolicyStateEntity;
import io.sequent.policy.persistence.SignOnPolicyEntity;
import io.sequent.policy.persistence.SignOnRuleEntity;
import java.util.List;

/** Entities to API views. */
final class Mapping {

    private Mapping() {
    }

    static EnvironmentMfaView environment(PolicyStateEntity state, List<Warning> warnings) {
        return new EnvironmentMfaView(state.envMfaMode, state.envMfaMethods, state.envVersion, warnings);
    }

    static OrgMfaView orgMfa(OrgEntity org, List<Warning> warnings) {
        OrgMfa mfa = org.mfa();
        return new OrgMfaView(mfa.enforced(), mfa.methods(), mfa.exemptRoles(), mfa.exemptConnections(),
                mfa.enforcePasswordExpiryWithoutPassword(), org.version, warnings);
    }

    static OrgView org(OrgEntity org) {
        return new OrgView(org.id, org.code, org.name, orgMfa(org, List.of()), org.version);
    }

    static ConnectionView connection(ConnectionEntity c) {
        return new ConnectionView(c.id, c.name, c.kind, c.orgId, c.issuer, c.jwksUrl, c.audience, c.version);
    }

    static FactorTypeView factorType(FactorTypeEntity t) {
        return new FactorTypeView(t.type, t.active ? "ACTIVE" : "INACTIVE", t.version);
    }

    static EnrollmentPolicyView enrollment(EnrollmentPolicyEntity p) {
        return enrollment(p, List.of());
    }

    static EnrollmentPolicyView enrollment(EnrollmentPolicyEntity p, List<Warning> warnings) {
        return new EnrollmentPolicyView(p.id, p.name, p.priority, p.groups, p.orgs, p.factors, p.version, warnings);
    }

    static RuleView rule(SignOnRuleEntity r, List<Warning> warnings) {
        return new RuleView(r.id, r.policyId, r.name, r.priority, r.conditions, r.actions, r.version, warnings);
    }

    static SignOnPolicyView policy(SignOnPolicyEntity p, List<SignOnRuleEntity> rules) {
        return new SignOnPolicyView(p.id, p.name, p.type, p.appId, p.priority, p.groups,
                rules.stream().map(r -> rule(r, List.of())).toList(), p.version);
    }
}
