package io.sequent.events.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything auth-flow needs to decide a sign-in, compiled by policy-service. Lists are in
 * evaluation order (policies and rules by priority). {@code version} grows with every committed change.
 */
public record PolicySnapshot(
        long version,
        Instant compiledAt,
        EnvironmentMfa environmentMfa,
        List<String> activeFactorTypes,
        List<OrgPolicy> orgs,
        List<Connection> connections,
        List<EnrollmentPolicy> enrollmentPolicies,
        List<SignOnPolicy> signOnPolicies) {

    public PolicySnapshot {
        Objects.requireNonNull(environmentMfa, "environmentMfa");
        activeFactorTypes = activeFactorTypes == null ? List.of() : List.copyOf(activeFactorTypes);
        orgs = orgs == null ? List.of() : List.copyOf(orgs);
        connections = connections == null ? List.of() : List.copyOf(connections);
        enrollmentPolicies = enrollmentPolicies == null ? List.of() : List.copyOf(enrollmentPolicies);
        signOnPolicies = signOnPolicies == null ? List.of() : List.copyOf(signOnPolicies);
    }

    /** Environment-wide MFA (S7). */
    public record EnvironmentMfa(MfaMode mode, List<String> methods) {
        public EnvironmentMfa {
            Objects.requireNonNull(mode, "mode");
            methods = methods == null ? List.of() : List.copyOf(methods);
        }
    }

    public enum MfaMode { NO, YES, OPTIONAL }

    /** One organisation and its MFA (S8); {@code mfa.methods} null means the environment's. */
    public record OrgPolicy(String orgId, String code, String name, OrgMfa mfa) {
        public OrgPolicy {
            Objects.requireNonNull(orgId, "orgId");
        }
    }

    public record OrgMfa(
            boolean enforced,
            List<String> methods,
            List<String> exemptRoles,
            List<String> exemptConnections,
            boolean enforcePasswordExpiryWithoutPassword) {
        public OrgMfa {
            methods = methods == null ? null : List.copyOf(methods);
            exemptRoles = exemptRoles == null ? List.of() : List.copyOf(exemptRoles);
            exemptConnections = exemptConnections == null ? List.of() : List.copyOf(exemptConnections);
        }
    }

    public enum ConnectionKind { IDP, IWA, SAML, OIDC }

    /** An enterprise connection; issuer, JWKS and audience check the assertion of a federated sign-in. */
    public record Connection(String id, String name, ConnectionKind kind, String orgId, String issuer,
                             String jwksUrl, String audience) {
        public Connection {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public enum Enrollment { REQUIRED, OPTIONAL, NOT_ALLOWED }

    /** Which factor types the targeted users must, may or may not enroll (S11). */
    public record EnrollmentPolicy(String id, String name, int priority, List<String> groups, List<String> orgs,
                                   java.util.Map<String, Enrollment> factors) {
        public EnrollmentPolicy {
            Objects.requireNonNull(id, "id");
            groups = groups == null ? List.of() : List.copyOf(groups);
            orgs = orgs == null ? List.of() : List.copyOf(orgs);
            factors = factors == null ? java.util.Map.of() : java.util.Map.copyOf(factors);
        }
    }

    public enum PolicyType { ORG, APP }

    /** A sign-on policy (S3); an APP policy names the client application it applies to. */
    public record SignOnPolicy(String id, String name, PolicyType type, String appId, int priority,
                               List<String> groups, List<SignOnRule> rules) {
        public SignOnPolicy {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            groups = groups == null ? List.of() : List.copyOf(groups);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    public record SignOnRule(String id, String name, int priority, RuleConditions conditions, RuleActions actions) {
        public SignOnRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(actions, "actions");
            conditions = conditions == null ? RuleConditions.ANY : conditions;
        }
    }

    /** Empty lists match everything. */
    public record RuleConditions(List<String> groupsInclude, List<String> groupsExclude, List<String> rolesInclude,
                                 List<String> rolesExclude, List<String> orgs, List<ConnectionKindOrPassword> connections,
                                 List<String> ipCidrs) {
        public static final RuleConditions ANY = new RuleConditions(null, null, null, null, null, null, null);

        public RuleConditions {
            groupsInclude = groupsInclude == null ? List.of() : List.copyOf(groupsInclude);
            groupsExclude = groupsExclude == null ? List.of() : List.copyOf(groupsExclude);
            rolesInclude = rolesInclude == null ? List.of() : List.copyOf(rolesInclude);
            rolesExclude = rolesExclude == null ? List.of() : List.copyOf(rolesExclude);
            orgs = orgs == null ? List.of() : List.copyOf(orgs);
            connections = connections == null ? List.of() : List.copyOf(connections);
            ipCidrs = ipCidrs == null ? List.of() : List.copyOf(ipCidrs);
        }
    }

    /** How a sign-in arrived: the built-in username flow, or an enterprise connection's kind. */
    public enum ConnectionKindOrPassword { PASSWORD, IDP, IWA, SAML, OIDC }

    public enum Access { ALLOW, DENY }

    public enum PrimaryAuth { PASSWORD, FACTOR_SEQUENCE }

    /**
     * @param chains          for FACTOR_SEQUENCE: 1..N ordered chains of 1..5 distinct factor types
     * @param mfaMethods      the factor types allowed as MFA by this rule; empty means the effective org/env set
     * @param sessionLifetimeSeconds how long a session from this rule lives
     */
    public record RuleActions(Access access, PrimaryAuth primary, List<List<String>> chains, boolean mfaRequired,
                              List<String> mfaMethods, long sessionLifetimeSeconds) {
        public RuleActions {
            Objects.requireNonNull(access, "access");
            primary = primary == null ? PrimaryAuth.PASSWORD : primary;
            chains = chains == null ? List.of() : chains.stream().map(List::copyOf).toList();
            mfaMethods = mfaMethods == null ? List.of() : List.copyOf(mfaMethods);
        }
    }
}
